from datetime import date

from households.history import Change, household_history
from households.models import Household
from households.services import household_delete, household_status_record

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
    UserFactory,
)
from .register import HEAD_ID, create, member, spouse_member, update


def entry_for(entries, subject, action):
    found = [e for e in entries if e.subject == subject and e.action == action]
    assert len(found) == 1, f"{subject} {action}: {entries}"
    return found[0]


def test_it_tells_who_created_the_household_and_its_members(officer, ward):
    household = create(officer, ward)

    entries = household_history(household)

    assert {(e.subject, e.action, e.who) for e in entries} == {
        ("Hộ: AG-001", "created", "Võ Thị Lan"),
        ("Nhân khẩu: Nguyễn Đức Thắng", "created", "Võ Thị Lan"),
        ("Nhân khẩu: Trần Thị Mai", "created", "Võ Thị Lan"),
    }
    created = entry_for(entries, "Hộ: AG-001", "created")
    assert Change("mã hộ", "", "AG-001") in created.changes
    assert Change("xã, phường", "", "Phường Long Xuyên") in created.changes
    assert Change("địa chỉ", "", "12 Lê Lợi") in created.changes
    assert "điện thoại" not in {c.field for c in created.changes}  # blank: nothing to tell
    spouse = entry_for(entries, "Nhân khẩu: Trần Thị Mai", "created")
    assert Change("quan hệ với chủ hộ", "", "Vợ/chồng") in spouse.changes
    assert Change("ngày sinh", "", "01/02/1983") in spouse.changes


def test_it_lists_only_what_changed_with_old_and_new_values(officer, ward):
    household = create(officer, ward)

    update(officer, household, address="15 Trần Hưng Đạo")

    changed = entry_for(household_history(household), "Hộ: AG-001", "changed")
    assert changed.who == "Võ Thị Lan"
    assert changed.changes == [Change("địa chỉ", "12 Lê Lợi", "15 Trần Hưng Đạo")]


def test_it_names_the_residential_groups_a_household_moved_between(officer, ward):
    first = ResidentialGroupFactory(parent=ward, name="Khóm Đông An")
    second = ResidentialGroupFactory(parent=ward, name="Khóm Đông Phú")
    household = create(officer, ward, residential_group=first)

    update(officer, household, residential_group=second)

    changed = entry_for(household_history(household), "Hộ: AG-001", "changed")
    assert changed.changes == [Change("tổ dân phố, khóm, ấp", "Khóm Đông An", "Khóm Đông Phú")]


def test_it_tells_a_members_changes_by_their_labels(officer, ward):
    household = create(officer, ward)
    head, spouse = household.members.order_by("pk")

    update(
        officer,
        household,
        members=[
            member(head.pk, national_id=HEAD_ID, relation_to_head="spouse"),
            spouse_member(spouse.pk, relation_to_head="head", disability_level="severe"),
        ],
    )

    entries = household_history(household)
    assert entry_for(entries, "Nhân khẩu: Nguyễn Đức Thắng", "changed").changes == [
        Change("quan hệ với chủ hộ", "Chủ hộ", "Vợ/chồng")
    ]
    assert entry_for(entries, "Nhân khẩu: Trần Thị Mai", "changed").changes == [
        Change("quan hệ với chủ hộ", "Vợ/chồng", "Chủ hộ"),
        Change("mức độ khuyết tật", "", "Nặng"),
    ]


def test_it_leaves_out_saves_that_changed_nothing(officer, ward):
    household = create(officer, ward)
    head, spouse = household.members.order_by("pk")

    update(
        officer,
        household,
        address="15 Trần Hưng Đạo",
        members=[member(head.pk, national_id=HEAD_ID)],  # re-sent as it was
    )

    entries = household_history(household)
    assert [(e.subject, e.action) for e in entries if e.action == "changed"] == [
        ("Hộ: AG-001", "changed")
    ]


def test_it_tells_who_recorded_and_corrected_a_status(officer, ward):
    household = create(officer, ward)
    household_status_record(
        user=officer, household=household, values={"year": 2025, "classification": "poor"}
    )
    corrector = UserFactory(username="kiemtra", first_name="", last_name="")

    household_status_record(
        user=corrector, household=household, values={"year": 2025, "classification": "near_poor"}
    )

    entries = household_history(household)
    recorded = entry_for(entries, "Phân loại: 2025", "created")
    corrected = entry_for(entries, "Phân loại: 2025", "changed")
    assert recorded.who == "Võ Thị Lan"
    assert Change("phân loại", "", "Hộ nghèo") in recorded.changes
    assert corrected.who == "kiemtra"  # no full name: the username
    assert corrected.changes == [Change("phân loại", "Hộ nghèo", "Hộ cận nghèo")]


def test_it_keeps_telling_who_deleted_the_household_and_everything_it_held(officer, ward):
    household = create(officer, ward)
    household_status_record(
        user=officer, household=household, values={"year": 2025, "classification": "poor"}
    )
    pk = household.pk

    # Typed in by mistake and deleted on the day (the status holds from then on).
    household_delete(user=officer, household=household, today=date(2025, 1, 1))

    entries = household_history(Household(pk=pk))
    deleted = {(e.subject, e.who) for e in entries if e.action == "deleted"}
    assert deleted == {
        ("Hộ: AG-001", "Võ Thị Lan"),
        ("Nhân khẩu: Nguyễn Đức Thắng", "Võ Thị Lan"),
        ("Nhân khẩu: Trần Thị Mai", "Võ Thị Lan"),
        ("Phân loại: 2025", "Võ Thị Lan"),
    }
    assert all(e.changes == [] for e in entries if e.action == "deleted")
    assert entries[0].action == "deleted"  # newest first


def test_it_tells_a_deleted_member_apart_from_the_household(officer, ward):
    household = create(officer, ward)
    head, spouse = household.members.order_by("pk")

    update(officer, household, members=[member(spouse.pk, delete=True)])

    entries = household_history(household)
    assert entry_for(entries, "Nhân khẩu: Trần Thị Mai", "deleted").who == "Võ Thị Lan"
    assert not [e for e in entries if e.subject == "Hộ: AG-001" and e.action == "deleted"]


def test_it_calls_writes_without_a_user_the_system(ward):
    household = HouseholdFactory(ward=ward, code="AG-009")
    PersonFactory(household=household, full_name="Lê Văn Tám")
    HouseholdStatusFactory(household=household, year=2024)

    entries = household_history(household)

    assert {(e.subject, e.who) for e in entries} == {
        ("Hộ: AG-009", "hệ thống"),
        ("Nhân khẩu: Lê Văn Tám", "hệ thống"),
        ("Phân loại: 2024", "hệ thống"),
    }


def test_it_leaves_out_other_households(officer, ward):
    household = create(officer, ward)
    neighbour = HouseholdFactory(ward=ward, code="AG-002")
    PersonFactory(household=neighbour, full_name="Lê Văn Tám")
    HouseholdStatusFactory(household=neighbour)

    subjects = {e.subject for e in household_history(household)}

    assert subjects == {"Hộ: AG-001", "Nhân khẩu: Nguyễn Đức Thắng", "Nhân khẩu: Trần Thị Mai"}


def test_it_returns_the_newest_entries_up_to_the_limit(officer, ward):
    household = create(officer, ward)
    for n in range(1, 4):
        update(officer, household, address=f"{n} Lê Lợi")

    entries = household_history(household, limit=2)

    assert [c.new for e in entries for c in e.changes] == ["3 Lê Lợi", "2 Lê Lợi"]
