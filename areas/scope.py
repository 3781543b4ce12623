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
    scopes = getattr(user, "_ansinh_ward_ids", None)
    if scopes is None:
        scopes = user._ansinh_ward_ids = _scopes(user)
    return scopes[write]


def _scopes(user) -> dict[bool, frozenset[int]]:
    """Read and write scopes in two queries, cached on the user for the request."""
    assignments = list(user.role_assignments.select_related("area"))
    if not assignments:
        return {False: frozenset(), True: frozenset()}
    subtree = Q()
    for a in assignments:
        subtree |= Q(path__startswith=a.area.path)
    wards = Area.objects.filter(subtree, level=Level.WARD).values_list("pk", "path")
    write_paths = tuple(a.area.path for a in assignments if a.role in WRITE_ROLES)
    read, written = set(), set()
    for pk, path in wards:
        read.add(pk)
        if path.startswith(write_paths):
            written.add(pk)
    return {False: frozenset(read), True: frozenset(written)}


def ward_q(user, lookup: str = "ward_id", *, write: bool = False) -> Q:
    """Return a filter on `lookup` (a ward's id) limited to the user's scope."""
    ids = ward_ids(user, write=write)
    if ids is None:
        return Q()
    if not ids:
        return _NOTHING
    return Q(**{f"{lookup}__in": sorted(ids)})


def can_write_any_ward(user) -> bool:
    ids = ward_ids(user, write=True)
    return ids is None or bool(ids)


def can_write_ward(user, ward_id: int) -> bool:
    ids = ward_ids(user, write=True)
    return ids is None or ward_id in ids
