"""What a decided round recognised, as its decision printed it: the statuses the decision
recorded (review_round = the round), each household as it stood on the decision day."""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from areas.models import Area
from households.models import Household, HouseholdStatus, Membership

from ..models import Assessment, ReviewRound
from . import head_on


@dataclass(frozen=True)
class DecidedRow:
    """One household of the decision's annex."""

    household_id: int
    code: str
    head: str
    group: str
    address: str
    members: int | None
    classification: str  # a Classification value: what the decision recorded
    year: int


def _decided_at(review: ReviewRound) -> datetime:
    """The moment the decision was recorded: the register's history up to then is what it
    decided on (the end of the decision day for a round decided before that was kept)."""
    if review.decided_at:
        return review.decided_at
    end = datetime.combine(review.decision_date, time.max)
    return timezone.make_aware(end) if timezone.is_naive(end) else end


def _as_of(field: str, moment: datetime) -> Subquery:
    """The household's field as its history held it at the moment."""
    past = Household.history.filter(id=OuterRef("household_id"), history_date__lte=moment)
    return Subquery(past.order_by("-history_date", "-history_id").values(field)[:1])


def decided_rows(user, review: ReviewRound) -> list[DecidedRow]:
    """The households the round's decision recorded, by code: the head, group, address and
    members of the decision day, never today's register (a household closed or moved away
    since stays as decided)."""
    day, moment = review.decision_date, _decided_at(review)
    living = Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    members = Assessment.objects.filter(review_round=review, household=OuterRef("household"))
    counted = (
        Membership.objects.filter(living, household=OuterRef("household"))
        .order_by()
        .values("household")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        HouseholdStatus.objects.visible_to(user)
        .filter(review_round=review)
        .annotate(
            head=head_on(day),
            code=Coalesce(_as_of("code", moment), "household__code"),
            address_then=Coalesce(_as_of("address", moment), "household__address"),
            group_then=Coalesce(
                _as_of("residential_group_id", moment),
                "household__residential_group_id",
                output_field=IntegerField(),
            ),
            members=Coalesce(Subquery(members.values("members_count")[:1]), Subquery(counted)),
        )
        .order_by("code", "pk")
        .values_list(
            "household_id", "code", "head", "group_then", "address_then", "members",
            "classification", "year",
        )
    )  # fmt: skip
    rows = list(rows)
    names = dict(Area.objects.filter(pk__in={r[3] for r in rows}).values_list("pk", "name"))
    return [
        DecidedRow(pk, code, head or "", names.get(group, ""), address or "", n, kind, year)
        for pk, code, head, group, address, n, kind, year in rows
    ]


def certified_households(review: ReviewRound) -> frozenset[int]:
    """The households the round's decision recognised as poor or near-poor: the ones its
    certificates are for (none before the decision)."""
    rows = HouseholdStatus.objects.filter(
        review_round=review, classification__in=("poor", "near_poor")
    )
    return frozenset(rows.values_list("household_id", flat=True))
