"""Who may see which review round: every read of one round starts here."""

from django.shortcuts import get_object_or_404

from .models import ReviewRound


def get_round_for_user(user, pk: int, *, write: bool = False) -> ReviewRound:
    """Return the round if the user may see it (or write it), else raise 404."""
    return get_object_or_404(
        ReviewRound.objects.visible_to(user, write=write).select_related("ward", "standard"),
        pk=pk,
    )
