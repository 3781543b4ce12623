"""The register asked about a day: who lived in a household, and in which household
(with which classification) a person lived. Every app asks these, never re-writes them."""

from datetime import date, timedelta

from ..models import Household, HouseholdStatus, Membership, Person


def members_on(household: Household, day: date):
    """The household's members on the day, each membership with its person and the
    relation then held ("who were the members of household X on 31/12/2025")."""
    return (
        Membership.objects.in_force_on(day)
        .filter(household=household)
        .select_related("person")
        .order_by("person_id")
    )


class ClassificationTimeline:
    """A person's household classification on any day: the household of the membership
    in force that day, and that household's status in force. Two queries (for one person
    or, through `many`, for a list of them), then asked day by day."""

    def __init__(self, person_id: int | None = None, *, memberships=None, statuses=None):
        if memberships is None:
            memberships = Membership.objects.filter(person_id=person_id).values_list(
                "household_id", "started_on", "ended_on"
            )
        self.memberships = list(memberships)
        if statuses is None:
            households = {h for h, _, _ in self.memberships}
            statuses = _statuses_of(households)
        self.statuses = list(statuses)

    @classmethod
    def many(cls, person_ids, *, memberships=None) -> dict[int, "ClassificationTimeline"]:
        """Each person's timeline, in one query whatever the number of persons (their
        memberships joined to their households' statuses). `memberships`, a query that
        holds at least those persons' memberships (a ward's, by a join), spares the
        database a long list of ids."""
        held: dict[int, set] = {p: set() for p in person_ids}
        if memberships is None:
            memberships = Membership.objects.filter(person_id__any=held.keys())
        # No ordering (sorted below): the model's own joins the households and the areas.
        rows = memberships.order_by().values_list(
            "person_id",
            "household_id",
            "started_on",
            "ended_on",
            "household__statuses__valid_from",
            "household__statuses__superseded_on",
            "household__statuses__classification",
        )
        by_household: dict[int, set] = {}
        for person, household, started, ended, valid_from, superseded, classification in rows:
            if person in held:  # a join lists a membership once per status (and per case)
                held[person].add((household, started, ended))
            if valid_from is not None:
                status = (household, valid_from, superseded, classification)
                by_household.setdefault(household, set()).add(status)
        statuses = {h: sorted(rows, key=lambda r: r[1]) for h, rows in by_household.items()}
        return {
            person: cls(
                memberships=sorted(ms, key=lambda m: m[1]),
                statuses=[row for h in sorted({m[0] for m in ms}) for row in statuses.get(h, ())],
            )
            for person, ms in held.items()
        }

    def household_on(self, day: date) -> int | None:
        held = [h for h, start, end in self.memberships if start <= day and (not end or day < end)]
        return held[0] if held else None

    def on(self, day: date) -> str:
        household = self.household_on(day)
        for h, start, end, classification in self.statuses:
            if h == household and start <= day and (not end or day < end):
                return classification
        return ""


def _statuses_of(households: set[int]) -> list[tuple]:
    return list(
        HouseholdStatus.objects.filter(household_id__any=households)
        .order_by("valid_from")
        .values_list("household_id", "valid_from", "superseded_on", "classification")
    )


def facts_day(person: Person, month_last_day: date) -> date:
    """The day a month's household facts are read on: its last day, or the last day the
    person lived, if they died in it (the month of death is paid)."""
    if person.deceased_on and person.deceased_on <= month_last_day:
        return person.deceased_on - timedelta(days=1)
    return month_last_day


def classifications_on(person_ids, day: date) -> dict[int, str]:
    """Each person's household classification on the day (the household they lived in
    then), in one query: for lists of many cases."""
    held = (
        Membership.objects.in_force_on(day)
        .filter(person_id__any=set(person_ids))
        .annotate(c=HouseholdStatus.objects.classification_on(day, household="household"))
        .values_list("person_id", "c")
    )
    return {person: c or "" for person, c in held}
