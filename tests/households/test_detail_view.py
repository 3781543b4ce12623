from datetime import date

import pytest
from django.urls import reverse

from households.services import household_status_record

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
)

# Session, user, the user's read and write scope (2 each), household, members, statuses,
# history (3) with the wards and groups it names (2), the layout's roles: whatever the
# number of rows.
MAX_QUERIES = 15


def detail(household) -> str:
    return reverse("households:detail", args=[household.pk])


@pytest.fixture
def household(ward):
    """AG-0042 of `ward`: Nguyễn Đức Thắng, his wife, and a 2025 near-poor status."""
    h = HouseholdFactory(
        ward=ward,
        code="AG-0042",
        address="12 Lê Lợi",
        residential_group=ResidentialGroupFactory(parent=ward, name="Khóm Đông An"),
    )
    PersonFactory(household=h, full_name="Nguyễn Đức Thắng", national_id="089080001234")
    PersonFactory(
        household=h,
        full_name="Lê Thị Hoa",
        sex="female",
        birth_date=date(1985, 3, 9),
        relation_to_head="spouse",
        national_id="089185000777",
        disability_level="severe",
    )
    HouseholdStatusFactory(
        household=h, year=2025, classification="near_poor", decision_number="12/QĐ-UBND"
    )
    return h


def test_it_shows_the_household_its_members_and_statuses(client, ward_officer, household):
    client.force_login(ward_officer)

    response = client.get(detail(household))

    assert response.status_code == 200
    for text in [
        "AG-0042",
        "12 Lê Lợi",
        "Phường Long Xuyên, An Giang",
        "Khóm Đông An",
        "Nguyễn Đức Thắng",
        "089080001234",
        "Lê Thị Hoa",
        "09/03/1985",
        "Vợ/chồng",
        "Khuyết tật: nặng.",
        "Hộ cận nghèo",
        "12/QĐ-UBND",
    ]:
        assert text in response.text, text
    assert [p.full_name for p in response.context["household"].member_list] == [
        "Nguyễn Đức Thắng",
        "Lê Thị Hoa",
    ]


def test_it_offers_the_ward_officer_edit_delete_and_status_forms(client, ward_officer, household):
    client.force_login(ward_officer)

    response = client.get(detail(household))

    assert response.context["can_write"] is True
    for name in ("update", "delete", "status_record"):
        assert reverse(f"households:{name}", args=[household.pk]) in response.text


def test_it_shows_the_change_history_with_who_and_what(client, ward_officer, household):
    ward_officer.first_name, ward_officer.last_name = "Lan", "Võ Thị"
    ward_officer.save(update_fields=["first_name", "last_name"])
    household_status_record(
        user=ward_officer, household=household, values={"year": 2025, "classification": "poor"}
    )
    client.force_login(ward_officer)

    response = client.get(detail(household))

    history = response.text.split('<ol class="history">')[1]
    assert "Võ Thị Lan" in history
    assert "<del>Hộ cận nghèo</del> → <ins>Hộ nghèo</ins>" in history


def test_it_sends_anonymous_users_to_login(client, household):
    response = client.get(detail(household))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_hides_a_household_of_another_ward(client, other_ward_officer, household):
    client.force_login(other_ward_officer)

    response = client.get(detail(household))

    assert response.status_code == 404
    assert "Nguyễn Đức Thắng" not in response.text


def test_it_answers_404_for_a_household_that_does_not_exist(client, ward_officer, household):
    client.force_login(ward_officer)

    assert client.get(reverse("households:detail", args=[household.pk + 1000])).status_code == 404


def test_it_lets_an_approver_read_both_wards_of_the_province(
    client, approver, household, other_ward
):
    theirs = HouseholdFactory(ward=other_ward, code="BD-0001")
    client.force_login(approver)

    assert client.get(detail(household)).status_code == 200
    assert client.get(detail(theirs)).status_code == 200


def test_it_offers_an_approver_no_edit_links(client, approver, household):
    client.force_login(approver)

    response = client.get(detail(household))

    assert response.context["can_write"] is False
    for name in ("update", "delete", "status_record"):
        assert reverse(f"households:{name}", args=[household.pk]) not in response.text


def test_it_hides_a_far_ward_household_from_the_approver(client, approver, far_ward):
    far = HouseholdFactory(ward=far_ward)
    client.force_login(approver)

    assert client.get(detail(far)).status_code == 404


def test_it_lets_a_superuser_read_any_ward(client, admin_user, far_ward):
    far = HouseholdFactory(ward=far_ward)
    client.force_login(admin_user)

    assert client.get(detail(far)).status_code == 200


def test_it_refuses_to_be_posted_to(client, ward_officer, household):
    client.force_login(ward_officer)

    assert client.post(detail(household)).status_code == 405


@pytest.mark.parametrize("n", [3, 15])
def test_it_renders_in_a_fixed_number_of_queries(
    client, ward_officer, ward, n, django_assert_max_num_queries
):
    group = ResidentialGroupFactory(parent=ward)
    h = HouseholdFactory(ward=ward, residential_group=group)
    PersonFactory(household=h)
    for i in range(n):
        PersonFactory(household=h, relation_to_head="child", birth_date=date(2005 + i % 10, 1, 1))
        HouseholdStatusFactory(household=h, year=2000 + i, classification="poor")
        h.address = f"{i} Trần Hưng Đạo"
        h.residential_group = ResidentialGroupFactory(parent=ward) if i % 2 else group
        h.save()  # a history row naming a group
    client.force_login(ward_officer)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(detail(h))

    assert len(response.context["household"].member_list) == n + 1
    assert len(response.context["history"]) >= 3 * n
