"""A beneficiary of one ward who moves to a household of another: the rows the transfer
tests (test_transfers.py, test_transfer_views.py) share."""

from datetime import date

from beneficiaries.queries import case_schedule
from beneficiaries.services import case_grant, case_open, case_screen
from households.models import Joined
from households.services import Event, member_join

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory

MOVED = date(2025, 3, 14)  # the day Lê Văn Ba moves in with his daughter


def elder_of(ward, code="LX-001", **values):
    """Lê Văn Ba, born 10/03/1944, alone in a poor household of `ward`: K5a.1 from 80."""
    household = HouseholdFactory(ward=ward, code=code)
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    values = {"birth_date": date(1944, 3, 10), "full_name": "Lê Văn Ba"} | values
    return PersonFactory(household=household, **values)


def new_home(ward, code="BD-001"):
    """His daughter's household in `ward`, poor too: the amounts do not change with it."""
    household = HouseholdFactory(ward=ward, code=code)
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    PersonFactory(
        household=household, full_name="Lê Thị Hạnh", sex="female", birth_date=date(1972, 8, 1)
    )
    return household


def granted(user, person, decided_on=date(2024, 1, 20), **values):
    values = {
        "benefit": "allowance",
        "group": "K5",
        "applied_on": date(2024, 1, 5),
        "flags": ["no_supporter"],
    } | values
    case = case_open(user=user, person=person, **values)
    case_screen(user=user, case=case, screened_on=decided_on)
    return case_grant(user=user, case=case, decided_on=decided_on, signer="Nguyễn Văn A")


def move(user, person, household, on=MOVED):
    """The person joins `household` (another ward's): their membership here ends that day."""
    return member_join(
        Event(user, on, "Về ở với con gái"),
        household=household,
        reason=Joined.MOVED_IN,
        relation="parent",
        person=person,
    )


def paid(case, until) -> dict:
    """The months the case pays up to `until`, with their amounts."""
    return {s.month: s.result.amount for s in case_schedule(case, until=until) if s.due}


def moved_case(officer, other_officer, ward, other_ward):
    """Lê Văn Ba's case granted in `ward` (January 2024), and Lê Văn Ba living in a
    household of `other_ward` since MOVED (14/03/2025)."""
    elder = elder_of(ward)
    case = granted(officer, elder)
    move(other_officer, elder, new_home(other_ward))
    return case
