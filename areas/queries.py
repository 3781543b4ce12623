from .models import Area, AreaQuerySet, Level
from .scope import ward_q


def wards_visible_to(user, *, write: bool = False) -> AreaQuerySet:
    """Return the wards the user may read (or write), in tree order."""
    return Area.objects.filter(ward_q(user, "pk", write=write), level=Level.WARD)


def residential_groups_visible_to(user, *, write: bool = False) -> AreaQuerySet:
    """Return the residential groups of the wards in the user's scope."""
    return Area.objects.filter(
        ward_q(user, "parent_id", write=write), level=Level.RESIDENTIAL_GROUP
    ).select_related("parent")
