"""Who should hold a state-paid or supported health-insurance card and who does: the ward's
members on a day with their household's classification, whether a case pays them that
month and their card valid that day, in one query; the ground by the pure rule."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from beneficiaries.models import Case
from households.models import HouseholdStatus, Membership

from .. import cards
from ..models import CardRate, HealthCard

EXPIRING_DAYS = 60


@dataclass(frozen=True)
class CardRow:
    person_id: int
    full_name: str
    birth_date: date | None
    sex: str
    national_id: str
    household_id: int
    household_code: str
    address: str
    group_name: str
    card_number: str | None
    card_valid_to: date | None
    ground: cards.Ground | None  # the ground the state pays on, None when none

    @property
    def covered(self) -> bool:
        return self.card_valid_to is not None


def ward_card_rows(ward_id: int, province_id: int | None, day: date) -> list[CardRow]:
    """Every member of the ward on the day (alive, not moved away), by residential group
    and household."""
    month = day.replace(day=1)
    paid = Case.objects.filter(person=OuterRef("person_id"), start_month__lte=month).filter(
        Q(end_month__isnull=True) | Q(end_month__gt=month)
    )
    valid = HealthCard.objects.filter(
        person=OuterRef("person_id"), valid_from__lte=day, valid_to__gte=day
    ).order_by("-valid_to")
    members = (
        Membership.objects.in_force_on(day)
        .filter(household__ward_id=ward_id)
        .filter(Q(person__deceased_on__isnull=True) | Q(person__deceased_on__gt=day))
        .filter(Q(person__moved_out_on__isnull=True) | Q(person__moved_out_on__gt=day))
        .annotate(
            classification=HouseholdStatus.objects.classification_on(day, household="household"),
            protected=Exists(paid),
            card_number=Subquery(valid.values("number")[:1]),
            card_valid_to=Subquery(valid.values("valid_to")[:1]),
        )
        .order_by("household__residential_group__name", "household__code", "person_id")
        .values_list(
            "person_id",
            "person__full_name",
            "person__birth_date",
            "person__sex",
            "person__national_id",
            "household_id",
            "household__code",
            "household__address",
            "household__residential_group__name",
            "card_number",
            "card_valid_to",
            "classification",
            "protected",
        )
    )
    rates = list(CardRate.objects.all())
    found = []
    for *row, classification, protected in members:
        grounds = cards.grounds_of(
            classification=classification or "", protected=protected, birth_date=row[2], day=day
        )
        ground = cards.ground_paid(grounds, rates, province_id, day)
        row[8] = row[8] or ""
        found.append(CardRow(*row, ground))
    return found


def lacking(rows: list[CardRow]) -> list[CardRow]:
    """Those the state pays a card for who hold none valid on the day."""
    return [r for r in rows if r.ground and not r.covered]


def expiring(rows: list[CardRow], day: date, days: int = EXPIRING_DAYS) -> list[CardRow]:
    """Cards running out within `days` of the day (the renewal to prepare)."""
    last = day + timedelta(days=days)
    return [r for r in rows if r.card_valid_to and r.card_valid_to <= last]


@dataclass
class Coverage:
    """Entitled and covered people of one residential group (or the ward), per ground."""

    name: str
    entitled: Counter
    covered: Counter

    def share(self, ground: str | None = None) -> float | None:
        entitled = self.entitled[ground] if ground else sum(self.entitled.values())
        covered = self.covered[ground] if ground else sum(self.covered.values())
        return None if not entitled else covered / entitled


def coverage(rows: list[CardRow], ward_name: str) -> tuple[list[Coverage], Coverage]:
    """The card coverage of the entitled per residential group and for the ward: the
    plans' "100 % of protected persons and near-poor members hold a card"."""
    groups: dict[str, Coverage] = {}
    ward = Coverage(ward_name, Counter(), Counter())
    for r in rows:
        if not r.ground:
            continue
        group = groups.setdefault(r.group_name, Coverage(r.group_name, Counter(), Counter()))
        for target in (group, ward):
            target.entitled[r.ground.ground] += 1
            target.covered[r.ground.ground] += r.covered
    return sorted(groups.values(), key=lambda c: c.name), ward


@dataclass
class WardCards:
    """A ward's members of poor and near-poor households and its protected persons on the
    day, and how many of them hold a card valid that day (the approver's summary: a
    person can count in two rows, as the plans count each group)."""

    ward_id: int
    name: str
    entitled: Counter
    covered: Counter

    def share(self, group: str) -> float | None:
        return self.covered[group] / self.entitled[group] if self.entitled[group] else None


def province_card_summary(wards, day: date) -> list[WardCards]:
    """Per ward (of `wards`, a queryset), in two grouped queries: the members of households
    poor or near-poor on the day, and the persons a case pays that month, each with and
    without a card valid on the day."""
    valid = HealthCard.objects.filter(
        person=OuterRef("person_id"), valid_from__lte=day, valid_to__gte=day
    )
    # Each member joined to the household's status in force that day (one filter call:
    # one join), counted per ward and classification.
    members = (
        Membership.objects.in_force_on(day)
        .filter(
            Q(household__statuses__superseded_on__isnull=True)
            | Q(household__statuses__superseded_on__gt=day),
            household__ward__in=wards,
            household__statuses__valid_from__lte=day,
            household__statuses__classification__in=(cards.POOR, cards.NEAR_POOR),
        )
        .filter(Q(person__deceased_on__isnull=True) | Q(person__deceased_on__gt=day))
        .filter(Q(person__moved_out_on__isnull=True) | Q(person__moved_out_on__gt=day))
        .annotate(carded=Exists(valid))
        .values_list("household__ward_id", "household__statuses__classification", "carded")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {w.pk: WardCards(w.pk, w.name, Counter(), Counter()) for w in wards}
    for ward_id, classification, carded, n in members:
        found[ward_id].entitled[classification] += n
        if carded:
            found[ward_id].covered[classification] += n
    month = day.replace(day=1)
    paid = (
        Case.objects.filter(ward__in=wards, start_month__lte=month)
        .filter(Q(end_month__isnull=True) | Q(end_month__gt=month))
        .annotate(carded=Exists(valid))
        .values_list("ward_id", "carded")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    for ward_id, carded, n in paid:
        found[ward_id].entitled[cards.PROTECTED] += n
        if carded:
            found[ward_id].covered[cards.PROTECTED] += n
    return sorted(found.values(), key=lambda w: w.name)
