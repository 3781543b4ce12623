"""Names listed in Vietnamese alphabetical order, numbers by value."""

import pytest

from areas.queries import (
    residential_groups_of_ward,
    vietnamese_order,
    ward_choices,
    wards_visible_to,
)

from ..factories import ResidentialGroupFactory, UserFactory, WardFactory

# PostgreSQL's ICU collation (vi_natural), as the suite runs on PostgreSQL.
pytestmark = pytest.mark.django_db


def test_wards_sort_with_d_stroke_after_d_and_accented_initials_in_place(approver, province):
    for name in ("Phường Đông Xuyên", "Phường Ấp Bắc", "Phường Bình Đức", "Phường Dương Tơ"):
        WardFactory(parent=province, name=name)

    names = list(
        wards_visible_to(approver).order_by(vietnamese_order("name")).values_list("name", flat=True)
    )

    # In code-point order Đ and Ấ come after every plain letter.
    assert names == ["Phường Ấp Bắc", "Phường Bình Đức", "Phường Dương Tơ", "Phường Đông Xuyên"]


def test_residential_groups_sort_by_their_number(ward_officer, ward):
    for name in ("Khóm 10", "Khóm 2", "Khóm 1"):
        ResidentialGroupFactory(parent=ward, name=name)

    groups = residential_groups_of_ward(ward_officer, ward.pk)

    assert [g.name for g in groups] == ["Khóm 1", "Khóm 2", "Khóm 10"]


def test_ward_choices_name_the_province_only_when_the_scope_spans_several(
    approver, ward, other_ward, far_ward
):
    admin = UserFactory(username="sieu_quan_tri", is_superuser=True)

    assert ward_choices(approver) == [(other_ward.pk, other_ward.name), (ward.pk, ward.name)]
    assert ward_choices(admin) == [
        (other_ward.pk, f"{other_ward.name}, {other_ward.parent.name}"),
        (ward.pk, f"{ward.name}, {ward.parent.name}"),
        (far_ward.pk, f"{far_ward.name}, {far_ward.parent.name}"),
    ]
