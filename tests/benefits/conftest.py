"""A ward with granted cases, paid through ansinh from a first month the test chooses."""

from datetime import date

import pytest

from beneficiaries.services import case_grant, case_open, case_screen
from benefits.models import PayrollPolicy

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory


def granted(user, person, *, decided_on: date, group="K5", flags=("no_supporter",), **values):
    """A case opened, screened and granted on `decided_on`."""
    case = case_open(
        user=user,
        person=person,
        benefit=values.pop("benefit", "allowance"),
        group=group,
        applied_on=values.pop("applied_on", decided_on),
        flags=list(flags),
        documents=["cccd", "application"],
        **values,
    )
    case_screen(user=user, case=case, screened_on=decided_on)
    return case_grant(user=user, case=case, decided_on=decided_on, signer="Nguyễn Văn An")


def poor_person(ward, *, born=date(1949, 4, 15), since=2024, **values):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(household=household, year=since, classification="poor")
    return PersonFactory(household=household, birth_date=born, **values)


@pytest.fixture
def paying_from(ward):
    """Set the month the ward's payrolls start in ansinh."""

    def set_first(month: date) -> PayrollPolicy:
        return PayrollPolicy.objects.update_or_create(ward=ward, defaults={"first_month": month})[0]

    return set_first
