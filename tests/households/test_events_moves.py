"""households.services.household_move_out and household_receive: a whole household moves to
another ward; the old ward keeps its history and decided statuses, the receiving ward's
officer opens it under a code of theirs, with the same members from the day of the move."""

from datetime import date

import pytest

from households.models import Closed, Household, HouseholdStatus, Left, Membership, Movement
from households.services import (
    Event,
    RegisterError,
    household_move_out,
    household_receive,
    person_record_death,
)

from ..factories import HouseholdStatusFactory, RoleFactory, UserFactory
from .family import BEFORE, DAY, each_once, family, heads, roster


def on(user, day=DAY):
    return Event(user, day, "Giấy chuyển hộ khẩu")


def statuses(household) -> list[tuple]:
    rows = HouseholdStatus.objects.filter(household=household).order_by("valid_from")
    return list(rows.values_list("pk", "valid_from", "superseded_on", "classification"))


@pytest.fixture
def moving(ward, ward_officer, other_ward):
    """AG-100 of `ward`, poor in 2024 then near-poor in 2025, moved to `other_ward`."""
    f = family(ward)
    HouseholdStatusFactory(household=f["household"], year=2024, classification="poor")
    f["decided"] = statuses(f["household"])
    household_move_out(on(ward_officer), household=f["household"], to_ward=other_ward)
    f["household"].refresh_from_db()
    return f


def test_a_household_moving_out_is_closed_and_its_members_leave_that_day(moving, other_ward):
    household = moving["household"]

    assert (household.closed_on, household.closed_reason, household.moving_to) == (
        DAY,
        Closed.MOVED,
        other_ward,
    )
    assert len(roster(household, BEFORE)) == 3
    assert roster(household, DAY) == {}
    ended = Membership.objects.filter(household=household)
    assert set(ended.values_list("ended_on", "leave_reason")) == {(DAY, Left.HOUSEHOLD_MOVED)}
    stop = household.statuses.in_force_on(DAY).get()
    assert (stop.classification, stop.previous, stop.movement) == (
        "none",
        "near_poor",
        Movement.MOVED_OUT,
    )


def test_the_old_wards_decided_statuses_are_unchanged_but_for_the_closing_one(moving):
    (poor, near_poor), after = moving["decided"], statuses(moving["household"])

    assert after[:2] == [poor, near_poor[:2] + (DAY, "near_poor")]
    assert near_poor[2] is None
    assert after[2][1:] == (DAY, None, "none")


def test_the_receiving_ward_opens_the_household_with_its_members_and_head(
    moving, other_ward, other_ward_officer
):
    old = moving["household"]

    new = household_receive(
        on(other_ward_officer, date(2025, 7, 3)),
        household=old,
        ward=other_ward,
        code="BD-777",
        address="40 Nguyễn Huệ",
    )

    assert (new.ward, new.code, new.address) == (other_ward, "BD-777", "40 Nguyễn Huệ")
    assert roster(new, BEFORE) == {}
    assert roster(new, DAY) == {
        "Lê Văn Hùng": "head",
        "Phạm Thị Hoa": "spouse",
        "Lê Văn Nam": "child",
    }
    assert heads(old, BEFORE) == ["Lê Văn Hùng"]
    people = [moving[k] for k in ("hung", "hoa", "nam")]
    assert each_once(people, BEFORE) and each_once(people, DAY)
    carried = new.statuses.get()
    assert (carried.valid_from, carried.classification, carried.movement) == (
        DAY,
        "near_poor",
        Movement.MOVED_IN,
    )
    old.refresh_from_db()
    assert old.successor == new
    latest = old.history.latest()
    assert (latest.successor_id, latest.history_user) == (new.pk, other_ward_officer)
    hung = moving["hung"]
    hung.refresh_from_db()
    assert (hung.household, hung.moved_out_on) == (new, None)


def test_while_waiting_the_members_are_recorded_as_moved_away(moving):
    nam = moving["nam"]
    nam.refresh_from_db()

    assert (nam.household, nam.moved_out_on) == (moving["household"], DAY)


def test_receiving_does_not_change_the_old_wards_statuses(moving, other_ward, other_ward_officer):
    closed = statuses(moving["household"])

    household_receive(
        on(other_ward_officer), household=moving["household"], ward=other_ward, code="BD-777"
    )

    assert statuses(moving["household"]) == closed


def test_only_the_ward_moved_to_can_receive(moving, far_ward):
    far_officer = RoleFactory(user=UserFactory(username="canbo3"), area=far_ward).user

    with pytest.raises(RegisterError, match="không chờ"):
        household_receive(
            on(far_officer), household=moving["household"], ward=far_ward, code="HK-1"
        )

    assert not Household.objects.filter(code="HK-1").exists()


def test_an_officer_cannot_receive_into_a_ward_not_theirs(moving, other_ward, ward_officer):
    with pytest.raises(RegisterError, match="không có quyền"):
        household_receive(
            on(ward_officer), household=moving["household"], ward=other_ward, code="BD-1"
        )

    assert not Household.objects.filter(code="BD-1").exists()


def test_a_household_is_received_once(moving, other_ward, other_ward_officer):
    household_receive(
        on(other_ward_officer), household=moving["household"], ward=other_ward, code="BD-1"
    )

    with pytest.raises(RegisterError, match="không chờ"):
        household_receive(
            on(other_ward_officer), household=moving["household"], ward=other_ward, code="BD-2"
        )

    assert not Household.objects.filter(code="BD-2").exists()
    assert Membership.objects.filter(household__code="BD-1").count() == 3


def test_a_household_moved_to_an_unknown_ward_is_received_by_any(ward, ward_officer, far_ward):
    f = family(ward)
    household_move_out(on(ward_officer), household=f["household"], to_ward=None)
    far_officer = RoleFactory(user=UserFactory(username="canbo3"), area=far_ward).user

    new = household_receive(on(far_officer), household=f["household"], ward=far_ward, code="HK-1")

    assert heads(new, DAY) == ["Lê Văn Hùng"]
    assert Household.objects.get(pk=f["household"].pk).successor == new


def test_the_old_ward_cannot_receive_its_own_household(ward, ward_officer):
    f = family(ward)
    household_move_out(on(ward_officer), household=f["household"], to_ward=None)

    with pytest.raises(RegisterError, match="không chờ"):
        household_receive(on(ward_officer), household=f["household"], ward=ward, code="AG-999")


def test_an_open_household_cannot_be_received(ward, other_ward, other_ward_officer):
    f = family(ward)

    with pytest.raises(RegisterError, match="không chờ"):
        household_receive(
            on(other_ward_officer), household=f["household"], ward=other_ward, code="BD-1"
        )

    assert len(roster(f["household"], DAY)) == 3


def test_a_move_out_within_the_ward_is_refused(ward, ward_officer):
    f = family(ward)

    with pytest.raises(RegisterError, match="chuyển chỗ ở"):
        household_move_out(on(ward_officer), household=f["household"], to_ward=ward)

    assert Household.objects.get(pk=f["household"].pk).closed_on is None


def test_a_move_out_before_a_status_decided_later_is_refused(ward, ward_officer, other_ward):
    f = family(ward)
    HouseholdStatusFactory(household=f["household"], year=2025, valid_from=date(2025, 7, 1))

    with pytest.raises(RegisterError, match="01/07/2025"):
        household_move_out(on(ward_officer), household=f["household"], to_ward=other_ward)

    assert len(roster(f["household"], DAY)) == 3


def test_a_member_who_died_after_the_move_is_not_received_as_living(
    moving, ward_officer, other_ward, other_ward_officer
):
    # Until the household is received, its people are the old ward's to record.
    person_record_death(user=ward_officer, person=moving["nam"], died_on=date(2025, 6, 20))

    new = household_receive(
        on(other_ward_officer), household=moving["household"], ward=other_ward, code="BD-1"
    )

    assert "Lê Văn Nam" in roster(new, date(2025, 6, 19))
    assert roster(new, date(2025, 6, 20)).keys() == {"Lê Văn Hùng", "Phạm Thị Hoa"}
