"""Which wards a user may read or write: the one place scope is decided.

A role held on an area covers every ward below it. Ward officers read and write
their ward, approvers read, administrators read and write. Superusers see all.
"""

from django.db.models import Q

from .models import Area, Level, Role

WRITE_ROLES = (Role.WARD_OFFICER, Role.ADMINISTRATOR)

_NOTHING = Q(pk__in=[])


def ward_ids(user, *, write: bool = False) -> frozenset[int] | None:
    """Return the ids of the wards in the user's scope, or None when unrestricted."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    cache = user.__dict__.setdefault("_ansinh_ward_ids", {})
    if write not in cache:
        assignments = user.role_assignments.select_related("area")
        if write:
            assignments = assignments.filter(role__in=WRITE_ROLES)
        areas = [a.area for a in assignments]
        if not areas:
            cache[write] = frozenset()
        else:
            subtree = Q()
            for area in areas:
                subtree |= Q(path__startswith=area.path)
            cache[write] = frozenset(
                Area.objects.filter(subtree, level=Level.WARD).values_list("pk", flat=True)
            )
    return cache[write]


def ward_q(user, lookup: str = "ward_id", *, write: bool = False) -> Q:
    """Return a filter on `lookup` (a ward's id) limited to the user's scope."""
    ids = ward_ids(user, write=write)
    if ids is None:
        return Q()
    if not ids:
        return _NOTHING
    return Q(**{f"{lookup}__in": sorted(ids)})


def can_write_ward(user, ward_id: int) -> bool:
    ids = ward_ids(user, write=True)
    return ids is None or ward_id in ids


def is_administrator(user) -> bool:
    return user.is_superuser or user.role_assignments.filter(role=Role.ADMINISTRATOR).exists()
