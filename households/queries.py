"""Reads of the register, scoped to the user, with their joins done."""

import re

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from areas.names import search_key

from .models import Household, HouseholdStatus, Person

_ID_LIKE = re.compile(r"^[\d\s.]+$")


def get_household_for_user(user, pk: int, *, write: bool = False) -> Household:
    """Return the household if the user may see it (or write it), else raise 404."""
    return get_object_or_404(
        Household.objects.visible_to(user, write=write).select_related(
            "ward__parent", "residential_group"
        ),
        pk=pk,
    )


def search_q(text: str) -> Q:
    """Return the filter for one search box: a national ID, a household code or a name."""
    text = (text or "").strip()
    if not text:
        return Q()
    if _ID_LIKE.match(text):
        digits = re.sub(r"[\s.]", "", text)
        people = Person.objects.filter(
            Q(national_id=digits) if len(digits) != 9 else Q(legacy_id=digits)
        )
        return Q(pk__in=people.values("household_id")) | Q(code=digits)
    key = search_key(text)
    people = Person.objects.filter(search_name__contains=key)
    return Q(pk__in=people.values("household_id")) | Q(code=text.upper())


def household_list(
    user,
    *,
    q: str = "",
    ward=None,
    group=None,
    classification: str = "",
    year: int | None = None,
) -> QuerySet[Household]:
    """Return the households the user may see, filtered, with what the list shows."""
    statuses = HouseholdStatus.objects.filter(household=OuterRef("pk"))
    if year:
        statuses = statuses.filter(year=year)
    latest = statuses.order_by("-year")
    households = (
        Household.objects.visible_to(user)
        .filter(search_q(q))
        .select_related("ward", "residential_group")
        .annotate(
            status_year=Subquery(latest.values("year")[:1]),
            status_classification=Subquery(latest.values("classification")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Person.objects.only(
                    "pk",
                    "household_id",
                    "full_name",
                    "relation_to_head",
                    "deceased_on",
                    "moved_out_on",
                ),
            )
        )
        .order_by("ward_id", "code")
    )
    if ward:
        households = households.filter(ward=ward)
    if group:
        households = households.filter(residential_group=group)
    if classification and year:
        households = households.filter(Exists(statuses.filter(classification=classification)))
    elif classification:
        households = households.filter(status_classification=classification)
    return households


def household_detail(user, pk: int) -> Household:
    """Return the household with its members and statuses loaded."""
    household = get_household_for_user(user, pk)
    household.member_list = list(household.members.order_by("pk"))
    household.status_list = list(household.statuses.order_by("-year"))
    return household
