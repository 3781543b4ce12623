"""The monthly payroll of a ward generated from its cases: this month's amounts, arrears,
recoveries and the funeral support, approved and frozen, regenerated only while a draft."""

from datetime import date

import pytest

from beneficiaries.models import CareAllowanceRate
from beneficiaries.services import case_adjust, person_death_record
from benefits.models import CareAllowance, Payroll, PayrollPolicy, RecoveryPolicy
from benefits.services.payrolls import (
    PayrollError,
    payroll_approve,
    payroll_generate,
)

from ..factories import PersonFactory
from .conftest import granted, poor_person

AUG, SEP, OCT, NOV, DEC = (date(2026, m, 1) for m in (8, 9, 10, 11, 12))


def generate(user, ward, month):
    return payroll_generate(user=user, ward=ward, month=month).payroll


def paid(user, ward, *months):
    """Generate and approve each month's payroll in turn."""
    for month in months:
        payroll_approve(user=user, payroll=generate(user, ward, month))


def lines(payroll):
    return [
        (line.benefit_type.code, line.kind, line.for_month, line.amount)
        for line in payroll.lines.select_related("benefit_type").order_by("for_month", "pk")
    ]


def test_a_decision_effective_two_months_back_brings_its_arrears(ward_officer, ward, paying_from):
    paying_from(AUG)
    granted(ward_officer, poor_person(ward), decided_on=date(2026, 9, 10))  # K5a.1, 1,5

    payroll = generate(ward_officer, ward, NOV)

    assert lines(payroll) == [
        ("allowance", "arrears", SEP, 750_000),
        ("allowance", "arrears", OCT, 750_000),
        ("allowance", "regular", NOV, 750_000),
    ]
    assert (payroll.people, payroll.total) == (1, 2_250_000)
    arrears = payroll.lines.get(for_month=SEP)
    assert arrears.explanation.startswith("Truy lĩnh tháng 09/2026: K5a.1: hệ số 1,5 × mức")
    assert "Điều 5" in arrears.legal_reference


def test_a_death_reported_late_is_recovered_and_brings_the_funeral_support(
    ward_officer, ward, paying_from
):
    paying_from(AUG)
    elder = poor_person(ward)
    granted(ward_officer, elder, decided_on=date(2026, 8, 5))
    paid(ward_officer, ward, AUG, SEP, OCT)
    person_death_record(user=ward_officer, person=elder, died_on=date(2026, 8, 14))

    payroll = generate(ward_officer, ward, NOV)

    assert lines(payroll) == [
        ("funeral", "one_off", AUG, 10_000_000),  # 20 × 500.000, the month of death paid
        ("allowance", "recovery", SEP, -750_000),
        ("allowance", "recovery", OCT, -750_000),
    ]
    assert (payroll.total, payroll.recovered) == (10_000_000, 1_500_000)  # listed apart
    payroll_approve(user=ward_officer, payroll=payroll)
    assert lines(generate(ward_officer, ward, DEC)) == []  # recovered and paid once


def test_netting_takes_the_recovery_off_the_payment(ward_officer, ward, paying_from):
    paying_from(AUG).__class__.objects.filter(ward=ward).update(recoveries=RecoveryPolicy.NETTED)
    elder = poor_person(ward)
    granted(ward_officer, elder, decided_on=date(2026, 8, 5))
    paid(ward_officer, ward, AUG, SEP, OCT)
    person_death_record(user=ward_officer, person=elder, died_on=date(2026, 8, 14))

    payroll = generate(ward_officer, ward, NOV)

    assert (payroll.total, payroll.recovered) == (8_500_000, 0)


def test_amounts_follow_the_standard_level_of_01_07_2024(ward_officer, ward, paying_from):
    paying_from(date(2024, 6, 1))
    disabled = PersonFactory(birth_date=date(1985, 3, 3), disability_level="severe")
    disabled.household.ward = ward
    disabled.household.save()
    granted(
        ward_officer,
        disabled,
        decided_on=date(2024, 6, 3),
        group="K6",
        flags=(),
        disability_certified_on=date(2024, 6, 1),
    )

    june = generate(ward_officer, ward, date(2024, 6, 1))
    payroll_approve(user=ward_officer, payroll=june)
    july = generate(ward_officer, ward, date(2024, 7, 1))

    assert [line[3] for line in lines(june)] == [540_000]  # 1,5 × 360.000
    assert [line[3] for line in lines(july)] == [750_000]  # 1,5 × 500.000


def test_a_caring_household_gets_the_care_allowance(ward_officer, ward, paying_from):
    paying_from(NOV)
    child = poor_person(ward, born=date(2016, 2, 2), disability_level="particularly_severe")
    case = granted(
        ward_officer,
        child,
        decided_on=date(2026, 10, 5),
        group="K6",
        flags=(),
        disability_certified_on=date(2026, 10, 1),
    )
    CareAllowance.objects.create(
        case=case,
        rate=CareAllowanceRate.objects.get(code="household_caring", province=None),
        carer_name="Trần Thị Mẹ",
        start_month=NOV,
    )

    payroll = generate(ward_officer, ward, NOV)

    assert lines(payroll) == [
        ("allowance", "regular", NOV, 1_250_000),  # K6.2, a child: 2,5
        ("care", "regular", NOV, 500_000),  # 1,0 × the standard level
    ]


def test_an_approved_payroll_is_frozen_and_a_later_change_shows_next_month(
    ward_officer, ward, paying_from
):
    paying_from(NOV)
    case = granted(ward_officer, poor_person(ward, born=date(1945, 1, 1)), decided_on=NOV)
    payroll = generate(ward_officer, ward, NOV)
    assert payroll_approve(user=ward_officer, payroll=payroll) is True
    assert payroll_approve(user=ward_officer, payroll=payroll) is False  # twice: nothing

    case.refresh_from_db()
    case_adjust(
        user=ward_officer,
        case=case,
        decided_on=date(2026, 11, 20),
        signer="Nguyễn Văn An",
        effective_month=NOV,
        version=case.version,
        flags=["no_supporter", "facility_eligible"],  # K5d: 3,0 from November
    )
    with pytest.raises(PayrollError, match="đã duyệt"):
        payroll_generate(user=ward_officer, ward=ward, month=NOV)

    assert lines(payroll) == [("allowance", "regular", NOV, 1_000_000)]  # K5a.2 as decided
    assert lines(generate(ward_officer, ward, DEC)) == [
        ("allowance", "arrears", NOV, 500_000),
        ("allowance", "regular", DEC, 1_500_000),
    ]


def test_generating_twice_gives_one_payroll(ward_officer, ward, paying_from):
    paying_from(NOV)
    granted(ward_officer, poor_person(ward), decided_on=NOV)

    first = generate(ward_officer, ward, NOV)
    again = generate(ward_officer, ward, NOV)

    assert first.pk == again.pk and Payroll.objects.count() == 1
    assert again.lines.count() == 1 and again.total == 750_000


def test_only_the_wards_own_officer_may_generate(
    ward_officer, other_ward_officer, approver, ward, paying_from
):
    paying_from(NOV)
    for user in (other_ward_officer, approver):
        with pytest.raises(PayrollError, match="không có quyền"):
            payroll_generate(user=user, ward=ward, month=NOV)
    assert not Payroll.objects.exists()


def test_the_first_payroll_sets_the_first_month(ward_officer, ward):
    granted(ward_officer, poor_person(ward), decided_on=date(2026, 9, 10))

    payroll = generate(ward_officer, ward, NOV)

    assert PayrollPolicy.objects.get(ward=ward).first_month == NOV
    assert lines(payroll) == [("allowance", "regular", NOV, 750_000)]  # earlier: outside
    with pytest.raises(PayrollError, match="từ tháng 11/2026"):
        payroll_generate(user=ward_officer, ward=ward, month=OCT)


def test_computing_only_the_changed_cases_gives_what_computing_all_gives(
    ward_officer, ward, paying_from
):
    """The next payroll recomputes earlier months only for cases whose inputs changed; it
    must list exactly what recomputing every case lists."""
    paying_from(AUG)
    kept = granted(ward_officer, poor_person(ward), decided_on=date(2026, 8, 5))
    changed = granted(ward_officer, poor_person(ward, born=date(1945, 1, 1)), decided_on=AUG)
    late = poor_person(ward)
    paid(ward_officer, ward, AUG, SEP, OCT)
    october = Payroll.objects.get(month=OCT)
    october.lines.filter(case=kept).update(status="unpaid")  # returned unpaid
    changed.refresh_from_db()
    case_adjust(
        user=ward_officer,
        case=changed,
        decided_on=date(2026, 10, 20),
        signer="Nguyễn Văn An",
        effective_month=SEP,
        version=changed.version,
        flags=["no_supporter", "facility_eligible"],
    )
    granted(ward_officer, late, decided_on=date(2026, 9, 2))  # granted late: arrears

    incremental = generate(ward_officer, ward, NOV)
    found = lines(incremental)
    Payroll.objects.filter(pk=october.pk).update(case_digests={})  # forget: compute all
    full = generate(ward_officer, ward, NOV)

    assert lines(full) == found
    assert ("allowance", "arrears", OCT, 750_000) in found  # kept's unpaid October
    assert ("allowance", "arrears", SEP, 500_000) in found  # changed: K5a.2 → K5d
    assert [line[2] for line in found].count(SEP) == 2  # changed's and late's September


def test_an_unpaid_month_carried_over_and_paid_is_not_listed_again(ward_officer, ward, paying_from):
    """A month returned unpaid is listed again next month; once that line is paid, the
    month after lists nothing more for it (the listed total counts both lines)."""
    paying_from(SEP)
    case = granted(ward_officer, poor_person(ward), decided_on=date(2026, 9, 5))
    paid(ward_officer, ward, SEP, OCT)
    Payroll.objects.get(month=OCT).lines.filter(case=case).update(status="unpaid")
    paid(ward_officer, ward, NOV)  # carries October over; its lines are collected
    november = Payroll.objects.get(month=NOV)
    assert ("allowance", "arrears", OCT, 750_000) in lines(november)

    december = generate(ward_officer, ward, DEC)

    assert lines(december) == [("allowance", "regular", DEC, 750_000)]
