"""One-off supports: the minimum the law sets (a province's higher row first), what an
officer may type, who may receive a funeral support, the chair's decision, and payment
through the next payroll or on the spot."""

from datetime import date
from decimal import Decimal

import pytest

from beneficiaries.services import next_decision_number, person_death_record
from benefits.models import BenefitType, Support, SupportRate
from benefits.services.payrolls import payroll_approve, payroll_generate, payroll_send
from benefits.services.reconciliation import line_mark
from benefits.services.supports import (
    SupportError,
    support_cancel,
    support_decide,
    support_pay_on_spot,
    support_propose,
)

from ..factories import HouseholdFactory, PersonFactory
from .conftest import granted, poor_person

NOV, DEC, JAN = date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)


def kind(code):
    return BenefitType.objects.get(code=code)


def propose(user, ward, code, event_on, **values):
    return support_propose(
        user=user, ward=ward, benefit_type=kind(code), event_on=event_on, **values
    )


def home(ward):
    """A household of the ward with its head."""
    return PersonFactory(household=HouseholdFactory(ward=ward)).household


def dead(ward, died_on, **values):
    return PersonFactory(household=HouseholdFactory(ward=ward), deceased_on=died_on, **values)


@pytest.mark.parametrize(
    ("code", "event_on", "amount"),
    [
        ("funeral", date(2023, 5, 10), 7_200_000),  # 20 × 360.000
        ("funeral", date(2026, 3, 2), 10_000_000),  # 20 × 500.000
        ("funeral_disaster", date(2026, 10, 20), 25_000_000),  # 50 × 500.000
        ("funeral_facility", date(2024, 6, 30), 18_000_000),  # 50 × 360.000, before 07/2024
        ("serious_injury", date(2026, 10, 20), 5_000_000),  # 10 × 500.000
    ],
)
def test_a_personal_support_is_its_multiple_of_the_standard_level_of_the_month(
    ward_officer, ward, code, event_on, amount
):
    person = (
        dead(ward, event_on)
        if code.startswith("funeral")
        else PersonFactory(household=HouseholdFactory(ward=ward))
    )

    support = propose(ward_officer, ward, code, event_on, person=person)

    assert (support.amount, support.status, support.quantity) == (amount, "proposed", None)
    assert support.rate.province_id is None


@pytest.mark.parametrize(
    ("code", "amount"),
    [
        ("housing_build", 40_000_000),
        ("housing_relocate", 30_000_000),
        ("housing_repair", 20_000_000),
    ],
)
def test_housing_after_a_disaster_is_a_fixed_sum_per_household(ward_officer, ward, code, amount):
    household = home(ward)

    support = propose(ward_officer, ward, code, date(2026, 10, 20), household=household)

    assert (support.amount, support.household, support.person) == (amount, household, None)


def test_rice_is_15_kg_per_person_and_month_handed_out_on_the_spot(ward_officer, ward):
    household = home(ward)

    support = propose(
        ward_officer,
        ward,
        "emergency_rice",
        date(2026, 10, 20),
        household=household,
        persons=4,
        months=3,
        payment="payroll",
    )

    assert (support.quantity, support.amount) == (Decimal(180), 0)  # 15 × 4 × 3
    assert support.payment == "spot"  # in kind: never on the provider's list
    with pytest.raises(SupportError, match="tối đa 3 tháng"):
        propose(
            ward_officer,
            ward,
            "emergency_rice",
            date(2026, 10, 20),
            household=household,
            persons=4,
            months=4,
        )


def test_the_provinces_higher_row_wins_from_its_date(ward_officer, ward, province):
    SupportRate.objects.create(
        benefit_type=kind("funeral"),
        province=province,
        valid_from=date(2025, 1, 1),
        multiple=Decimal(30),
        legal_reference="Nghị quyết 12/2024/NQ-HĐND tỉnh An Giang",
    )

    later = propose(
        ward_officer, ward, "funeral", date(2026, 3, 2), person=dead(ward, date(2026, 3, 2))
    )
    earlier = propose(
        ward_officer, ward, "funeral", date(2024, 12, 5), person=dead(ward, date(2024, 12, 5))
    )

    assert (later.amount, later.rate.province) == (15_000_000, province)  # 30 × 500.000
    assert (earlier.amount, earlier.rate.province) == (10_000_000, None)


def test_a_typed_amount_may_be_higher_never_lower(ward_officer, ward):
    with pytest.raises(SupportError) as refused:
        propose(
            ward_officer,
            ward,
            "funeral",
            date(2026, 3, 2),
            person=dead(ward, date(2026, 3, 2)),
            amount=9_000_000,
        )
    higher = propose(
        ward_officer,
        ward,
        "funeral",
        date(2026, 3, 2),
        person=dead(ward, date(2026, 3, 2)),
        amount=12_000_000,
    )

    assert "10.000.000" in str(refused.value) and "Điều 11" in str(refused.value)
    assert higher.amount == 12_000_000
    assert Support.objects.count() == 1


def test_a_funeral_needs_a_recorded_death_on_its_day(ward_officer, ward):
    living = PersonFactory(household=HouseholdFactory(ward=ward), full_name="Lê Văn Sống")
    with pytest.raises(SupportError, match="Lê Văn Sống chưa được ghi nhận đã mất"):
        propose(ward_officer, ward, "funeral", date(2026, 3, 2), person=living)
    with pytest.raises(SupportError, match="ngày mất"):
        propose(
            ward_officer, ward, "funeral", date(2026, 3, 5), person=dead(ward, date(2026, 3, 2))
        )
    with pytest.raises(SupportError, match="một người"):
        propose(
            ward_officer, ward, "funeral", date(2026, 3, 2), household=HouseholdFactory(ward=ward)
        )
    assert not Support.objects.exists()


def test_a_second_funeral_support_is_refused_until_the_first_is_cancelled(ward_officer, ward):
    person = dead(ward, date(2026, 3, 2))
    first = propose(ward_officer, ward, "funeral", date(2026, 3, 2), person=person)

    with pytest.raises(SupportError, match="đã được đề xuất"):
        propose(ward_officer, ward, "funeral_disaster", date(2026, 3, 2), person=person)
    support_cancel(user=ward_officer, support=first, note="Trùng hồ sơ")
    again = propose(ward_officer, ward, "funeral_disaster", date(2026, 3, 2), person=person)

    assert (first.status, again.amount) == ("cancelled", 25_000_000)
    assert "Hủy ngày" in first.reason and "Trùng hồ sơ" in first.reason


def test_a_funeral_the_payroll_already_paid_is_refused(ward_officer, ward, paying_from):
    paying_from(NOV)
    elder = poor_person(ward)
    granted(ward_officer, elder, decided_on=date(2026, 11, 5))
    person_death_record(user=ward_officer, person=elder, died_on=date(2026, 11, 20))
    payroll = payroll_generate(user=ward_officer, ward=ward, month=NOV).payroll
    payroll_approve(user=ward_officer, payroll=payroll)
    assert payroll.lines.filter(benefit_type__code="funeral").exists()

    with pytest.raises(SupportError, match="hỗ trợ chi phí mai táng"):
        propose(ward_officer, ward, "funeral", date(2026, 11, 20), person=elder)


def test_it_refuses_other_wards_people_readers_and_future_events(
    ward_officer, approver, ward, other_ward
):
    stranger = PersonFactory(household=HouseholdFactory(ward=other_ward))
    household = home(ward)

    with pytest.raises(SupportError, match="không thuộc"):
        propose(ward_officer, ward, "serious_injury", date(2026, 10, 1), person=stranger)
    with pytest.raises(SupportError, match="quyền"):
        propose(approver, ward, "housing_repair", date(2026, 10, 1), household=household)
    with pytest.raises(SupportError, match="tương lai"):
        propose(ward_officer, ward, "housing_repair", date(2099, 1, 1), household=household)
    with pytest.raises(SupportError, match="Hãy chọn"):
        propose(ward_officer, ward, "housing_repair", date(2026, 10, 1))
    assert not Support.objects.exists()


def test_the_decision_takes_the_wards_next_number_once(ward_officer, ward):
    support = propose(
        ward_officer,
        ward,
        "housing_repair",
        date(2026, 10, 20),
        household=home(ward),
    )

    first = support_decide(
        user=ward_officer,
        support=support,
        decided_on=date(2026, 10, 25),
        signer="Nguyễn Thanh Bình",
    )
    second = support_decide(
        user=ward_officer, support=support, decided_on=date(2026, 10, 26), signer="Lê Văn C"
    )

    assert (first, second) == (True, False)
    assert (support.status, support.decision_number, support.decided_on, support.signer) == (
        "decided",
        "01/QĐ-UBND",
        date(2026, 10, 25),
        "Nguyễn Thanh Bình",
    )
    assert next_decision_number(ward, 2026) == "02/QĐ-UBND"  # the second submit took none


def decided(user, ward, code, event_on, *, on, **values):
    support = propose(user, ward, code, event_on, **values)
    support_decide(user=user, support=support, decided_on=on, signer="Nguyễn Thanh Bình")
    return support


def support_lines(payroll):
    return list(payroll.lines.filter(support__isnull=False).values_list("support_id", "amount"))


def test_through_the_payroll_it_is_listed_until_paid_then_never_again(
    ward_officer, ward, paying_from
):
    paying_from(NOV)
    household = HouseholdFactory(ward=ward)
    PersonFactory(household=household, full_name="Trần Thị Bão")
    support = decided(
        ward_officer,
        ward,
        "housing_repair",
        date(2026, 11, 5),
        household=household,
        on=date(2026, 11, 10),
    )

    payroll_generate(user=ward_officer, ward=ward, month=DEC)
    payroll = payroll_generate(user=ward_officer, ward=ward, month=DEC).payroll  # again: once
    assert support_lines(payroll) == [(support.pk, 20_000_000)]
    line = payroll.lines.get(support=support)
    assert (line.full_name, line.kind) == ("Trần Thị Bão", "one_off")
    payroll_approve(user=ward_officer, payroll=payroll)
    payroll_send(user=ward_officer, payroll=payroll)
    line_mark(user=ward_officer, line=line, paid=True, paid_on=date(2026, 12, 2))

    support.refresh_from_db()
    assert (support.status, support.paid_on) == ("paid", date(2026, 12, 2))
    following = payroll_generate(user=ward_officer, ward=ward, month=JAN).payroll
    assert support_lines(following) == []
    with pytest.raises(SupportError, match="đã chi"):
        support_cancel(user=ward_officer, support=support, note="Nhầm")


def test_a_support_on_an_approved_payroll_cannot_be_cancelled(ward_officer, ward, paying_from):
    paying_from(NOV)
    support = decided(
        ward_officer,
        ward,
        "serious_injury",
        date(2026, 11, 5),
        person=PersonFactory(household=HouseholdFactory(ward=ward)),
        on=date(2026, 11, 10),
    )
    payroll_approve(
        user=ward_officer, payroll=payroll_generate(user=ward_officer, ward=ward, month=DEC).payroll
    )

    with pytest.raises(SupportError, match="12/2026 đã duyệt"):
        support_cancel(user=ward_officer, support=support, note="Nhầm")
    support.refresh_from_db()
    assert support.status == "decided"


def test_on_the_spot_it_is_paid_once_and_never_on_a_payroll(ward_officer, ward, paying_from):
    paying_from(NOV)
    support = propose(
        ward_officer,
        ward,
        "serious_injury",
        date(2026, 11, 5),
        person=PersonFactory(household=HouseholdFactory(ward=ward)),
        payment="spot",
    )
    with pytest.raises(SupportError, match="chưa có quyết định"):
        support_pay_on_spot(user=ward_officer, support=support, paid_on=date(2026, 11, 12))
    support_decide(
        user=ward_officer,
        support=support,
        decided_on=date(2026, 11, 10),
        signer="Nguyễn Thanh Bình",
    )

    first = support_pay_on_spot(user=ward_officer, support=support, paid_on=date(2026, 11, 12))
    second = support_pay_on_spot(user=ward_officer, support=support, paid_on=date(2026, 11, 13))

    assert (first, second, support.status, support.paid_on) == (
        True,
        False,
        "paid",
        date(2026, 11, 12),
    )
    assert support_lines(payroll_generate(user=ward_officer, ward=ward, month=DEC).payroll) == []


def test_a_decided_funeral_replaces_the_automatic_one(ward_officer, ward, paying_from):
    paying_from(NOV)
    elder = poor_person(ward)
    granted(ward_officer, elder, decided_on=date(2026, 11, 5))
    person_death_record(user=ward_officer, person=elder, died_on=date(2026, 11, 20))
    support = decided(
        ward_officer,
        ward,
        "funeral",
        date(2026, 11, 20),
        person=elder,
        amount=12_000_000,
        on=date(2026, 11, 25),
    )

    payroll = payroll_generate(user=ward_officer, ward=ward, month=DEC).payroll

    funerals = payroll.lines.filter(benefit_type__code="funeral")
    assert list(funerals.values_list("support_id", "amount")) == [(support.pk, 12_000_000)]
