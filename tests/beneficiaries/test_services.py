"""A case's life through the services: intake to termination, one case per person."""

from datetime import date

import pytest

from beneficiaries.models import Case, CaseStatus, EventKind
from beneficiaries.queries import case_schedule
from beneficiaries.services import (
    CaseError,
    case_adjust,
    case_collected_record,
    case_grant,
    case_open,
    case_resume,
    case_screen,
    case_suspend,
    case_terminate,
    case_unpaid_record,
    person_death_record,
)
from beneficiaries.worklists import worklists

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory


@pytest.fixture
def elder(ward):
    """A man born on 10/03/1944, in a poor household with no one to support him."""
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    return PersonFactory(household=household, birth_date=date(1944, 3, 10), full_name="Lê Văn Ba")


def open_case(user, person, **values):
    values = {
        "benefit": "allowance",
        "group": "K5",
        "applied_on": date(2024, 1, 5),
        "flags": ["no_supporter"],
    } | values
    return case_open(user=user, person=person, **values)


def granted(user, person, decided_on=date(2024, 1, 20), **values):
    case = open_case(user, person, **values)
    case_screen(user=user, case=case, screened_on=decided_on)
    return case_grant(user=user, case=case, decided_on=decided_on, signer="Nguyễn Văn A")


def amounts(case, until):
    return {
        s.month: (s.result.coefficient, s.result.amount if s.due else 0)
        for s in case_schedule(case, until=until)
    }


def test_a_case_from_application_to_monthly_amounts(ward_officer, elder):
    case = granted(ward_officer, elder)

    assert (case.status, case.start_month) == (CaseStatus.ACTIVE, date(2024, 1, 1))
    grant = case.events.get(kind=EventKind.GRANTED)
    assert (grant.decision_number, grant.category) == ("01/QĐ-UBND", "K5a.1")
    by_month = amounts(case, until=date(2024, 8, 1))
    # K5a: 1.5 × 360,000 at 79; 2.0 from the month he turns 80 (March 2024); × 500,000
    # from July 2024 (ND 76/2024).
    assert by_month[date(2024, 2, 1)] == (1.5, 540_000)
    assert by_month[date(2024, 3, 1)] == (2, 720_000)
    assert by_month[date(2024, 6, 1)] == (2, 720_000)
    assert by_month[date(2024, 7, 1)] == (2, 1_000_000)


def test_the_coefficient_follows_the_80th_birthday_from_its_month(ward_officer, ward):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=2025, classification="poor")
    person = PersonFactory(household=household, birth_date=date(1945, 9, 30))

    case = granted(ward_officer, person, decided_on=date(2025, 5, 5), applied_on=date(2025, 5, 1))

    by_month = amounts(case, until=date(2025, 10, 1))
    assert by_month[date(2025, 8, 1)] == (1.5, 750_000)
    assert by_month[date(2025, 9, 1)] == (2, 1_000_000)


def test_death_ends_the_case_from_the_next_month(ward_officer, elder):
    case = granted(ward_officer, elder)

    ended = person_death_record(user=ward_officer, person=elder, died_on=date(2026, 8, 14))

    case.refresh_from_db()
    assert [c.pk for c in ended] == [case.pk]
    assert (case.status, case.end_month) == (CaseStatus.TERMINATED, date(2026, 9, 1))
    by_month = amounts(case, until=date(2026, 11, 1))
    assert by_month[date(2026, 8, 1)][1] == 1_000_000  # paid for the month of death
    assert date(2026, 9, 1) not in by_month or by_month[date(2026, 9, 1)][1] == 0
    event = case.events.get(kind=EventKind.TERMINATED)
    assert (event.reason, event.effective_month) == ("death", date(2026, 9, 1))


def test_a_decision_submitted_twice_writes_one_event(ward_officer, elder):
    case = open_case(ward_officer, elder)
    case_screen(user=ward_officer, case=case, screened_on=date(2024, 1, 10))
    case_grant(user=ward_officer, case=case, decided_on=date(2024, 1, 20), signer="A")

    with pytest.raises(CaseError, match="Đang hưởng"):
        case_grant(user=ward_officer, case=case, decided_on=date(2024, 1, 20), signer="A")

    assert case.events.filter(kind=EventKind.GRANTED).count() == 1


def test_decision_numbers_run_in_the_wards_yearly_sequence(ward_officer, ward, elder):
    first = granted(ward_officer, elder)
    other = PersonFactory(
        household=elder.household, relation_to_head="spouse", birth_date=date(1940, 1, 1)
    )
    second = granted(ward_officer, other, decided_on=date(2024, 2, 1))
    ended = case_terminate(
        user=ward_officer,
        case=second,
        reason="moved",
        happened_on=date(2025, 3, 3),
        decided_on=date(2025, 3, 5),
        signer="A",
    )

    numbers = [
        first.events.get(kind=EventKind.GRANTED).decision_number,
        second.events.get(kind=EventKind.GRANTED).decision_number,
        ended.events.get(kind=EventKind.TERMINATED).decision_number,
    ]
    assert numbers == ["01/QĐ-UBND", "02/QĐ-UBND", "01/QĐ-UBND"]


def test_a_second_open_case_across_wards_is_refused_with_the_ward_named(
    ward_officer, other_ward_officer, elder, ward, other_ward
):
    granted(ward_officer, elder)
    elder.household = HouseholdFactory(ward=other_ward)  # moved, the case not yet transferred
    elder.save()

    with pytest.raises(CaseError, match=f"đang mở tại {ward.name}"):
        open_case(other_ward_officer, elder)
    assert Case.objects.filter(person=elder).count() == 1


def test_an_allowance_and_a_social_pension_at_once_are_refused_with_the_rule(ward_officer, elder):
    granted(ward_officer, elder)

    with pytest.raises(CaseError, match="Điều 3 Nghị định 176/2025"):
        open_case(ward_officer, elder, benefit="social_pension", group="", flags=[])


def test_an_officer_of_another_ward_cannot_open_or_decide(other_ward_officer, ward_officer, elder):
    with pytest.raises(CaseError, match="không có quyền"):
        open_case(other_ward_officer, elder)
    case = open_case(ward_officer, elder)
    with pytest.raises(CaseError, match="không có quyền"):
        case_screen(user=other_ward_officer, case=case, screened_on=date(2024, 1, 9))
    assert case.events.count() == 1


def test_a_suspension_pays_nothing_until_resumed(ward_officer, elder):
    case = granted(ward_officer, elder)
    case_suspend(user=ward_officer, case=case, on=date(2024, 3, 5), note="3 tháng chưa nhận")
    case_resume(user=ward_officer, case=case, on=date(2024, 5, 2))

    by_month = amounts(case, until=date(2024, 6, 1))

    assert [by_month[date(2024, m, 1)][1] for m in range(1, 7)] == [
        540_000,
        540_000,
        0,
        0,
        720_000,
        720_000,
    ]


def test_an_adjustment_changes_the_amount_from_its_month(ward_officer, ward):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=2025, classification="poor")
    mother = PersonFactory(
        household=household, sex="female", birth_date=date(1960, 5, 1), full_name="Trần Thị Mai"
    )
    case = granted(
        ward_officer,
        mother,
        decided_on=date(2025, 2, 10),
        applied_on=date(2025, 2, 1),
        group="K4",
        flags=["single_parent", "no_supporter"],
        children_raised=1,
    )
    # K4 (1.0 per child) on top of K5a (1.5): the single-parent exception (Điều 6 khoản 2).
    assert amounts(case, until=date(2025, 3, 1))[date(2025, 3, 1)] == (2.5, 1_250_000)

    case_adjust(
        user=ward_officer,
        case=case,
        decided_on=date(2025, 4, 2),
        signer="A",
        effective_month=date(2025, 4, 1),
        version=case.version,
        children_raised=2,
    )

    assert amounts(case, until=date(2025, 4, 1))[date(2025, 4, 1)] == (3.5, 1_750_000)
    # The decision keeps the categories it paid under.
    adjusted = case.events.get(kind="adjusted")
    assert adjusted.category == case.events.get(kind="granted").category == "K5a.1, K4"


def test_an_adjustment_of_a_pension_names_no_allowance_category(ward_officer, elder):
    # Over 80 and poor: K5c would apply, but the case is the social pension.
    case = granted(ward_officer, elder, benefit="social_pension", group="", flags=[])

    case_adjust(
        user=ward_officer,
        case=case,
        decided_on=date(2025, 4, 2),
        signer="A",
        effective_month=date(2025, 4, 1),
        version=case.version,
        pension_amount=0,
    )

    assert case.events.get(kind="adjusted").category == ""


def test_an_adjustment_that_leaves_no_category_is_refused_and_writes_nothing(ward_officer, ward):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=2025, classification="poor")
    mother = PersonFactory(household=household, sex="female", birth_date=date(1990, 5, 1))
    case = granted(
        ward_officer,
        mother,
        decided_on=date(2025, 2, 10),
        applied_on=date(2025, 2, 1),
        group="K4",
        flags=["single_parent"],
        children_raised=1,
    )
    version = case.version

    with pytest.raises(CaseError, match="thôi hưởng"):
        case_adjust(
            user=ward_officer,
            case=case,
            decided_on=date(2025, 4, 2),
            signer="A",
            effective_month=date(2025, 4, 1),
            version=version,
            children_raised=0,
        )

    case.refresh_from_db()
    assert (case.children_raised, case.version) == (1, version)
    assert not case.events.filter(kind="adjusted").exists()


def test_three_months_unpaid_put_a_case_on_the_worklist_until_collected(ward_officer, elder):
    case = granted(ward_officer, elder)  # paid from 01/2024
    today = date(2025, 10, 15)

    for _twice in range(2):  # a form submitted twice
        case_unpaid_record(
            user=ward_officer,
            case=case,
            since=date(2025, 8, 3),
            recorded_on=today,
            note="DS chi T8",
        )
    with pytest.raises(CaseError, match="trước tháng 08/2025"):
        case_collected_record(user=ward_officer, case=case, on=date(2025, 7, 30))
    on_list = worklists(ward_officer, today=today).unpaid
    case_collected_record(user=ward_officer, case=case, on=today)
    off_list = worklists(ward_officer, today=today).unpaid

    assert [(c.pk, c.months_unpaid) for c in on_list.rows] == [(case.pk, 3)]
    assert case.events.filter(kind="unpaid").count() == 1
    assert off_list.total == 0
    unpaid = case.events.get(kind="unpaid")
    assert (unpaid.effective_month, unpaid.note) == (date(2025, 8, 1), "DS chi T8")


def test_an_unpaid_month_must_be_paid_for_and_past(ward_officer, elder):
    case = granted(ward_officer, elder)
    today = date(2025, 10, 15)

    with pytest.raises(CaseError, match="chưa đến"):
        case_unpaid_record(user=ward_officer, case=case, since=date(2025, 11, 1), recorded_on=today)
    with pytest.raises(CaseError, match="trước tháng đó"):
        case_unpaid_record(user=ward_officer, case=case, since=date(2023, 12, 1), recorded_on=today)
    with pytest.raises(CaseError, match="không có tháng chưa nhận tiền"):
        case_collected_record(user=ward_officer, case=case, on=today)
    case_suspend(user=ward_officer, case=case, on=today, note="Tạm giam")
    with pytest.raises(CaseError, match="đang hưởng"):
        case_unpaid_record(user=ward_officer, case=case, since=date(2025, 8, 1), recorded_on=today)

    case.refresh_from_db()
    assert case.unpaid_since is None
    assert not case.events.filter(kind__in=["unpaid", "collected"]).exists()


def test_a_case_suspended_today_keeps_its_earlier_months_paid(ward_officer, elder):
    case = granted(ward_officer, elder)
    case_suspend(user=ward_officer, case=case, on=date(2024, 3, 5), note="3 tháng chưa nhận")

    by_month = amounts(case, until=date(2024, 4, 1))

    assert [by_month[date(2024, m, 1)][1] for m in range(1, 5)] == [540_000, 540_000, 0, 0]
