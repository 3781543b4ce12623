"""households.services.events: a person is born into or joins a household, leaves it or
dies; the dated memberships answer who was a member, as what, on the day before and on the
day of the event."""

from datetime import date

import pytest

from households.models import Closed, Joined, Left, Membership, Person
from households.services import (
    Event,
    RegisterError,
    member_join,
    member_leave,
    person_record_death,
)

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from .family import BEFORE, DAY, family, heads, households_of, roster

BABY = {"full_name": "Lê Thị Bống", "birth_date": DAY, "sex": "female"}


def on(user, day=DAY, note=""):
    return Event(user, day, note)


def test_a_birth_adds_a_new_person_from_the_day(ward_officer, ward):
    f = family(ward)

    baby = member_join(
        on(ward_officer, note="Giấy khai sinh số 12"),
        household=f["household"],
        reason=Joined.BIRTH,
        relation="child",
        values=BABY,
    )

    assert "Lê Thị Bống" not in roster(f["household"], BEFORE)
    assert roster(f["household"], DAY)["Lê Thị Bống"] == "child"
    baby.refresh_from_db()
    assert (baby.household, baby.relation_to_head, baby.search_name) == (
        f["household"],
        "child",
        "le thi bong",
    )
    m = baby.memberships.get()
    assert (m.started_on, m.join_reason, m.note, m.created_by) == (
        DAY,
        Joined.BIRTH,
        "Giấy khai sinh số 12",
        ward_officer,
    )
    f["household"].refresh_from_db()
    assert f["household"].changed_on == DAY
    assert "Lê Thị Bống" in f["household"].change_note


@pytest.mark.parametrize("where", ["other_ward", "far_ward"])
def test_a_marriage_in_reuses_the_person_registered_elsewhere(where, request, ward_officer, ward):
    elsewhere = family(request.getfixturevalue(where), "XX-001", bride=("Đỗ Thị Lan", "child"))
    bride_id = elsewhere["bride"].national_id
    f = family(ward)
    people = Person.objects.count()

    found = Person.objects.get(national_id=bride_id)
    member_join(
        on(ward_officer),
        household=f["household"],
        reason=Joined.MARRIAGE,
        relation="child_in_law",
        person=found,
    )

    assert Person.objects.count() == people
    assert households_of(found, BEFORE) == [elsewhere["household"].pk]
    assert households_of(found, DAY) == [f["household"].pk]
    assert roster(f["household"], DAY)["Đỗ Thị Lan"] == "child_in_law"
    old = found.memberships.get(household=elsewhere["household"])
    assert (old.ended_on, old.leave_reason) == (DAY, Left.MARRIAGE)
    left_behind = elsewhere["household"]
    left_behind.refresh_from_db()
    assert (left_behind.changed_on, left_behind.closed_on) == (DAY, None)
    assert "Đỗ Thị Lan" not in roster(left_behind, DAY)
    found.refresh_from_db()
    assert (found.household, found.relation_to_head) == (f["household"], "child_in_law")


def test_a_person_entered_with_a_known_national_id_is_the_registered_person(
    ward_officer, ward, far_ward
):
    elsewhere = family(far_ward, "XX-001", bride=("Đỗ Thị Lan", "child"))
    f = family(ward)
    people = Person.objects.count()
    values = {"full_name": "Đỗ  Thị Lan", "national_id": elsewhere["bride"].national_id}

    joined = member_join(
        on(ward_officer),
        household=f["household"],
        reason=Joined.MARRIAGE,
        relation="child_in_law",
        values=values | {"sex": "female", "birth_date": date(1980, 5, 17)},
    )

    assert joined.pk == elsewhere["bride"].pk
    assert Person.objects.count() == people
    assert households_of(joined, DAY) == [f["household"].pk]


def test_a_known_national_id_under_another_name_is_refused(ward_officer, ward, far_ward):
    elsewhere = family(far_ward, "XX-001")
    f = family(ward)
    values = {"full_name": "Ngô Bảo Châu", "national_id": elsewhere["hung"].national_id}

    with pytest.raises(RegisterError, match="Số định danh"):
        member_join(
            on(ward_officer),
            household=f["household"],
            reason=Joined.MOVED_IN,
            relation="other",
            values=values | {"sex": "male"},
        )

    assert households_of(elsewhere["hung"], DAY) == [elsewhere["household"].pk]


def test_the_last_member_joining_elsewhere_dissolves_the_old_household(
    ward_officer, ward, far_ward
):
    alone = HouseholdFactory(ward=far_ward, code="XX-002")
    widow = PersonFactory(household=alone, full_name="Vũ Thị Tư", sex="female")
    f = family(ward)

    member_join(
        on(ward_officer),
        household=f["household"],
        reason=Joined.MOVED_IN,
        relation="parent",
        person=widow,
    )

    alone.refresh_from_db()
    assert (alone.closed_on, alone.closed_reason) == (DAY, Closed.DISSOLVED)
    assert roster(alone, DAY) == {}
    assert roster(alone, BEFORE) == {"Vũ Thị Tư": "head"}


def test_a_head_whose_household_keeps_members_cannot_join_elsewhere(ward_officer, ward, other_ward):
    elsewhere = family(other_ward, "BD-001")
    f = family(ward)

    with pytest.raises(RegisterError, match="đang là chủ hộ BD-001"):
        member_join(
            on(ward_officer),
            household=f["household"],
            reason=Joined.MOVED_IN,
            relation="sibling",
            person=elsewhere["hung"],
        )

    assert households_of(elsewhere["hung"], DAY) == [elsewhere["household"].pk]
    assert heads(elsewhere["household"], DAY) == ["Lê Văn Hùng"]


def test_a_person_who_died_cannot_join(ward_officer, ward, other_ward):
    gone = PersonFactory(household=HouseholdFactory(ward=other_ward), deceased_on=date(2024, 3, 1))
    f = family(ward)

    with pytest.raises(RegisterError, match="đã mất"):
        member_join(
            on(ward_officer),
            household=f["household"],
            reason=Joined.MOVED_IN,
            relation="other",
            person=gone,
        )

    assert roster(f["household"], DAY).keys() == {"Lê Văn Hùng", "Phạm Thị Hoa", "Lê Văn Nam"}


def test_a_second_head_cannot_join(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="đã có chủ hộ"):
        member_join(
            on(ward_officer),
            household=f["household"],
            reason=Joined.BIRTH,
            relation="head",
            values=BABY,
        )

    assert not Person.objects.filter(full_name="Lê Thị Bống").exists()


def test_a_member_cannot_join_the_household_again(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="đã là thành viên"):
        member_join(
            on(ward_officer),
            household=f["household"],
            reason=Joined.MOVED_IN,
            relation="other",
            person=f["nam"],
        )

    assert roster(f["household"], DAY)["Lê Văn Nam"] == "child"


@pytest.mark.parametrize("reason", [Left.MOVED_AWAY, Left.MARRIAGE])
def test_a_member_leaving_ends_their_membership_on_the_day(reason, ward_officer, ward):
    f = family(ward)

    member_leave(on(ward_officer), person=f["nam"], reason=reason)

    assert "Lê Văn Nam" in roster(f["household"], BEFORE)
    assert "Lê Văn Nam" not in roster(f["household"], DAY)
    nam = Person.objects.get(pk=f["nam"].pk)
    assert (nam.moved_out_on, nam.household) == (DAY, f["household"])
    assert nam.memberships.get().leave_reason == reason
    f["household"].refresh_from_db()
    assert (f["household"].changed_on, f["household"].closed_on) == (DAY, None)


def test_the_head_leaving_must_name_a_new_head(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="chọn chủ hộ mới"):
        member_leave(on(ward_officer), person=f["hung"], reason=Left.MOVED_AWAY)

    assert heads(f["household"], DAY) == ["Lê Văn Hùng"]
    assert Person.objects.get(pk=f["hung"].pk).moved_out_on is None


def test_the_new_head_holds_head_from_the_day_the_head_leaves(ward_officer, ward):
    f = family(ward)

    member_leave(on(ward_officer), person=f["hung"], reason=Left.MOVED_AWAY, new_head=f["hoa"])

    assert heads(f["household"], BEFORE) == ["Lê Văn Hùng"]
    assert heads(f["household"], DAY) == ["Phạm Thị Hoa"]
    assert roster(f["household"], DAY) == {"Phạm Thị Hoa": "head", "Lê Văn Nam": "child"}
    hoa = Person.objects.get(pk=f["hoa"].pk)
    assert hoa.relation_to_head == "head"
    was = hoa.memberships.get(relation_to_head="spouse")
    assert (was.ended_on, was.leave_reason) == (DAY, Left.RELATION)


def test_a_death_ends_the_membership(ward_officer, ward):
    f = family(ward)

    person_record_death(user=ward_officer, person=f["nam"], died_on=DAY)

    assert "Lê Văn Nam" in roster(f["household"], BEFORE)
    assert "Lê Văn Nam" not in roster(f["household"], DAY)
    nam = Person.objects.get(pk=f["nam"].pk)
    assert (nam.deceased_on, nam.moved_out_on) == (DAY, None)
    assert nam.memberships.get().leave_reason == Left.DIED


def test_the_last_member_leaving_dissolves_the_household(ward_officer, ward):
    household = HouseholdFactory(ward=ward, code="AG-200")
    poor = HouseholdStatusFactory(household=household, year=2025, classification="poor")
    alone = PersonFactory(household=household, full_name="Vũ Thị Tư", sex="female")

    person_record_death(user=ward_officer, person=alone, died_on=DAY)

    household.refresh_from_db()
    assert (household.closed_on, household.closed_reason) == (DAY, Closed.DISSOLVED)
    poor.refresh_from_db()
    assert poor.superseded_on == DAY
    gone = household.statuses.get(valid_from=DAY)
    assert (gone.classification, gone.previous, gone.movement) == ("none", "poor", "moved_out")


def test_an_event_before_the_membership_began_is_refused(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="01/01/2020"):
        member_leave(on(ward_officer, date(2019, 12, 31)), person=f["nam"], reason=Left.MOVED_AWAY)

    assert Membership.objects.get(person=f["nam"]).ended_on is None
    assert Person.objects.get(pk=f["nam"].pk).moved_out_on is None


def test_someone_who_is_no_longer_a_member_cannot_leave(ward_officer, ward):
    f = family(ward)
    member_leave(on(ward_officer), person=f["nam"], reason=Left.MOVED_AWAY)

    with pytest.raises(RegisterError, match="không là thành viên"):
        member_leave(on(ward_officer), person=f["nam"], reason=Left.MOVED_AWAY)


def test_an_event_on_a_closed_household_is_refused(ward_officer, ward):
    household = HouseholdFactory(ward=ward, closed_on=date(2025, 1, 5), closed_reason="dissolved")

    with pytest.raises(RegisterError, match="đã đóng sổ"):
        member_join(
            on(ward_officer), household=household, reason=Joined.BIRTH, relation="head", values=BABY
        )


def test_a_long_note_is_kept_with_the_membership(ward_officer, ward):
    f = family(ward)
    note = "Theo đơn xin nhập hộ khẩu và giấy xác nhận cư trú của công an phường " * 3

    member_leave(on(ward_officer, note=note), person=f["nam"], reason=Left.MOVED_AWAY)

    assert Membership.objects.get(person=f["nam"]).note == note[:255]
    assert Person.objects.get(pk=f["nam"].pk).history.latest().history_change_reason == note[:100]


def test_a_join_dated_before_the_person_left_their_last_household_is_refused(
    ward_officer, ward, other_ward, other_ward_officer
):
    elsewhere = family(other_ward, "BD-001")
    left = date(2025, 7, 1)
    member_leave(on(other_ward_officer, left), person=elsewhere["nam"], reason=Left.MOVED_AWAY)
    f = family(ward)

    with pytest.raises(RegisterError, match="BD-001 đến ngày 01/07/2025"):
        member_join(
            on(ward_officer),
            household=f["household"],
            reason=Joined.MOVED_IN,
            relation="other",
            person=elsewhere["nam"],
        )

    member_join(
        on(ward_officer, left),
        household=f["household"],
        reason=Joined.MOVED_IN,
        relation="other",
        person=elsewhere["nam"],
    )
    assert households_of(elsewhere["nam"], BEFORE) == [elsewhere["household"].pk]
    assert households_of(elsewhere["nam"], left) == [f["household"].pk]
