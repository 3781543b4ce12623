"""Cases opened, screened and granted through the services: the decisions and lists that
test_decisions.py and test_beneficiary_list.py read back."""

from beneficiaries.models import EventKind
from beneficiaries.services import case_grant, case_open, case_screen

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory


def resident(ward, name, birth, *, classification="poor", sex="female", group=None):
    household = HouseholdFactory(ward=ward, residential_group=group)
    HouseholdStatusFactory(household=household, year=2024, classification=classification)
    return PersonFactory(household=household, full_name=name, birth_date=birth, sex=sex)


def granted(user, person, decided_on, *, signer="Trần Văn Bảy", **values):
    values = {"benefit": "allowance", "group": "K5", "flags": ["no_supporter"]} | values
    case = case_open(user=user, person=person, applied_on=decided_on, **values)
    case_screen(user=user, case=case, screened_on=decided_on)
    return case_grant(user=user, case=case, decided_on=decided_on, signer=signer)


def decision_of(case, kind=EventKind.GRANTED):
    return case.events.get(kind=kind)
