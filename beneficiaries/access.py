"""Who may see what: each helper applies `visible_to` and answers 404 for anything out of
the user's scope, so views, documents and exports never fetch a case another way."""

from django.shortcuts import get_object_or_404

from areas.models import Area, Level
from areas.scope import ward_q

from .models import DECISION_KINDS, Case, CaseEvent


def get_case_for_user(user, pk: int, *, write: bool = False) -> Case:
    """Return the case with its person, household and ward; 404 outside the user's scope."""
    return get_object_or_404(
        Case.objects.visible_to(user, write=write).select_related(
            "person", "person__household", "ward"
        ),
        pk=pk,
    )


def get_decision_for_user(user, pk: int) -> CaseEvent:
    """Return a decision event of a case in the user's scope; 404 for anything else."""
    case_id = get_object_or_404(
        CaseEvent.objects.filter(kind__in=DECISION_KINDS).values_list("case_id", flat=True),
        pk=pk,
    )
    case = get_case_for_user(user, case_id)
    event = case.events.get(pk=pk)
    event.case = case
    return event


def get_ward_for_user(user, pk: int) -> Area:
    """Return a ward of the user's scope; 404 for any other area."""
    wards = Area.objects.filter(ward_q(user, "pk"), level=Level.WARD)
    return get_object_or_404(wards, pk=pk)
