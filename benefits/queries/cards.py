"""Who should hold a state-paid or supported health-insurance card and who does: the ward's
members on a day with their household's classification, whether a case pays them that
month and their card valid that day, in one query; the ground by the pure rule."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

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
    and household. Four reads joined here: the members, their households' status on the
    day, the cases paying that month and the cards valid that day (as correlated
    subqueries per member, a ward of 14,000 took a third of a second; by the members' ids,
    not by joins through the ward, each reads only its rows by index)."""
    month = day.replace(day=1)
    members = list(
        Membership.objects.in_force_on(day)
        .filter(household__ward_id=ward_id)
        .filter(Q(person__deceased_on__isnull=True) | Q(person__deceased_on__gt=day))
        .filter(Q(person__moved_out_on__isnull=True) | Q(person__moved_out_on__gt=day))
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
        )
    )
    persons = {row[0] for row in members}
    classified = dict(
        HouseholdStatus.objects.in_force_on(day)
        .filter(household_id__any={row[5] for row in members})
        .order_by()
        .values_list("household_id", "classification")
    )
    paid = set(
        Case.objects.filter(person_id__any=persons, start_month__lte=month)
        .filter(Q(end_month__isnull=True) | Q(end_month__gt=month))
        .order_by()
        .values_list("person_id", flat=True)
    )
    held = {}
    for person, number, valid_to in (
        HealthCard.objects.filter(person_id__any=persons, valid_from__lte=day, valid_to__gte=day)
        .order_by("valid_to")
        .values_list("person_id", "number", "valid_to")
    ):
        held[person] = (number, valid_to)  # the latest-running card last: it stays
    rates = list(CardRate.objects.all())
    paying: dict[frozenset, cards.Ground | None] = {}  # a ward has a handful of combinations
    found = []
    for row in members:
        person, born, household, group = row[0], row[2], row[5], row[8]
        grounds = frozenset(
            cards.grounds_of(
                classification=classified.get(household, ""),
                protected=person in paid,
                birth_date=born,
                day=day,
            )
        )
        if grounds not in paying:
            paying[grounds] = cards.ground_paid(grounds, rates, province_id, day)
        ground = paying[grounds]
        number, valid_to = held.get(person, (None, None))
        found.append(CardRow(*row[:8], group or "", number, valid_to, ground))
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
    """Per ward (of `wards`), in two grouped queries: the members of households
    poor or near-poor on the day, and the persons a case pays that month, each with and
    without a card valid on the day."""
    wards = list(wards)
    ids = [w.pk for w in wards]  # as values: PostgreSQL estimates a subquery of areas as 1
    carded = HealthCard.objects.filter(valid_from__lte=day, valid_to__gte=day)
    # The statuses in force that day joined to their households' memberships on the day,
    # counted, and of those the card holders, a hashed set (an EXISTS per member took 3 s
    # for a province of 700,000 persons). A member who died or moved away has the
    # membership ended by the register, so persons are not read.
    members = (
        HouseholdStatus.objects.in_force_on(day)
        .filter(
            Q(household__memberships__ended_on__isnull=True)
            | Q(household__memberships__ended_on__gt=day),
            household__memberships__started_on__lte=day,
            household__ward_id__any=ids,
            classification__in=(cards.POOR, cards.NEAR_POOR),
        )
        .values_list("household__ward_id", "classification")
        .annotate(
            n=Count("household__memberships"),
            covered=Count(
                "household__memberships",
                filter=Q(household__memberships__person_id__in=carded.values("person_id")),
            ),
        )
        .order_by()
    )
    found = {w.pk: WardCards(w.pk, w.name, Counter(), Counter()) for w in wards}
    for ward_id, classification, n, covered in members:
        found[ward_id].entitled[classification] += n
        found[ward_id].covered[classification] += covered
    month = day.replace(day=1)
    paid = (
        Case.objects.filter(ward_id__any=ids, start_month__lte=month)
        .filter(Q(end_month__isnull=True) | Q(end_month__gt=month))
        .values_list("ward_id")
        .annotate(
            n=Count("person_id", distinct=True),
            covered=Count(
                "person_id",
                distinct=True,
                filter=Q(person_id__in=carded.values("person_id")),
            ),
        )
        .order_by()
    )
    for ward_id, n, covered in paid:
        found[ward_id].entitled[cards.PROTECTED] += n
        found[ward_id].covered[cards.PROTECTED] += covered
    return sorted(found.values(), key=lambda w: w.name)
