"""People and cases written straight to the database, for the worklists' tests."""

from datetime import date

from beneficiaries.models import Case, CaseStatus

from ..factories import HouseholdFactory, PersonFactory


def person(ward, born, **values):
    return PersonFactory(household=HouseholdFactory(ward=ward), birth_date=born, **values)


def case(ward, born=date(1950, 6, 10), status=CaseStatus.ACTIVE, **values):
    who = values.pop("person", None) or person(ward, born)
    values = {"benefit": "allowance", "group": "K5", "applied_on": date(2024, 1, 5)} | values
    return Case.objects.create(person=who, ward=ward, status=status, **values)
