"""Reads of the register, scoped to the user, with their joins done."""

import re
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from vn.names import search_key

from .access import get_household_for_user
from .models import Household, HouseholdStatus, Membership, Person

_ID_LIKE = re.compile(r"^[\d\s.]+$")


def search_q(text: str) -> Q:
    """Return the filter for one search box: a national ID, a household code or a name.

    The code is matched among the members' households (`household_id` in the households
    with that code), not as `pk IN (members) OR code = …`: PostgreSQL cannot plan that OR
    as a semi-join, so it built every match in the country as a hashed SubPlan and walked
    the user's whole scope, 90 ms for an approver's search that finds one person. Every
    household has a head, so no household is lost.
    """
    text = (text or "").strip()
    if not text:
        return Q()
    if _ID_LIKE.match(text):
        digits = re.sub(r"[\s.]", "", text)
        found = Q(national_id=digits) if len(digits) != 9 else Q(legacy_id=digits)
        code = digits
    else:
        found = Q(search_name__contains=search_key(text))
        code = text.upper()
    coded = Household.objects.filter(code=code).order_by().values("pk")
    people = Person.objects.filter(found | Q(_InSmallSet(F("household_id"), Subquery(coded))))
    return Q(pk__in=people.order_by().values("household_id"))


class _InSmallSet(Func):
    """`value IN (subquery)` for a subquery of a few rows, as a condition for filter().

    On PostgreSQL it is written `value = ANY(ARRAY(subquery))`: the subquery runs once (an
    InitPlan) and the array is an index condition, so an OR with another indexed condition
    stays a BitmapOr of two index scans. `IN (subquery)` under an OR would be a SubPlan
    tested on every row.
    """

    output_field = BooleanField()

    def as_sql(self, compiler, connection, template="%(value)s IN %(subquery)s", **extra):
        value, subquery = (compiler.compile(e) for e in self.get_source_expressions())
        sql = template % {"value": value[0], "subquery": subquery[0]}
        return sql, (*value[1], *subquery[1])

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, "%(value)s = ANY(ARRAY%(subquery)s)")


def household_list(
    user,
    *,
    q: str = "",
    ward=None,
    group=None,
    classification: str = "",
    year: int | None = None,
) -> QuerySet[Household]:
    """Return the households the user may see, filtered, with what the list shows."""
    statuses = HouseholdStatus.objects.filter(household=OuterRef("pk"))
    later = HouseholdStatus.objects.filter(
        household=OuterRef("household"), valid_from__gt=OuterRef("valid_from")
    )
    if year:
        statuses = statuses.filter(year=year)
        later = later.filter(year=year)
    latest = statuses.order_by("-valid_from")
    households = (
        Household.objects.visible_to(user)
        .filter(search_q(q))
        .select_related("ward", "residential_group")
        .annotate(
            status_year=Subquery(latest.values("year")[:1]),
            status_classification=Subquery(latest.values("classification")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Person.objects.only(
                    "pk",
                    "household_id",
                    "full_name",
                    "relation_to_head",
                    "deceased_on",
                    "moved_out_on",
                ),
            )
        )
        .order_by("ward_id", "code")
    )
    if ward:
        households = households.filter(ward=ward)
    if group:
        households = households.filter(residential_group=group)
    if classification:
        # As EXISTS PostgreSQL can join it. Without a year the latest status is the one
        # not superseded, found by the partial index on (classification, household); a
        # filter on the status_classification Subquery ran once per household in scope.
        if year:
            current = statuses.filter(~Exists(later), classification=classification)
        else:
            current = statuses.latest().filter(classification=classification)
        households = households.filter(Exists(current))
    return households


def household_detail(user, pk: int) -> Household:
    """Return the household with its members and statuses loaded."""
    household = get_household_for_user(user, pk)
    household.member_list = list(household.members.order_by("pk"))
    household.status_list = list(household.statuses.order_by("-valid_from"))
    return household


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
    in force that day, and that household's status in force. Two queries, then asked
    day by day (a case's schedule asks it once per month)."""

    def __init__(self, person_id: int):
        self.memberships = list(
            Membership.objects.filter(person_id=person_id).values_list(
                "household_id", "started_on", "ended_on"
            )
        )
        households = {h for h, _, _ in self.memberships}
        self.statuses = list(
            HouseholdStatus.objects.filter(household_id__in=households)
            .order_by("valid_from")
            .values_list("household_id", "valid_from", "superseded_on", "classification")
        )

    def household_on(self, day: date) -> int | None:
        held = [h for h, start, end in self.memberships if start <= day and (not end or day < end)]
        return held[0] if held else None

    def on(self, day: date) -> str:
        household = self.household_on(day)
        for h, start, end, classification in self.statuses:
            if h == household and start <= day and (not end or day < end):
                return classification
        return ""


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
        .filter(person_id__in=list(person_ids))
        .annotate(c=HouseholdStatus.objects.classification_on(day, household="household"))
        .values_list("person_id", "c")
    )
    return {person: c or "" for person, c in held}
