"""The worklists: who belongs on each list, scope, and constant queries."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from areas.models import Holiday
from beneficiaries.models import (
    CaseEvent,
    CaseStatus,
    Category,
    EventKind,
    SocialPensionRate,
    TimeLimit,
)
from beneficiaries.worklists import LISTS, ward_summary, worklists

from ..factories import UserFactory
from .cases import case, person

pytestmark = pytest.mark.usefixtures("seeded_rules")

# Next month is November 2025 (30 days); the seeded ages are 3, 4, 16, 22, 60, 75 and 80.
TODAY = date(2025, 10, 15)


def names(worklist):
    return {getattr(row, "full_name", None) or row.person.full_name for row in worklist.rows}


def fresh(user):
    """The user as a new request loads it: the scope is not cached yet."""
    return get_user_model().objects.get(pk=user.pk)


# --- The lists ------------------------------------------------------------------------


def test_coefficient_changes_list_active_allowances_reaching_an_age_next_month(ward_officer, ward):
    last_day = case(ward, person=person(ward, date(2021, 11, 30), full_name="Bé Tư Cuối Tháng"))
    first_day = case(ward, person=person(ward, date(1945, 11, 1), full_name="Ông Tám Mươi"))
    case(ward, person=person(ward, date(2021, 12, 1), full_name="Bé Sang Tháng Sau"))
    case(ward, person=person(ward, date(2021, 10, 31), full_name="Bé Tháng Này"))
    case(ward, person=person(ward, date(1980, 11, 15), full_name="Người Bốn Lăm"))
    case(
        ward,
        person=person(ward, date(2021, 11, 10), full_name="Bé Tạm Dừng"),
        status=CaseStatus.SUSPENDED,
    )
    case(
        ward,
        person=person(ward, date(1950, 11, 10), full_name="Cụ Hưu Trí"),
        benefit="social_pension",
        group="",
    )

    lists = worklists(ward_officer, today=TODAY)

    assert lists.month == date(2025, 11, 1)
    assert lists.coefficient_ages == [3, 4, 16, 22, 60, 75, 80]
    assert names(lists.coefficient_changes) == {"Bé Tư Cuối Tháng", "Ông Tám Mươi"}
    assert lists.coefficient_changes.total == 2
    # In the order of the birthdays, with the age reached and its day.
    rows = lists.coefficient_changes.rows
    assert [r.pk for r in rows] == [first_day.pk, last_day.pk]
    assert [(r.reaches_age, r.reaches_on) for r in rows] == [
        (80, date(2025, 11, 1)),
        (4, date(2025, 11, 30)),
    ]


def test_a_29_february_birthday_falls_in_march_of_a_common_year(ward_officer, ward):
    case(ward, person=person(ward, date(1952, 2, 29), full_name="Cụ Nhuận"))

    in_february = worklists(ward_officer, today=date(2027, 1, 20))
    in_march = worklists(ward_officer, today=date(2027, 2, 10))

    assert names(in_february.coefficient_changes) == set()
    assert names(in_march.coefficient_changes) == {"Cụ Nhuận"}
    assert in_march.coefficient_changes.rows[0].reaches_on == date(2027, 3, 1)


def test_the_ages_watched_are_the_categories_ages(ward_officer, ward):
    case(ward, person=person(ward, date(1975, 11, 20), full_name="Người Năm Mươi"))
    assert names(worklists(ward_officer, today=TODAY).coefficient_changes) == set()

    Category.objects.create(
        code="TEST",
        group="K8",
        name="Nhóm thử từ 50 tuổi",
        coefficient=1,
        age_from=50,
        valid_from=date(2021, 7, 1),
        legal_reference="Thử",
    )

    lists = worklists(ward_officer, today=TODAY)
    assert 50 in lists.coefficient_ages
    assert names(lists.coefficient_changes) == {"Người Năm Mươi"}


def test_pension_candidates_are_living_residents_newly_of_age_without_an_open_case(
    ward_officer, ward, other_ward
):
    person(ward, date(1950, 11, 30), full_name="Cụ Đủ Tuổi Cuối Tháng")
    person(ward, date(1950, 12, 1), full_name="Cụ Tháng Sau Mới Đủ")
    person(ward, date(1949, 10, 16), full_name="Cụ Đủ Tuổi Năm Ngoái")  # 75 on 16/10/2024
    person(ward, date(1949, 10, 15), full_name="Cụ Quá Một Năm")  # 75 on 15/10/2024
    person(ward, date(1930, 1, 1), full_name="Cụ Chín Lăm", birth_year_only=True)
    case(ward, person=person(ward, date(1950, 6, 5), full_name="Cụ Đang Hưởng"))
    case(ward, person=person(ward, date(1950, 7, 5), full_name="Cụ Đang Xét"), status="intake")
    case(
        ward,
        person=person(ward, date(1945, 5, 5), full_name="Cụ Đã Thôi"),  # 80 on 05/05/2025
        status=CaseStatus.TERMINATED,
    )
    person(ward, date(1950, 3, 5), full_name="Cụ Đã Mất", deceased_on=date(2025, 3, 1))
    person(ward, date(1950, 4, 5), full_name="Cụ Chuyển Đi", moved_out_on=date(2025, 3, 1))
    person(other_ward, date(1950, 5, 5), full_name="Cụ Phường Khác")

    lists = worklists(ward_officer, today=TODAY)

    assert (lists.pension_age, lists.k5c_age) == (75, 80)
    assert names(lists.pension_candidates) == {
        "Cụ Đủ Tuổi Cuối Tháng",
        "Cụ Đủ Tuổi Năm Ngoái",
        "Cụ Đã Thôi",
    }
    by_name = {p.full_name: p for p in lists.pension_candidates.rows}
    newly = by_name["Cụ Đủ Tuổi Cuối Tháng"]
    assert (newly.age_at_month_end, newly.pension_due, newly.k5c_due) == (75, True, False)
    eighty = by_name["Cụ Đã Thôi"]
    assert (eighty.age_at_month_end, eighty.pension_due, eighty.k5c_due) == (80, True, True)
    # The newly eligible first.
    assert lists.pension_candidates.rows[0] == newly


def test_the_pension_age_is_the_social_pension_rows(ward_officer, ward):
    person(ward, date(1953, 6, 1), full_name="Cụ Bảy Hai")
    assert names(worklists(ward_officer, today=TODAY).pension_candidates) == set()

    SocialPensionRate.objects.filter(province=None).update(age_from=72)

    lists = worklists(ward_officer, today=TODAY)
    assert lists.pension_age == 72
    assert names(lists.pension_candidates) == {"Cụ Bảy Hai"}


def test_three_months_unpaid_is_a_suspension_candidate_two_is_not(ward_officer, ward):
    user = UserFactory()
    case(
        ward,
        person=person(ward, date(1950, 1, 2), full_name="Ba Tháng"),
        unpaid_since=date(2025, 8, 1),
    )
    case(
        ward,
        person=person(ward, date(1950, 1, 3), full_name="Hai Tháng"),
        unpaid_since=date(2025, 9, 1),
    )
    case(ward, person=person(ward, date(1950, 1, 4), full_name="Đã Nhận"))
    suspended = case(
        ward,
        person=person(ward, date(1950, 1, 5), full_name="Đã Tạm Dừng"),
        status=CaseStatus.SUSPENDED,
        unpaid_since=date(2025, 5, 1),
    )
    CaseEvent.objects.create(
        case=suspended,
        kind=EventKind.SUSPENDED,
        happened_on=date(2025, 8, 20),
        effective_month=date(2025, 8, 1),
        created_by=user,
    )

    lists = worklists(ward_officer, today=TODAY)

    assert lists.unpaid_since == date(2025, 8, 1)
    assert names(lists.unpaid) == {"Ba Tháng"}
    assert lists.unpaid.rows[0].months_unpaid == 3
    assert names(lists.suspended) == {"Đã Tạm Dừng"}
    row = lists.suspended.rows[0]
    assert (row.suspended_on, row.months_unpaid) == (date(2025, 8, 20), 6)


def test_deceased_persons_with_an_open_case(ward_officer, ward):
    died = date(2025, 9, 3)
    case(ward, person=person(ward, date(1940, 1, 1), full_name="Mất Đang Hưởng", deceased_on=died))
    case(
        ward,
        person=person(ward, date(1940, 1, 2), full_name="Mất Khi Đang Xét", deceased_on=died),
        status=CaseStatus.SCREENING,
    )
    case(
        ward,
        person=person(ward, date(1940, 1, 3), full_name="Mất Đã Thôi", deceased_on=died),
        status=CaseStatus.TERMINATED,
    )
    case(ward, person=person(ward, date(1940, 1, 4), full_name="Còn Sống"))

    lists = worklists(ward_officer, today=TODAY)

    assert names(lists.deceased) == {"Mất Đang Hưởng", "Mất Khi Đang Xét"}


def test_overdue_decisions_count_working_days_without_weekends_and_holidays(ward_officer, ward):
    Holiday.objects.create(day=date(2025, 9, 1), name="Quốc khánh")
    Holiday.objects.create(day=date(2025, 9, 2), name="Quốc khánh")
    today = date(2025, 9, 12)  # a Friday; 7 + 2 working days allowed
    for n, (applied, status) in enumerate(
        [
            (date(2025, 8, 27), CaseStatus.INTAKE),  # 10 working days: overdue
            (date(2025, 8, 28), CaseStatus.SCREENING),  # 9: on time, today is the last day
            (date(2025, 6, 2), CaseStatus.SCREENING),  # long overdue
            (date(2025, 6, 2), CaseStatus.ACTIVE),  # decided
            (date(2025, 6, 2), CaseStatus.REFUSED),  # answered
        ]
    ):
        case(
            ward,
            person=person(ward, date(1950, 1, 1 + n), full_name=f"Nộp {applied:%d/%m} {status}"),
            status=status,
            applied_on=applied,
        )

    lists = worklists(ward_officer, today=today)

    assert lists.decision_limit == 9
    assert lists.overdue_before == date(2025, 8, 28)
    assert names(lists.overdue) == {"Nộp 27/08 intake", "Nộp 02/06 screening"}
    latest = lists.overdue.rows[-1]
    assert (latest.working_days, latest.deadline) == (10, date(2025, 9, 11))

    # Without the holidays, 28/08 is two working days late as well.
    Holiday.objects.all().delete()
    assert "Nộp 28/08 screening" in names(worklists(ward_officer, today=today).overdue)


def test_the_time_limit_is_the_rows_sum(ward_officer, ward):
    case(ward, status=CaseStatus.INTAKE, applied_on=date(2025, 9, 1))  # 10 working days ago
    assert worklists(ward_officer, today=date(2025, 9, 15)).overdue.total == 1

    TimeLimit.objects.filter(step="posting").update(working_days=3)

    assert worklists(ward_officer, today=date(2025, 9, 15)).overdue.total == 0


def test_each_list_is_cut_with_its_total(ward_officer, ward):
    for n in range(7):
        case(ward, status=CaseStatus.SUSPENDED, person=person(ward, date(1950, 1, 1 + n)))

    lists = worklists(ward_officer, today=TODAY, limit=5)

    assert (len(lists.suspended.rows), lists.suspended.total, lists.suspended.more) == (5, 7, 2)


# --- Scope ----------------------------------------------------------------------------


@pytest.fixture
def both_wards(ward, other_ward, far_ward):
    """One row of every list in each ward, named after the ward."""
    for area in (ward, other_ward, far_ward):
        tag = area.name
        case(ward=area, person=person(area, date(1945, 11, 20), full_name=f"Hệ số {tag}"))
        person(area, date(1950, 3, 3), full_name=f"Ứng viên {tag}")
        case(
            area,
            person=person(area, date(1950, 1, 2), full_name=f"Chưa nhận {tag}"),
            unpaid_since=date(2025, 1, 1),
        )
        case(
            area,
            person=person(area, date(1950, 1, 3), full_name=f"Tạm dừng {tag}"),
            status=CaseStatus.SUSPENDED,
        )
        case(
            area,
            person=person(
                area, date(1950, 1, 4), full_name=f"Đã mất {tag}", deceased_on=date(2025, 1, 1)
            ),
        )
        case(
            area,
            person=person(area, date(1950, 1, 5), full_name=f"Quá hạn {tag}"),
            status=CaseStatus.INTAKE,
            applied_on=date(2025, 1, 2),
        )
    return ward, other_ward, far_ward


def all_names(lists):
    return set().union(
        *(
            names(getattr(lists, key))
            for key in (
                "coefficient_changes",
                "pension_candidates",
                "unpaid",
                "suspended",
                "deceased",
                "overdue",
            )
        )
    )


def test_a_ward_officer_sees_only_their_ward(ward_officer, other_ward_officer, both_wards):
    ward, other_ward, _far = both_wards
    mine = all_names(worklists(ward_officer, today=TODAY))
    theirs = all_names(worklists(other_ward_officer, today=TODAY))

    assert len(mine) == 6 and all(n.endswith(ward.name) for n in mine)
    assert len(theirs) == 6 and all(n.endswith(other_ward.name) for n in theirs)
    # Asking for another ward gives nothing.
    assert all_names(worklists(ward_officer, today=TODAY, ward_id=other_ward.pk)) == set()


def test_an_approver_sees_every_ward_of_the_province_or_one(approver, both_wards):
    ward, other_ward, far_ward = both_wards

    everything = all_names(worklists(approver, today=TODAY))
    one = all_names(worklists(approver, today=TODAY, ward_id=other_ward.pk))

    assert len(everything) == 12
    assert not any(n.endswith(far_ward.name) for n in everything)
    assert len(one) == 6 and all(n.endswith(other_ward.name) for n in one)


def test_the_summary_counts_each_ward_as_its_own_lists_do(approver, both_wards):
    ward, other_ward, far_ward = both_wards
    populate(ward, 3)
    wards = [(other_ward.pk, other_ward.name), (ward.pk, ward.name)]

    summary = ward_summary(approver, today=TODAY, wards=wards)

    assert [w.pk for w in summary.wards] == [other_ward.pk, ward.pk]  # in the order given
    for row in summary.wards:
        lists = worklists(approver, today=TODAY, ward_id=row.pk)
        assert row.counts == {key: getattr(lists, key).total for key in LISTS}
    assert summary.wards[1].counts["overdue"] == 4  # one of both_wards and three populated
    assert summary.totals == {key: sum(row.counts[key] for row in summary.wards) for key in LISTS}
    assert summary.quiet == 0
    # The far ward's rows stay out even when asked for: the scope decides.
    asked = ward_summary(approver, today=TODAY, wards=[*wards, (far_ward.pk, far_ward.name)])
    assert [w.pk for w in asked.wards] == [other_ward.pk, ward.pk] and asked.quiet == 1


# --- Queries --------------------------------------------------------------------------


def populate(ward, n, start=0):
    """n rows on every list."""
    holder = UserFactory()
    for i in range(start, start + n):
        day = 1 + i % 28
        case(ward, person=person(ward, date(1945, 11, day)))
        person(ward, date(1950, 1 + i // 28, day))
        case(ward, person=person(ward, date(1951, 1, day)), unpaid_since=date(2025, 1, 1))
        suspended = case(ward, person=person(ward, date(1952, 1, day)), status="suspended")
        CaseEvent.objects.create(
            case=suspended, kind="suspended", happened_on=date(2025, 2, day), created_by=holder
        )
        case(ward, person=person(ward, date(1953, 1, day), deceased_on=date(2025, 2, day)))
        case(
            ward,
            person=person(ward, date(1954, 1, day)),
            status="intake",
            applied_on=date(2025, 2, day),
        )


def count_queries(run):
    with CaptureQueriesContext(connection) as ctx:
        run()
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_cases(ward_officer, approver, ward):
    populate(ward, 5)
    small = worklists(ward_officer, today=TODAY)
    assert small.coefficient_changes.total == small.overdue.total == 5
    few = [
        count_queries(lambda u=u: worklists(fresh(u), today=TODAY))
        for u in (ward_officer, approver)
    ]

    populate(ward, 45, start=5)
    many = [
        count_queries(lambda u=u: worklists(fresh(u), today=TODAY))
        for u in (ward_officer, approver)
    ]

    big = worklists(ward_officer, today=TODAY)
    assert [big.coefficient_changes.total, big.pension_candidates.total, big.unpaid.total] == [
        50,
        50,
        50,
    ]
    assert [big.suspended.total, big.deceased.total, big.overdue.total] == [50, 50, 50]
    assert many == few
    # The user, the scope (2), four rule tables, the moving cases' ids and one query per list.
    assert few[0] <= 8 + len(LISTS)
