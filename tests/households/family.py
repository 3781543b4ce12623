"""Households as the event tests take them: a family of real rows, and what the dated
memberships say about it on a day."""

from datetime import date, timedelta

from households.models import Membership
from households.queries.on_day import members_on

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory

DAY = date(2025, 6, 10)  # the day of every event below
BEFORE = DAY - timedelta(days=1)


PEOPLE = {
    "hung": ("Lê Văn Hùng", "head"),
    "hoa": ("Phạm Thị Hoa", "spouse"),
    "nam": ("Lê Văn Nam", "child"),
}


def family(ward, code="AG-100", *, classification="near_poor", **people) -> dict:
    """A household of `ward` whose members joined on 1 January 2020: Lê Văn Hùng (head),
    Phạm Thị Hoa (spouse) and Lê Văn Nam (child), plus `people` (key → (name, relation));
    near-poor from 1 January 2025 unless `classification` is None. Returns the household
    under "household" and each person under their key ("hung", "hoa", "nam", …)."""
    household = HouseholdFactory(ward=ward, code=code)
    if classification:
        HouseholdStatusFactory(household=household, year=2025, classification=classification)
    found = {"household": household}
    for key, (name, relation) in (PEOPLE | people).items():
        sex = "female" if " Thị " in name else "male"
        found[key] = PersonFactory(
            household=household, full_name=name, relation_to_head=relation, sex=sex
        )
    return found


def roster(household, day: date) -> dict[str, str]:
    """The household's members on the day: name → relation to the head then."""
    return {m.person.full_name: m.relation_to_head for m in members_on(household, day)}


def heads(household, day: date) -> list[str]:
    return [name for name, relation in roster(household, day).items() if relation == "head"]


def households_of(person, day: date) -> list[int]:
    """The households the person belonged to on the day (one at most, or the data lie)."""
    held = Membership.objects.in_force_on(day).filter(person=person)
    return list(held.values_list("household_id", flat=True))


def each_once(people, day: date) -> bool:
    """Every one of the people holds exactly one membership on the day."""
    return all(len(households_of(p, day)) == 1 for p in people)
