from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

from .models import Area, AreaPopulation, AreaQuerySet, Level
from .scope import ward_ids, ward_q


def vietnamese_order(field: str):
    """An order_by term sorting a name as Vietnamese is alphabetised (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        return Collate(F(field), "vi_natural")  # areas migration 0003
    return F(field)


def wards_visible_to(user, *, write: bool = False) -> AreaQuerySet:
    """Return the wards the user may read (or write), in tree order."""
    return Area.objects.filter(ward_q(user, "pk", write=write), level=Level.WARD)


def ward_choices(user) -> list[tuple[int, str]]:
    """The wards the user may read as (pk, label) in Vietnamese order; the province is named
    when the scope spans several (ward names repeat across provinces)."""
    rows = list(
        wards_visible_to(user)
        .order_by(vietnamese_order("parent__name"), vietnamese_order("name"))
        .values_list("pk", "name", "parent__name")
    )
    several = len({province for _pk, _name, province in rows}) > 1
    return [(pk, f"{name}, {province}" if several else name) for pk, name, province in rows]


def residential_groups_visible_to(user, *, write: bool = False) -> AreaQuerySet:
    """Return the residential groups of the wards in the user's scope."""
    return Area.objects.filter(
        ward_q(user, "parent_id", write=write), level=Level.RESIDENTIAL_GROUP
    ).select_related("parent")


def residential_groups_of_ward(user, ward_id: int | None) -> AreaQuerySet | None:
    """Return the groups of one ward in scope: the given one, or the user's only ward.

    None when no ward is chosen and the user has several.
    """
    if ward_id is None:
        ids = ward_ids(user)
        if ids is None or len(ids) != 1:
            return None
        ward_id = next(iter(ids))
    return (
        residential_groups_visible_to(user)
        .filter(parent_id=ward_id)
        .order_by(vietnamese_order("name"))
    )


@dataclass(frozen=True)
class Population:
    """The households and persons of an area on a day, and where the figure came from."""

    households: int
    persons: int
    valid_from: date  # of the figure; for a sum, the latest of its parts'
    source: str  # as entered; for a sum, the parts' sources
    parts: int = 0  # 0: the area's own figure; otherwise how many children were summed


def population_on(area: Area, day: date) -> Population | None:
    """Return the population of the area on the day, or None when it is not known.

    The area's own figure is the one with the latest date not after the day (of several
    entered for the same date, the last entered). An area with no figure of its own (a
    province; a ward whose office entered only its groups) is the sum of its active
    children's, each found the same way, when *every* child has one; otherwise None: a sum
    over part of the area would shrink the base and inflate every rate, so the page shows
    "—" and asks for the figures instead.
    """
    return populations_under(area, day, [area.pk])[area.pk]


def populations_under(area: Area, day: date, pks) -> dict[int, Population | None]:
    """population_on(a, day) for each area `a` of `pks` (`area` or under it), in two queries."""
    tree = Area.objects.under(area).filter(is_active=True).values_list("pk", "parent_id")
    children: dict[int, list[int]] = {}
    for pk, parent_id in tree:
        children.setdefault(parent_id, []).append(pk)
    own: dict[int, AreaPopulation] = {}
    figures = AreaPopulation.objects.filter(
        area__path__startswith=area.path, valid_from__lte=day
    ).order_by("area_id", "-valid_from", "-created_at", "-pk")
    for figure in figures:
        own.setdefault(figure.area_id, figure)
    return {pk: _population(pk, own, children) for pk in pks}


def _population(pk: int, own: dict, children: dict) -> Population | None:
    if pk in own:
        f = own[pk]
        return Population(f.households, f.persons, f.valid_from, f.source)
    parts = [_population(child, own, children) for child in children.get(pk, [])]
    if not parts or None in parts:
        return None
    sources = sorted({p.source for p in parts})
    return Population(
        households=sum(p.households for p in parts),
        persons=sum(p.persons for p in parts),
        valid_from=max(p.valid_from for p in parts),
        source="; ".join(sources),
        parts=len(parts),
    )


def populations_of(areas) -> dict[int, list[AreaPopulation]]:
    """Every figure entered for the areas, newest first, with who entered it."""
    rows = AreaPopulation.objects.filter(area__in=areas).select_related("entered_by")
    history: dict[int, list[AreaPopulation]] = {}
    for row in rows.order_by("-valid_from", "-created_at", "-pk"):
        history.setdefault(row.area_id, []).append(row)
    return history
