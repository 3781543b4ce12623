"""Reads of the poverty review: statuses in force, proposals from the members' data, rounds."""

from datetime import date, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from households import rules as register
from households.models import Household, HouseholdStatus, Membership, Relation
from households.queries.on_day import members_on
from vn.dates import age_on

from .. import rules
from ..models import Assessment, ReviewItem, ReviewRound


def statuses_before(households: QuerySet[Household], day: date) -> dict[int, str]:
    """The classification in force just before the day, for each household that has one."""
    rows = (
        HouseholdStatus.objects.in_force_on(day - timedelta(days=1))
        .filter(household__in=households.values("pk"))
        .values_list("household_id", "classification")
    )
    return dict(rows.iterator())


def escaped_households(households: QuerySet[Household], day: date) -> dict[int, frozenset]:
    """The lines (poor, near-poor) each household had been under before the day: above
    one now, it has escaped it (households.rules.escaped_lines)."""
    held: dict[int, set[str]] = {}
    rows = (
        HouseholdStatus.objects.filter(household__in=households.values("pk"), valid_from__lt=day)
        .filter(classification__in=("poor", "near_poor", "escaped_poor", "escaped_near_poor"))
        .order_by()
        .values_list("household_id", "classification")
        .distinct()
    )
    for household_id, classification in rows:
        held.setdefault(household_id, set()).add(classification)
    return {pk: register.escaped_lines(history) for pk, history in held.items()}


def member_facts(household: Household, day: date) -> list[rules.MemberFacts]:
    """The members living in the household on the day, as the deprivation rules read them."""
    members = [m.person for m in members_on(household, day)]
    return [
        rules.MemberFacts(
            name=m.full_name,
            age=age_on(m.birth_date, day),
            has_health_insurance=m.has_health_insurance,
            in_school=m.in_school,
            education=m.education,
            disability_level=m.disability_level,
        )
        for m in members
    ]


def assessment_proposals(review: ReviewRound, household: Household, floor_area=None):
    """Return ([(indicator, proposal or None)], members) for the round's standard."""
    members = member_facts(household, review.reference_date)
    proposals = [
        (
            indicator,
            rules.propose_deprivation(
                indicator.derive, indicator.parameters, members, floor_area=floor_area
            ),
        )
        for indicator in review.standard.indicators.order_by("order")
    ]
    return proposals, members


def rounds_visible_to(user) -> QuerySet[ReviewRound]:
    """The rounds of the wards in scope, with their progress."""
    return (
        ReviewRound.objects.visible_to(user)
        .select_related("ward", "standard")
        .annotate(
            item_count=_count(ReviewItem.objects.filter(review_round=OuterRef("pk"))),
            assessed_count=_count(Assessment.objects.filter(review_round=OuterRef("pk"))),
        )
        .order_by("-year", "-month", "ward__path")
    )


def _count(rows: QuerySet) -> Subquery:
    counted = rows.order_by().values("review_round").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def round_day(review: ReviewRound) -> date:
    """The day a round's households are read on: its decision's, once decided (what was
    decided stays as it was), else today."""
    return review.decision_date or timezone.localdate()


def head_on(day: date, household: str = "household") -> Subquery:
    """The name of the head of the household `household` of the outer query names on the
    day: the last head who had joined by then (so a household closed since keeps its
    last head), read from the dated memberships, never today's member list."""
    heads = Membership.objects.filter(
        household=OuterRef(household), relation_to_head=Relation.HEAD, started_on__lte=day
    ).order_by("-started_on", "-pk")
    return Subquery(heads.values("person__full_name")[:1])


def round_people(user, review: ReviewRound) -> dict[int, tuple[str, int]]:
    """Household id → (the head's name, members living there) on the round's reference
    date, for the round's households the user may see (the posting list prints them)."""
    day = review.reference_date
    held = Q(memberships__started_on__lte=day) & (
        Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=day)
    )
    rows = (
        Household.objects.visible_to(user)
        .filter(review_items__review_round=review)
        .order_by()
        .annotate(head=head_on(day, household="pk"), living=Count("memberships", filter=held))
        .values_list("pk", "head", "living")
    )
    return {pk: (head or "", living) for pk, head, living in rows}


def round_items(review: ReviewRound):
    """The round's households with their assessment (or None), head and group, by code.

    Closed households stay listed; the head is the one of the decision day.
    """
    assessments = {a.household_id: a for a in review.assessments.all()}
    items = list(
        review.items.select_related("household", "household__residential_group")
        .annotate(head_name=head_on(round_day(review)))
        .order_by("household__code")
    )
    for item in items:
        item.assessment = assessments.get(item.household_id)
    return items
