"""The movements table (di biến động) of an area over a period, and the households behind it.

A status holds from its `valid_from` until the next one: the households at the start are
counted by the status in force on the first day (the year's list from 1 January is the
baseline), the movements are the statuses decided after it up to the last day. A past
period's figures never change: a household counts in the ward it was in during the period
(a household that moved keeps its closed record there), and one begun later (split off,
received) does not count in it.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from areas.models import Area, Level
from areas.scope import ward_ids
from households.models import Household, HouseholdStatus

from .. import rules

GROUPS = (rules.POOR, rules.NEAR_POOR)


@dataclass
class MovementTable:
    area: Area
    start: date
    end: date
    households: int  # in the area (the denominator of the rates)
    rows: dict[str, dict[str, int]]  # group → column → count

    def rate(self, group: str, column: str) -> float | None:
        if not self.households:
            return None
        return 100 * self.rows[group][column] / self.households


def households_in(user, area: Area) -> QuerySet[Household]:
    """The households of the area (a province, ward or residential group) the user may see.

    The wards are listed once, already cut to the user's scope: a second IN list of the
    same wards made PostgreSQL underestimate a province's rows by half.
    """
    if area.level == Level.RESIDENTIAL_GROUP:
        return Household.objects.visible_to(user).filter(residential_group=area)
    wards = set(Area.objects.under(area).filter(level=Level.WARD).values_list("pk", flat=True))
    scope = ward_ids(user)
    if scope is not None:
        wards &= scope
    return Household.objects.filter(ward_id__in=sorted(wards))


def households_during(households: QuerySet[Household], start: date, end: date):
    """The households that were in the register on some day of the period: begun by its
    last day (entered by then, or holding a status by then) and not closed before its first.

    A household closed since (moved, merged, dissolved) still counts in the periods it
    lived through, in the ward it was in; one split off or received later does not count
    in a period before it began, so a past period's table never changes. The entry date is
    tested first: for nearly every household it answers without the status subquery.
    """
    held = Exists(HouseholdStatus.objects.filter(household=OuterRef("pk"), valid_from__lte=end))
    return households.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=start),
        Q(created_at__date__lte=end) | held,
    )


def movement_table(user, area: Area, start: date, end: date) -> MovementTable:
    households = households_during(households_in(user, area), start, end)
    both = (
        households.annotate(
            first=HouseholdStatus.objects.classification_on(start),
            last=HouseholdStatus.objects.classification_on(end),
        )
        .order_by()
        .values("first", "last")
        .annotate(n=Count("pk"))
    )
    at_start, at_end, total = {}, {}, 0
    for row in both:
        total += row["n"]
        at_start[row["first"]] = at_start.get(row["first"], 0) + row["n"]
        at_end[row["last"]] = at_end.get(row["last"], 0) + row["n"]
    events = (
        _events(households, start, end)
        .order_by()
        .values_list("previous", "classification", "movement")
        .annotate(n=Count("pk"))
    )
    rows = rules.tally_movements(at_start, at_end, list(events))
    return MovementTable(area=area, start=start, end=end, households=total, rows=rows)


def _events(households: QuerySet[Household], start: date, end: date):
    return HouseholdStatus.objects.filter(
        household__in=households.values("pk"), valid_from__gt=start, valid_from__lte=end
    )


def movement_households(
    user, area: Area, start: date, end: date, group: str, column: str
) -> QuerySet[Household]:
    """The households counted in one cell of the table."""
    if group not in GROUPS or column not in rules.MOVEMENT_COLUMNS:
        raise ValueError(column)
    households = households_during(households_in(user, area), start, end)
    if column in ("at_start", "at_end"):
        day = start if column == "at_start" else end
        return households.alias(s=HouseholdStatus.objects.classification_on(day)).filter(s=group)
    other = rules.NEAR_POOR if group == rules.POOR else rules.POOR
    events = _events(households, start, end)
    if column == "moved_away":
        events = events.filter(previous=group, movement=rules.MOVED_OUT)
    elif column in ("newly", "relapsed"):
        events = events.filter(classification=group).exclude(previous=group)
        events = events.exclude(movement=rules.MOVED_OUT)
        if column == "relapsed":
            events = events.filter(movement=rules.RELAPSED_POOR)
        else:
            events = events.exclude(movement=rules.RELAPSED_POOR)
    else:
        events = events.filter(previous=group).exclude(classification=group)
        events = events.exclude(movement=rules.MOVED_OUT)
        if column == "to_poor":
            events = (
                events.filter(classification=other) if group == rules.NEAR_POOR else events.none()
            )
        elif group == rules.NEAR_POOR:
            events = events.exclude(classification=rules.POOR)
    return households.filter(pk__in=events.values("household_id"))
