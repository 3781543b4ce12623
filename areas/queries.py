from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

from .models import Area, AreaQuerySet, Level
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
