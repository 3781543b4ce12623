"""Who may see which household: every read of one household starts here."""

from django.shortcuts import get_object_or_404

from .models import Household


def get_household_for_user(user, pk: int, *, write: bool = False) -> Household:
    """Return the household if the user may see it (or write it), else raise 404."""
    return get_object_or_404(
        Household.objects.visible_to(user, write=write).select_related(
            "ward__parent", "residential_group"
        ),
        pk=pk,
    )
