"""A case's history: every state the case was in, each step's row read back from
`case.history` (the steps themselves are conditional updates)."""

from datetime import date

import pytest

from beneficiaries.models import CaseStatus
from beneficiaries.services import CaseError, case_adjust, case_suspend

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from .documents import granted


def test_the_history_holds_every_state_of_a_granted_adjusted_and_suspended_case(ward_officer, ward):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=2025, classification="poor")
    mother = PersonFactory(household=household, sex="female", birth_date=date(1960, 5, 1))
    case = granted(
        ward_officer,
        mother,
        date(2025, 2, 10),
        group="K4",
        flags=["single_parent", "no_supporter"],
        children_raised=1,
    )
    case_adjust(
        user=ward_officer,
        case=case,
        decided_on=date(2025, 4, 2),
        signer="A",
        effective_month=date(2025, 4, 1),
        version=case.version,
        children_raised=2,
        pension_amount=300_000,
    )
    case_suspend(user=ward_officer, case=case, on=date(2025, 6, 3), note="Tạm giam")

    states = [
        (row.history_type, row.status, row.children_raised, row.pension_amount, row.start_month)
        for row in case.history.order_by("history_date", "history_id")
    ]
    granted_from = date(2025, 2, 1)
    assert states == [
        ("+", CaseStatus.INTAKE, 1, 0, None),
        ("~", CaseStatus.SCREENING, 1, 0, None),
        ("~", CaseStatus.ACTIVE, 1, 0, granted_from),
        ("~", CaseStatus.ACTIVE, 2, 300_000, granted_from),  # the adjustment's new facts
        ("~", CaseStatus.SUSPENDED, 2, 300_000, granted_from),
    ]
    # Each step's row names the officer who took it.
    assert {row.history_user for row in case.history.filter(history_type="~")} == {ward_officer}


def test_a_step_posted_twice_writes_one_history_row(ward_officer, ward):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=2025, classification="poor")
    elder = PersonFactory(household=household, birth_date=date(1944, 3, 10))
    case = granted(ward_officer, elder, date(2025, 2, 10))
    case_suspend(user=ward_officer, case=case, on=date(2025, 6, 3), note="Tạm giam")

    with pytest.raises(CaseError):
        case_suspend(user=ward_officer, case=case, on=date(2025, 6, 3), note="Tạm giam")

    assert case.history.filter(status=CaseStatus.SUSPENDED).count() == 1
