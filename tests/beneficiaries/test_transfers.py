"""beneficiaries.services.case_transfer_out / case_transfer_in: a case moves with its
person, each month paid by one ward."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from beneficiaries.models import Case, CaseStatus, EventKind
from beneficiaries.queries import case_schedule
from beneficiaries.services import (
    CaseError,
    case_open,
    case_terminate,
    case_transfer_in,
    case_transfer_out,
)
from beneficiaries.worklists import worklists
from households.services import Event, household_move_out, household_receive

from ..factories import RoleFactory, UserFactory, WardFactory
from .moving import MOVED, elder_of, granted, move, moved_case, new_home, paid

UNTIL = date(2025, 9, 1)


@pytest.fixture
def third_ward(province):
    return WardFactory(parent=province, code="30316", name="Phường Mỹ Hòa")


@pytest.fixture
def third_ward_officer(third_ward):
    # Writes `third_ward`: neither the sending ward nor the destination.
    return RoleFactory(user=UserFactory(username="canbo3"), area=third_ward).user


@pytest.fixture
def moved(ward_officer, other_ward_officer, ward, other_ward):
    return moved_case(ward_officer, other_ward_officer, ward, other_ward)


def received(case, user, ward, on=date(2025, 3, 20)):
    return case_transfer_in(user=user, case=case, ward=ward, received_on=on)


# --- Paid once ------------------------------------------------------------------------


def test_a_moved_case_is_paid_exactly_once_across_the_two_wards(
    moved, ward_officer, other_ward_officer, other_ward
):
    as_one_case = paid(moved, UNTIL)  # what the case would pay had it never moved

    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED, to_ward=other_ward)
    new = received(moved, other_ward_officer, other_ward)

    old_months, new_months = paid(moved, UNTIL), paid(new, UNTIL)
    assert not old_months.keys() & new_months.keys()
    assert old_months | new_months == as_one_case
    assert list(as_one_case) == list(old_months) + list(new_months)  # no month left out
    assert (min(old_months), max(old_months)) == (date(2024, 1, 1), date(2025, 3, 1))
    assert min(new_months) == date(2025, 4, 1) and max(new_months) == UNTIL
    assert sum(old_months.values()) + sum(new_months.values()) == sum(as_one_case.values())
    assert new_months[date(2025, 4, 1)] == as_one_case[date(2025, 4, 1)] == 1_000_000


def test_each_case_shows_its_own_months_only(moved, ward_officer, other_ward_officer, other_ward):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED, to_ward=other_ward)
    new = received(moved, other_ward_officer, other_ward)

    old_rows = case_schedule(moved, until=UNTIL)
    new_rows = case_schedule(new, until=UNTIL)

    # The old case stops at its end month (shown, not paid); the new one begins at its start.
    assert (old_rows[-1].month, old_rows[-1].due) == (date(2025, 4, 1), False)
    assert new_rows[0].month == date(2025, 4, 1) and all(r.due for r in new_rows)


# --- Transfer out ---------------------------------------------------------------------


def test_the_sending_ward_records_the_move_once(moved, ward_officer, other_ward):
    for _ in range(2):  # the form posted twice
        case_transfer_out(
            user=ward_officer, case=moved, moved_on=MOVED, to_ward=other_ward, note="Giấy báo"
        )

    moved.refresh_from_db()
    assert (moved.status, moved.end_month, moved.moved_on, moved.moving_to) == (
        CaseStatus.TRANSFERRED_OUT,
        date(2025, 4, 1),
        MOVED,
        other_ward,
    )
    event = moved.events.get(kind=EventKind.TRANSFERRED_OUT)
    assert (event.happened_on, event.effective_month, event.note) == (
        MOVED,
        date(2025, 4, 1),
        "Giấy báo",
    )
    assert moved.history.filter(status=CaseStatus.TRANSFERRED_OUT).count() == 1


def test_the_destination_may_be_unknown(moved, ward_officer):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)

    moved.refresh_from_db()
    assert moved.status == CaseStatus.TRANSFERRED_OUT and moved.moving_to is None


def test_a_closed_case_cannot_be_transferred(moved, ward_officer):
    case_terminate(
        user=ward_officer,
        case=moved,
        reason="ineligible",
        happened_on=date(2025, 2, 1),
        decided_on=date(2025, 2, 3),
        signer="A",
    )

    with pytest.raises(CaseError, match="Thôi hưởng"):
        case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)
    assert not moved.events.filter(kind=EventKind.TRANSFERRED_OUT).exists()


def test_another_ward_or_an_approver_cannot_record_the_move(
    moved, other_ward_officer, approver, ward
):
    for user in (other_ward_officer, approver):
        with pytest.raises(CaseError, match="không có quyền"):
            case_transfer_out(user=user, case=moved, moved_on=MOVED)
    moved.refresh_from_db()
    assert moved.status == CaseStatus.ACTIVE


def test_a_move_before_the_paid_months_or_within_the_ward_is_refused(moved, ward_officer, ward):
    with pytest.raises(CaseError, match="hưởng từ tháng 01/2024"):
        case_transfer_out(user=ward_officer, case=moved, moved_on=date(2023, 11, 5))
    with pytest.raises(CaseError, match="phải khác"):
        case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED, to_ward=ward)
    with pytest.raises(CaseError, match="sau hôm nay"):
        case_transfer_out(
            user=ward_officer, case=moved, moved_on=timezone.localdate() + timedelta(1)
        )


# --- Transfer in ----------------------------------------------------------------------


def test_the_new_case_continues_the_old_ones(ward_officer, other_ward_officer, ward, other_ward):
    elder = elder_of(ward)
    case = granted(
        ward_officer,
        elder,
        flags=["no_supporter", "no_pension"],
        documents=["application", "cccd"],
        pension_amount=0,
    )
    move(other_ward_officer, elder, new_home(other_ward))
    case_transfer_out(user=ward_officer, case=case, moved_on=MOVED, to_ward=other_ward)

    new = received(case, other_ward_officer, other_ward)

    assert new.pk != case.pk and new.transferred_from == case
    assert (new.ward, new.person, new.status, new.start_month, new.end_month) == (
        other_ward,
        elder,
        CaseStatus.ACTIVE,
        date(2025, 4, 1),
        None,
    )
    carried = ("benefit", "group", "flags", "children_raised", "pension_amount", "documents")
    assert [getattr(new, f) for f in carried] == [getattr(case, f) for f in carried]
    assert new.disability_certified_on == case.disability_certified_on
    # The decisions stay on the old case; the new one starts with its reception.
    # The category is the one of its first month: K5a.2 since he turned 80 (03/2024).
    assert list(new.events.values_list("kind", "effective_month", "category")) == [
        (EventKind.TRANSFERRED_IN, date(2025, 4, 1), "K5a.2")
    ]
    assert "Tiếp nhận từ hồ sơ số" in new.events.get().note
    assert case.events.get(kind=EventKind.GRANTED).category == "K5a.1"
    assert case.transferred_to == new


def test_receiving_twice_is_refused(moved, ward_officer, other_ward_officer, other_ward):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)
    received(moved, other_ward_officer, other_ward)

    with pytest.raises(CaseError, match="đã được tiếp nhận"):
        received(moved, other_ward_officer, other_ward)
    assert Case.objects.filter(person=moved.person).count() == 2


def test_a_ward_that_is_neither_home_nor_destination_cannot_receive(
    moved, ward_officer, third_ward, third_ward_officer, approver, other_ward
):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED, to_ward=other_ward)

    with pytest.raises(CaseError, match="chưa có tên trong hộ nào của Phường Mỹ Hòa"):
        received(moved, third_ward_officer, third_ward)
    with pytest.raises(CaseError, match="không có quyền"):
        received(moved, approver, other_ward)
    assert not Case.objects.filter(transferred_from=moved).exists()


def test_the_named_destination_must_be_where_the_person_lives(
    moved, ward_officer, other_ward_officer, other_ward, third_ward, third_ward_officer
):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED, to_ward=third_ward)

    # He lives in other_ward, the case was sent to third_ward: neither can receive it.
    with pytest.raises(CaseError, match="chuyển đến Phường Mỹ Hòa"):
        received(moved, other_ward_officer, other_ward)
    with pytest.raises(CaseError, match="chưa có tên"):
        received(moved, third_ward_officer, third_ward)


def test_the_receiving_ward_receives_a_move_the_old_ward_never_recorded(
    moved, other_ward_officer, other_ward
):
    new = received(moved, other_ward_officer, other_ward)

    moved.refresh_from_db()
    # Recorded on the old case on the day his membership there ended.
    assert (moved.status, moved.moved_on, moved.end_month, moved.moving_to) == (
        CaseStatus.TRANSFERRED_OUT,
        MOVED,
        date(2025, 4, 1),
        other_ward,
    )
    out = moved.events.get(kind=EventKind.TRANSFERRED_OUT)
    assert out.created_by == other_ward_officer and "Phường Bình Đức" in out.note
    assert new.start_month == date(2025, 4, 1)


def test_a_person_still_living_in_the_old_ward_is_not_received(
    ward_officer, other_ward_officer, ward, other_ward
):
    case = granted(ward_officer, elder_of(ward))

    with pytest.raises(CaseError, match="chưa có tên trong hộ nào của Phường Bình Đức"):
        received(case, other_ward_officer, other_ward)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_one_open_case_per_person_holds_across_the_move(
    moved, ward_officer, other_ward_officer, other_ward
):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)
    # Ward B opened an application for him before receiving the case.
    case_open(
        user=other_ward_officer,
        person=moved.person,
        benefit="allowance",
        group="K5",
        applied_on=date(2025, 3, 16),
    )

    with pytest.raises(CaseError, match="mỗi người chỉ một hồ sơ"):
        received(moved, other_ward_officer, other_ward)


def test_a_whole_household_moving_is_received_after_the_household(
    ward_officer, other_ward_officer, ward, other_ward
):
    elder = elder_of(ward)
    case = granted(ward_officer, elder)
    household = elder.household
    household_move_out(Event(ward_officer, MOVED), household=household, to_ward=other_ward)

    # On the receiving ward's list already, but not received before the household is.
    assert [c.pk for c in worklists(other_ward_officer, today=date(2025, 3, 20)).incoming.rows] == [
        case.pk
    ]
    with pytest.raises(CaseError, match="chưa có tên"):
        received(case, other_ward_officer, other_ward)
    household_receive(
        Event(other_ward_officer, date(2025, 3, 18)),
        household=household,
        ward=other_ward,
        code="B1",
    )
    new = received(case, other_ward_officer, other_ward)

    case.refresh_from_db()
    assert (case.moved_on, case.end_month, new.start_month) == (
        MOVED,
        date(2025, 4, 1),
        date(2025, 4, 1),
    )
