"""Who may see which payroll or one-off support: every read of one starts here and answers
404 outside the user's scope, as the register does."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from households.models import Person

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


def ward_person(user, ward, typed: str):
    """The person of the ward the user may write for with this national ID (or old ID
    card number), typed with or without spaces; ValidationError in Vietnamese if none."""
    number = "".join(typed.split())
    people = Person.objects.visible_to(user, write=True).filter(household__ward=ward)
    person = people.filter(Q(national_id=number) | Q(legacy_id=number))
    person = person.select_related("household").first()
    if person is None:
        raise ValidationError(
            _("Không có người mang số định danh %(n)s trong %(w)s.") % {"n": number, "w": ward.name}
        )
    return person
