"""What a preview finds when it compares a list with the register: people held elsewhere,
members moving between households, a changed head, unknown groups, other wards."""

import pytest

from areas.models import Area, AreaMapping, Level
from households.models import Household, Person
from imports.services import ImportRefused, import_commit_request

from ..factories import HouseholdFactory, PersonFactory
from .jobs import commit, import_list, messages_at, preview, upload
from .sheets import FIRST_LINE, HEADER, census, family, two_families, xlsx


def test_an_id_already_in_another_ward_is_shown_and_never_moved(
    ward_officer, ward, other_ward, dong_an
):
    head_id = family("LX-001")[0]["Số CCCD"]
    elsewhere = PersonFactory(
        household=HouseholdFactory(ward=other_ward, code="BD-9"), national_id=head_id
    )

    job = preview(upload(ward_officer, ward, family("LX-001")), ward_officer)

    assert messages_at(job, FIRST_LINE) == [
        f"Số CCCD: Số định danh {head_id} đã thuộc một hộ ở Phường Bình Đức: ansinh không tự "
        "chuyển người giữa các xã, phường; hãy liên hệ nơi đó."
    ]
    assert job.blocking_count == 1
    with pytest.raises(ImportRefused):
        import_commit_request(user=ward_officer, job=job)
    elsewhere.refresh_from_db()
    assert elsewhere.household.code == "BD-9"


def test_a_member_moved_to_another_household_of_the_ward_is_announced_then_moved(
    ward_officer, ward, dong_an
):
    import_list(ward_officer, ward, two_families())
    people = two_families()
    wife = people[1] | {"Mã hộ": "LX-002", "Quan hệ với chủ hộ": "Chị"}
    people = [people[0], people[2], *people[3:], wife]

    job = preview(upload(ward_officer, ward, people), ward_officer)

    assert messages_at(job, FIRST_LINE + 5) == [
        "Số CCCD: Trần Thị Bình 1 sẽ chuyển từ hộ LX-001 sang hộ LX-002."
    ]
    assert job.blocking_count == 0
    commit(job, ward_officer)
    moved = Person.objects.get(full_name="Trần Thị Bình 1")
    assert (moved.household.code, moved.relation_to_head) == ("LX-002", "sibling")


def test_the_head_of_an_unlisted_household_is_not_taken_into_another(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    head = family("LX-001")[0] | {"Mã hộ": "LX-009", "Quan hệ với chủ hộ": "Chủ hộ"}

    job = preview(upload(ward_officer, ward, [head]), ward_officer)

    assert messages_at(job, FIRST_LINE) == [
        "Số CCCD: Nguyễn Văn An 1 đang là chủ hộ LX-001: hãy đổi chủ hộ đó trước khi chuyển "
        "sang hộ LX-009."
    ]
    assert job.blocking_count == 1


def test_a_new_head_needs_the_registers_head_listed_too(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    people = family("LX-001")[1:]
    people[0]["Quan hệ với chủ hộ"] = "Chủ hộ"

    job = preview(upload(ward_officer, ward, people), ward_officer)

    assert messages_at(job, FIRST_LINE) == [
        "Quan hệ với chủ hộ: Trong sổ, chủ hộ LX-001 là Nguyễn Văn An 1, người này không có "
        "trong danh sách: hãy ghi cả người đó (với quan hệ mới) để đổi chủ hộ."
    ]
    assert job.blocking_count == 1


def test_a_list_may_change_the_head_when_it_lists_the_old_head_too(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    people = family("LX-001")
    people[0]["Quan hệ với chủ hộ"] = "Chồng"
    people[1]["Quan hệ với chủ hộ"] = "Chủ hộ"

    import_list(ward_officer, ward, people)

    relations = dict(Person.objects.values_list("full_name", "relation_to_head"))
    assert relations == {
        "Nguyễn Văn An 1": "spouse",
        "Trần Thị Bình 1": "head",
        "Nguyễn Văn Cường 1": "child",
    }


def test_an_unknown_group_blocks_the_preview_until_the_officer_chooses_to_create_it(
    ward_officer, ward, dong_an
):
    people = family("LX-001", group="Khóm Mỹ Thới")
    job = preview(upload(ward_officer, ward, people), ward_officer)
    assert job.blocking_count == 1
    assert "Chưa có tổ dân phố, khóm “Khóm Mỹ Thới”" in messages_at(job, FIRST_LINE)[0]

    job = preview(job, ward_officer, create_groups=True)
    assert (job.blocking_count, job.warning_count) == (0, 1)
    assert messages_at(job, FIRST_LINE) == [
        "Tổ dân phố/Khóm/Thôn: Sẽ tạo tổ dân phố, khóm mới “Khóm Mỹ Thới”."
    ]
    commit(job, ward_officer)

    group = Area.objects.get(parent=ward, level=Level.RESIDENTIAL_GROUP, name="Mỹ Thới")
    assert group.kind == dong_an.kind
    assert Household.objects.get(code="LX-001").residential_group == group


def test_a_list_naming_the_ward_before_2025_is_read_as_this_ward(ward_officer, ward, dong_an):
    AreaMapping.objects.create(
        old_province="Tỉnh An Giang",
        old_district="Thành phố Long Xuyên",
        old_ward="Phường Mỹ Long",
        new_ward=ward,
    )
    people = [p | {"Xã/Phường": "Phường Mỹ Long"} for p in family("LX-001")]
    data = xlsx(census(people, header=[*HEADER, "Xã/Phường"]))

    job = import_list(ward_officer, ward, data)

    assert job.counts["persons_new"] == 3
    assert Household.objects.get().ward == ward


def test_a_list_naming_another_ward_is_refused_row_by_row(ward_officer, ward, dong_an):
    people = [p | {"Xã/Phường": "Phường Mỹ Long"} for p in family("LX-001")]
    data = xlsx(census(people, header=[*HEADER, "Xã/Phường"]))

    job = preview(upload(ward_officer, ward, data), ward_officer)

    assert job.blocking_count == 3
