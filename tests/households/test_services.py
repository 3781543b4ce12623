from datetime import date

import pytest

from households.models import Household, HouseholdStatus, Person
from households.services import (
    RegisterError,
    StaleEdit,
    household_delete,
    household_save,
    household_status_record,
)

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
)
from .register import (
    HEAD_ID,
    SPOUSE_ID,
    create,
    household_values,
    member,
    spouse_member,
    update,
)


def test_it_creates_a_household_with_its_members(ward_officer, ward):
    group = ResidentialGroupFactory(parent=ward)

    household = create(ward_officer, ward, residential_group=group)

    household.refresh_from_db()
    assert (household.ward, household.residential_group, household.code) == (ward, group, "AG-001")
    assert household.version == 1
    people = list(household.members.order_by("pk"))
    assert [(p.full_name, p.relation_to_head, p.national_id) for p in people] == [
        ("Nguyễn Đức Thắng", "head", HEAD_ID),
        ("Trần Thị Mai", "spouse", SPOUSE_ID),
    ]
    assert people[0].search_name == "nguyen duc thang"


def test_it_stores_names_in_nfc_with_single_spaces(ward_officer, ward):
    decomposed = "  Nguye\u0302\u0303n   Đức Thắng "

    household = create(ward_officer, ward, members=[member(full_name=decomposed)])

    person = household.members.get()
    assert person.full_name == "Nguyễn Đức Thắng"
    assert person.search_name == "nguyen duc thang"


def test_it_treats_missing_optional_values_as_blank(ward_officer, ward):
    household = household_save(
        user=ward_officer,
        household=None,
        values={"ward": ward, "code": "AG-002"},
        members=[member()],
    )

    household.refresh_from_db()
    assert (household.address, household.phone, household.notes) == ("", "", "")
    assert household.residential_group is None


def test_it_updates_fields_members_and_version_in_one_save(ward_officer, ward):
    household = create(ward_officer, ward)
    head, spouse = household.members.order_by("pk")

    update(
        ward_officer,
        household,
        address="15 Trần Hưng Đạo",
        members=[
            member(head.pk, full_name="Nguyễn Đức Thắng", national_id=HEAD_ID),
            member(spouse.pk, delete=True),
            member(
                full_name="Nguyễn Văn Bình",
                birth_date=date(2010, 9, 2),
                relation_to_head="child",
            ),
        ],
    )

    household.refresh_from_db()
    assert (household.address, household.version) == ("15 Trần Hưng Đạo", 2)
    assert [(p.pk == head.pk, p.full_name) for p in household.members.order_by("pk")] == [
        (True, "Nguyễn Đức Thắng"),
        (False, "Nguyễn Văn Bình"),
    ]
    assert not Person.objects.filter(pk=spouse.pk).exists()


def test_it_keeps_members_the_save_does_not_mention(ward_officer, ward):
    household = create(ward_officer, ward)
    head, spouse = household.members.order_by("pk")

    update(ward_officer, household, members=[member(head.pk, national_id=HEAD_ID)])

    assert set(household.members.all()) == {head, spouse}


@pytest.mark.parametrize("new_head_first", [False, True], ids=["old_head_first", "new_head_first"])
def test_it_swaps_the_head_between_two_members_in_one_save(ward_officer, ward, new_head_first):
    household = create(ward_officer, ward)
    head, spouse = household.members.order_by("pk")
    swapped = [
        member(head.pk, national_id=HEAD_ID, relation_to_head="spouse"),
        spouse_member(spouse.pk, relation_to_head="head"),
    ]

    # With the old head listed first, a naive save would briefly hold two heads.
    update(ward_officer, household, members=swapped[::-1] if new_head_first else swapped)

    relations = dict(household.members.values_list("pk", "relation_to_head"))
    assert relations == {head.pk: "spouse", spouse.pk: "head"}


@pytest.mark.parametrize(
    ("relations", "message"),
    [(["spouse", "child"], "chưa có ai"), (["head", "head"], "đang có 2 người")],
)
def test_it_refuses_a_household_without_exactly_one_head(ward_officer, ward, relations, message):
    members = [member(full_name=f"Người {i}", relation_to_head=r) for i, r in enumerate(relations)]

    with pytest.raises(RegisterError, match=message):
        create(ward_officer, ward, members=members)

    assert not Household.objects.exists()
    assert not Person.objects.exists()


def test_it_refuses_a_second_head_next_to_a_member_left_unmentioned(ward_officer, ward):
    household = create(ward_officer, ward)
    head, spouse = household.members.order_by("pk")

    with pytest.raises(RegisterError, match="đang có 2 người"):
        update(
            ward_officer,
            household,
            members=[member(spouse.pk, full_name="Trần Thị Mai", relation_to_head="head")],
        )

    relations = dict(household.members.values_list("pk", "relation_to_head"))
    assert relations == {head.pk: "head", spouse.pk: "spouse"}


def test_it_refuses_a_stale_edit_and_writes_nothing(ward_officer, ward):
    household = create(ward_officer, ward)
    stale = Household.objects.get(pk=household.pk)
    household_save(
        user=ward_officer,
        household=household,
        values=household_values(ward, address="Sửa trước"),
        members=[],
        version=1,
    )

    with pytest.raises(StaleEdit, match="vừa được người khác sửa"):
        household_save(
            user=ward_officer,
            household=stale,
            values=household_values(ward, address="Sửa sau"),
            members=[member(full_name="Không được lưu", relation_to_head="child")],
            version=1,
        )

    stale.refresh_from_db()
    assert (stale.address, stale.version) == ("Sửa trước", 2)
    assert not Person.objects.filter(full_name="Không được lưu").exists()


def test_it_refuses_a_national_id_held_in_another_household(ward_officer, ward, other_ward):
    PersonFactory(household=HouseholdFactory(ward=other_ward), national_id=HEAD_ID)

    with pytest.raises(RegisterError, match=f"{HEAD_ID} đã thuộc một người ở hộ khác"):
        create(ward_officer, ward)

    assert not Household.objects.filter(ward=ward).exists()
    assert Person.objects.filter(national_id=HEAD_ID).count() == 1


def test_it_refuses_a_national_id_taken_over_on_update_and_keeps_the_household(ward_officer, ward):
    elsewhere = PersonFactory(household=HouseholdFactory(ward=ward))
    household = create(ward_officer, ward)
    head = household.members.get(relation_to_head="head")

    with pytest.raises(RegisterError, match="đã thuộc một người ở hộ khác"):
        update(
            ward_officer,
            household,
            address="Không được lưu",
            members=[member(head.pk, national_id=elsewhere.national_id)],
        )

    household.refresh_from_db()
    head.refresh_from_db()
    assert (household.address, household.version, head.national_id) == ("12 Lê Lợi", 1, HEAD_ID)


def test_it_refuses_a_household_code_already_used_in_the_ward(ward_officer, ward):
    HouseholdFactory(ward=ward, code="AG-001")

    with pytest.raises(RegisterError, match="AG-001 đã có"):
        create(ward_officer, ward, members=[member()])

    assert Household.objects.count() == 1
    assert not Person.objects.exists()


def test_it_allows_the_same_household_code_in_another_ward(ward_officer, ward, other_ward):
    HouseholdFactory(ward=other_ward, code="AG-001")

    create(ward_officer, ward, members=[member()])

    assert Household.objects.filter(code="AG-001").count() == 2


def test_it_refuses_to_write_a_ward_outside_the_users_scope(ward_officer, approver, other_ward):
    for user in (ward_officer, approver):
        with pytest.raises(RegisterError, match="không có quyền"):
            create(user, other_ward, members=[member()])

    assert not Household.objects.exists()


def test_it_refuses_a_member_of_another_household(ward_officer, ward):
    stranger = PersonFactory(household=HouseholdFactory(ward=ward), relation_to_head="head")
    household = create(ward_officer, ward)

    with pytest.raises(RegisterError, match="không thuộc hộ này"):
        update(
            ward_officer,
            household,
            members=[member(stranger.pk, full_name="Đổi tên", relation_to_head="child")],
        )

    before = (stranger.household_id, stranger.full_name, stranger.relation_to_head)
    stranger.refresh_from_db()
    assert (stranger.household_id, stranger.full_name, stranger.relation_to_head) == before


def test_it_records_who_saved_in_the_history(ward_officer, ward):
    household = create(ward_officer, ward)

    assert household.history.get().history_user == ward_officer
    assert {r.history_user for r in Person.history.filter(household_id=household.pk)} == {
        ward_officer
    }


def test_it_deletes_a_household_with_its_members_and_statuses_keeping_history(ward_officer, ward):
    household = create(ward_officer, ward)
    household_status_record(
        user=ward_officer, household=household, values={"year": 2025, "classification": "poor"}
    )
    pk = household.pk

    # Typed in by mistake and deleted on the day (the status holds from then on).
    household_delete(user=ward_officer, household=household, today=date(2025, 1, 1))

    assert not Household.objects.filter(pk=pk).exists()
    assert not Person.objects.filter(household_id=pk).exists()
    assert not HouseholdStatus.objects.filter(household_id=pk).exists()
    deleted = [
        *Household.history.filter(id=pk, history_type="-"),
        *Person.history.filter(household_id=pk, history_type="-"),
        *HouseholdStatus.history.filter(household_id=pk, history_type="-"),
    ]
    assert len(deleted) == 4
    assert {r.history_user for r in deleted} == {ward_officer}
    assert Household.history.filter(id=pk).count() == 2  # created, deleted


def test_it_records_a_status_and_corrects_the_same_year(ward_officer, ward):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=2024, classification="poor")

    first = household_status_record(
        user=ward_officer, household=household, values={"year": 2025, "classification": "poor"}
    )
    second = household_status_record(
        user=ward_officer,
        household=household,
        values={"year": 2025, "classification": "near_poor", "decision_number": "12/QĐ-UBND"},
    )

    assert second.pk == first.pk
    assert dict(household.statuses.values_list("year", "classification")) == {
        2024: "poor",
        2025: "near_poor",
    }
    assert household.statuses.get(year=2025).decision_number == "12/QĐ-UBND"
    assert second.history.latest().history_user == ward_officer
