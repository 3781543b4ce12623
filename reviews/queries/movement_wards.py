"""The movements table of an area, one per ward in the user's scope, for the export."""

from datetime import date

from django.db.models import Count

from areas.models import Area, Level
from areas.queries import populations_under
from households.models import HouseholdStatus

from .. import rules
from .movements import MovementTable, _events, households_during, households_in


def ward_tables(user, area: Area, start: date, end: date) -> list[MovementTable]:
    """A table per ward of the area in the user's scope, by ward name, counted by three
    grouped queries and two reads of the totals per day, whatever the number of wards."""
    households = households_during(households_in(user, area), start, end)
    both = (
        households.annotate(
            first=HouseholdStatus.objects.classification_on(start),
            last=HouseholdStatus.objects.classification_on(end),
        )
        .order_by()
        .values("ward_id", "first", "last")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, tuple[dict, dict, list]] = {}
    totals: dict[int, int] = {}
    for row in both:
        at_start, at_end, _events_of = counts.setdefault(row["ward_id"], ({}, {}, []))
        totals[row["ward_id"]] = totals.get(row["ward_id"], 0) + row["n"]
        at_start[row["first"]] = at_start.get(row["first"], 0) + row["n"]
        at_end[row["last"]] = at_end.get(row["last"], 0) + row["n"]
    events = (
        _events(households, start, end)
        .order_by()
        .values_list("household__ward_id", "previous", "classification", "movement")
        .annotate(n=Count("pk"))
    )
    for ward_id, *event in events:
        counts.setdefault(ward_id, ({}, {}, []))[2].append(tuple(event))
    wards = Area.objects.filter(pk__in=households.values("ward_id").distinct(), level=Level.WARD)
    wards = sorted(wards, key=lambda w: (w.name, w.pk))
    first = populations_under(area, start, [w.pk for w in wards])
    last = populations_under(area, end, [w.pk for w in wards])
    tables = []
    for ward in wards:
        at_start, at_end, ward_events = counts.get(ward.pk, ({}, {}, []))
        tables.append(
            MovementTable(
                area=ward,
                start=start,
                end=end,
                households=totals.get(ward.pk, 0),
                rows=rules.tally_movements(at_start, at_end, ward_events),
                population_start=first[ward.pk],
                population_end=last[ward.pk],
            )
        )
    return tables
