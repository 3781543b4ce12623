"""Who may see which import job: every read of one job starts here."""

from django.shortcuts import get_object_or_404

from .models import ImportJob


def get_job_for_user(user, pk: int, *, write: bool = False) -> ImportJob:
    """Return the import job if the user may see (or run) it, else raise 404."""
    return get_object_or_404(
        ImportJob.objects.visible_to(user, write=write).select_related("ward", "created_by"),
        pk=pk,
    )
