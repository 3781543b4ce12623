"""The worklists of moves: the sending ward's cases to record and its moves nobody
received, the receiving ward's cases waiting; counted by the ward that acts, in a constant
number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beneficiaries.models import Case
from beneficiaries.services import case_transfer_in, case_transfer_out
from beneficiaries.worklists import ward_summary, worklists
from households.models import Left
from households.services import Event, member_leave

from ..factories import PersonFactory, RoleFactory, UserFactory, WardFactory
from .moving import MOVED, elder_of, granted, move, moved_case, new_home


@pytest.fixture
def moved(ward_officer, other_ward_officer, ward, other_ward):
    return moved_case(ward_officer, other_ward_officer, ward, other_ward)


@pytest.fixture
def third_ward_officer(province):
    # Writes a third ward of the province: neither home nor destination.
    third = WardFactory(parent=province, code="30316", name="Phường Mỹ Hòa")
    return RoleFactory(user=UserFactory(username="canbo3"), area=third).user


def received(case, user, ward, on=date(2025, 3, 20)):
    return case_transfer_in(user=user, case=case, ward=ward, received_on=on)


def names(worklist) -> set[str]:
    return {case.person.full_name for case in worklist.rows}


def test_the_sending_ward_is_told_of_cases_whose_person_left(ward_officer, ward, other_ward):
    stays = granted(ward_officer, elder_of(ward, code="LX-1", full_name="Ở Lại"))
    joined = granted(ward_officer, elder_of(ward, code="LX-2", full_name="Sang Phường Khác"))
    left = granted(ward_officer, elder_of(ward, code="LX-3", full_name="Đi Không Rõ"))
    move(RoleFactory(area=other_ward).user, joined.person, new_home(other_ward))
    member_leave(Event(ward_officer, MOVED), person=left.person, reason=Left.MOVED_AWAY)

    lists = worklists(ward_officer, today=date(2025, 3, 20))

    assert names(lists.moved_away) == {"Sang Phường Khác", "Đi Không Rõ"}
    assert stays.person.full_name not in names(lists.moved_away)
    # Once recorded, the move leaves the list.
    case_transfer_out(user=ward_officer, case=left, moved_on=MOVED)
    assert names(worklists(ward_officer, today=date(2025, 3, 20)).moved_away) == {
        "Sang Phường Khác"
    }


def test_a_move_nobody_received_in_30_days_shows_on_the_sending_list(
    moved, ward_officer, other_ward_officer, other_ward
):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)

    assert worklists(ward_officer, today=MOVED + timedelta(days=30)).unreceived.total == 0
    late = worklists(ward_officer, today=MOVED + timedelta(days=31)).unreceived
    assert names(late) == {"Lê Văn Ba"} and late.rows[0].days_since_move == 31

    received(moved, other_ward_officer, other_ward)
    assert worklists(ward_officer, today=MOVED + timedelta(days=31)).unreceived.total == 0


def test_the_receiving_ward_sees_the_cases_waiting_for_it(
    moved, ward_officer, other_ward_officer, other_ward, third_ward_officer, approver
):
    today = date(2025, 3, 20)
    # Not yet recorded by the old ward: waiting already, the person lives here.
    assert names(worklists(other_ward_officer, today=today).incoming) == {"Lê Văn Ba"}
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)

    lists = worklists(other_ward_officer, today=today)

    assert names(lists.incoming) == {"Lê Văn Ba"} and lists.incoming.rows[0].left_on == MOVED
    assert lists.incoming.rows[0].category == "K5a.1"
    assert worklists(ward_officer, today=today).incoming.total == 0
    assert worklists(third_ward_officer, today=today).incoming.total == 0
    assert worklists(approver, today=today, ward_id=other_ward.pk).incoming.total == 1
    received(moved, other_ward_officer, other_ward)
    assert worklists(other_ward_officer, today=today).incoming.total == 0


def test_the_summary_counts_moves_by_the_ward_that_acts(
    moved, approver, ward_officer, ward, other_ward
):
    today = date(2025, 5, 1)
    stays_open = granted(ward_officer, elder_of(ward, code="LX-9", full_name="Chưa Ghi"))
    move(RoleFactory(area=other_ward).user, stays_open.person, new_home(other_ward, "BD-9"))
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)
    wards = [(ward.pk, ward.name), (other_ward.pk, other_ward.name)]

    summary = ward_summary(approver, today=today, wards=wards)

    counts = {row.pk: row.counts for row in summary.wards}
    assert (counts[ward.pk]["moved_away"], counts[ward.pk]["unreceived"]) == (1, 1)
    assert (counts[other_ward.pk]["incoming"], counts[ward.pk]["incoming"]) == (2, 0)
    for row in summary.wards:
        lists = worklists(approver, today=today, ward_id=row.pk)
        assert row.counts["incoming"] == lists.incoming.total


def test_the_move_lists_read_a_constant_number_of_queries(ward_officer, ward, other_ward):
    other_officer = RoleFactory(area=other_ward).user
    today = date(2025, 6, 1)

    def rows(n, start):
        for i in range(start, start + n):
            case = granted(ward_officer, elder_of(ward, code=f"LX-{i}"))
            move(other_officer, case.person, new_home(other_ward, f"BD-{i}"))
            if i % 2:
                case_transfer_out(user=ward_officer, case=case, moved_on=MOVED)

    def count(user):
        with CaptureQueriesContext(connection) as ctx:
            worklists(type(user).objects.get(pk=user.pk), today=today)
        return len(ctx.captured_queries)

    rows(2, 0)
    few = [count(ward_officer), count(other_officer)]
    rows(6, 2)
    lists = worklists(ward_officer, today=today)
    assert (lists.moved_away.total, lists.unreceived.total) == (4, 4)
    assert worklists(other_officer, today=today).incoming.total == 8
    assert [count(ward_officer), count(other_officer)] == few


def test_a_deceased_person_is_not_asked_to_be_transferred(ward_officer, ward):
    person = PersonFactory(
        household=elder_of(ward).household,
        relation_to_head="spouse",
        birth_date=date(1946, 1, 1),
        moved_out_on=date(2025, 1, 1),
        deceased_on=date(2025, 2, 1),
    )
    Case.objects.create(
        person=person, ward=ward, status="active", benefit="allowance", applied_on=date(2024, 1, 1)
    )

    assert worklists(ward_officer, today=date(2025, 3, 1)).moved_away.total == 0
