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
from areas.queries import Population, population_on
from areas.scope import ward_ids
from households.models import Household, HouseholdStatus

from .. import rules

GROUPS = (rules.POOR, rules.NEAR_POOR)


@dataclass
class MovementTable:
    area: Area
    start: date
    end: date
    households: int  # in the register during the period: never the base of a rate
    rows: dict[str, dict[str, int]]  # group → column → count
    population_start: Population | None = None  # the area's totals on the first day
    population_end: Population | None = None  # and on the last

    def base(self, column: str) -> Population | None:
        """The area's totals a column's rate is over: the last day's for the households at
        the end, the first day's for the start and every movement (a movement's rate, like
        the plans' "giảm 0,1 %", is a share of the households there were)."""
        return self.population_end if column == "at_end" else self.population_start

    def rate(self, group: str, column: str) -> float | None:
        """Percent of all households of the area (AreaPopulation), None without a figure."""
        base = self.base(column)
        if base is None or not base.households:
            return None
        return 100 * self.rows[group][column] / base.households


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
    return MovementTable(
        area=area,
        start=start,
        end=end,
        households=total,
        rows=rows,
        population_start=population_on(area, start),
        population_end=population_on(area, end),
    )


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
    events = _cell_events(_events(households, start, end), group, column)
    return households.filter(pk__in=events.values("household_id"))


def _cell_events(events: QuerySet[HouseholdStatus], group: str, column: str):
    """The statuses rules.tally_movements counts in the cell, filtered alike."""
    other = rules.NEAR_POOR if group == rules.POOR else rules.POOR
    if column == "moved_away":
        return events.filter(previous=group, movement=rules.MOVED_OUT)
    events = events.exclude(movement=rules.MOVED_OUT)
    if column in rules.OUTGOING:
        events = events.filter(previous=group).exclude(classification=group)
        if column == "to_other":
            return events.filter(classification=other)
        return events.exclude(classification=other)
    events = events.filter(classification=group).exclude(previous=group)
    if column in rules.EVENT_COLUMN_MOVEMENTS:
        return events.filter(movement__in=rules.EVENT_COLUMN_MOVEMENTS[column])
    events = events.exclude(
        movement__in=[m for ms in rules.EVENT_COLUMN_MOVEMENTS.values() for m in ms]
    )
    if column == "from_other":
        return events.filter(previous=other)
    return events.exclude(previous=other)
