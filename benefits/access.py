"""Who may see which payroll or one-off support: every read of one starts here and answers
404 outside the user's scope, as the register does."""

from django.shortcuts import get_object_or_404

from .models import Payroll, Support


def get_payroll_for_user(user, pk: int, *, write: bool = False) -> Payroll:
    return get_object_or_404(
        Payroll.objects.visible_to(user, write=write).select_related("ward__parent"), pk=pk
    )


def get_support_for_user(user, pk: int, *, write: bool = False) -> Support:
    return get_object_or_404(
        Support.objects.visible_to(user, write=write).select_related(
            "ward__parent", "benefit_type", "rate", "person__household", "household"
        ),
        pk=pk,
    )
