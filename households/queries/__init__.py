"""Reads of the register, scoped to the user, with their joins done."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404

from areas.scope import ward_ids
from vn.names import search_key
from vn.numbers import ascii_digits

from .. import support_filters
from ..access import get_household_for_user
from ..models import Closed, Household, HouseholdStatus, Left, Membership, Person, Relation
from ..rules import normal_national_id

_ID_LIKE = re.compile(r"^[0-9\s.]+$")


def search_q(text: str) -> Q:
    """Return the filter for one search box: a national ID, a household code or a name.

    The code is matched among the members' households (`household_id` in the households
    with that code), not as `pk IN (members) OR code = …`: PostgreSQL cannot plan that OR
    as a semi-join, so it built every match in the country as a hashed SubPlan and walked
    the user's whole scope, 90 ms for an approver's search that finds one person. Every
    household has a head, so no household is lost.
    """
    text = ascii_digits(text or "").replace("\x00", "").strip()  # PostgreSQL refuses NUL
    if not text:
        return Q()
    if _ID_LIKE.match(text):
        digits = normal_national_id(text)
        found = Q(national_id=digits) if len(digits) != 9 else Q(legacy_id=digits)
        code = digits
    else:
        found = Q(search_name__contains=search_key(text))
        code = text.upper()
    coded = Household.objects.filter(code=code).order_by().values("pk")
    people = Person.objects.filter(found | Q(_InSmallSet(F("household_id"), Subquery(coded))))
    return Q(pk__in=people.order_by().values("household_id"))


def search_hits(members, text: str) -> list[Person]:
    """The members but the head that `search_q` matched by name or ID, without a query."""
    text = ascii_digits(text or "").replace("\x00", "").strip()
    others = [m for m in members if m.relation_to_head != Relation.HEAD]
    if _ID_LIKE.match(text):
        digits = normal_national_id(text)
        field = "national_id" if len(digits) != 9 else "legacy_id"
        return [m for m in others if getattr(m, field) == digits]
    key = search_key(text)
    return [m for m in others if key and key in m.search_name]


class _InSmallSet(Func):
    """`value IN (subquery)` for a subquery of a few rows, as a condition for filter().

    On PostgreSQL it is written `value = ANY(ARRAY(subquery))`: the subquery runs once (an
    InitPlan) and the array is an index condition, so an OR with another indexed condition
    stays a BitmapOr of two index scans. `IN (subquery)` under an OR would be a SubPlan
    tested on every row.
    """

    output_field = BooleanField()

    def as_sql(self, compiler, connection, template="%(value)s IN %(subquery)s", **extra):
        value, subquery = (compiler.compile(e) for e in self.get_source_expressions())
        sql = template % {"value": value[0], "subquery": subquery[0]}
        return sql, (*value[1], *subquery[1])

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, "%(value)s = ANY(ARRAY%(subquery)s)")


def household_list(
    user,
    *,
    q: str = "",
    ward=None,
    group=None,
    classification: str = "",
    year: int | None = None,
    state: str = "",
    support: str = "",
) -> QuerySet[Household]:
    """Return the households the user may see, filtered, with what the list shows: the
    open ones unless `state` asks for those changed since their review, the closed, or
    all."""
    statuses = HouseholdStatus.objects.filter(household=OuterRef("pk"))
    if year:
        statuses = statuses.in_force_during(year)
    shown = statuses.filter(classification=classification) if classification and year else statuses
    latest = shown.order_by("-valid_from")
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
                    "search_name",  # with the IDs and birth date: the row shows its hit
                    "national_id",
                    "legacy_id",
                    "birth_date",
                ),
            )
        )
        .order_by("ward_id", "code")
    )
    households = _in_state(households, state)
    if ward:
        households = households.filter(ward=ward)
    if group:
        households = households.filter(residential_group=group)
    if classification:
        households = households.filter(_classified(statuses, classification, year))
    if support:
        households = support_filters.apply(households, support)
    return households


def _in_state(households: QuerySet[Household], state: str) -> QuerySet[Household]:
    if state == "changed":
        return households.changed_since_review()
    if state == "closed":
        return households.filter(closed_on__isnull=False)
    return households if state == "all" else households.open()


def _classified(statuses: QuerySet, classification: str, year: int | None) -> Exists:
    """The household holds the classification: by its latest status, or, with a year, by a
    status in force on some day of that year (a status carried from the year before
    counts: the household is on that list in that year).

    As EXISTS PostgreSQL can join it. Without a year the latest status is the one not
    superseded, found by the partial index on (classification, household); a filter on
    the status_classification Subquery ran once per household in scope.
    """
    if not year:
        return Exists(statuses.latest().filter(classification=classification))
    return Exists(statuses.filter(classification=classification))


def household_detail(user, pk: int) -> Household:
    """Return the household with its current members (`member_since` set), its former
    members (stays, with where they went), its statuses, and what closed it, loaded."""
    household = get_household_for_user(user, pk)
    stays = _stays(household.memberships.select_related("person").order_by("person", "started_on"))
    for stay in stays:
        stay.person.member_since = stay.since
    household.member_list = [s.person for s in stays if s.until is None]
    household.former_list = sorted(
        (s for s in stays if s.until is not None), key=lambda s: (s.until, s.since), reverse=True
    )
    _destinations(user, household, household.former_list)
    household.status_list = list(household.statuses.order_by("-valid_from"))
    household.changed_since_review = bool(
        household.changed_on
        and Household.objects.filter(pk=household.pk).changed_since_review().exists()
    )
    household.successor_visible = False
    if household.successor_id:
        household.successor = Household.objects.select_related("ward").get(
            pk=household.successor_id
        )
        household.successor_visible = _sees(user, household.successor.ward_id)
    return household


@dataclass
class Stay:
    """A person's time in a household: the memberships that follow each other as their
    relation to the head changed, from the first day to the first day no longer there."""

    person: Person
    relation: str
    since: date
    until: date | None
    leave_reason: str
    note: str
    went_to: Household | None = None  # the next household, when the viewer may see it
    went_ward: str = ""  # the ward of the next household

    def relation_label(self) -> str:
        return Relation(self.relation).label

    def leave_reason_label(self) -> str:
        return Left(self.leave_reason).label if self.leave_reason else ""


def _stays(memberships) -> list[Stay]:
    """Join each person's memberships (in order of start) where only the relation changed."""
    stays: list[Stay] = []
    for m in memberships:
        last = stays[-1] if stays else None
        if (
            last is not None
            and last.person.pk == m.person_id
            and last.leave_reason == Left.RELATION
            and last.until == m.started_on
        ):
            last.relation, last.until = m.relation_to_head, m.ended_on
            last.leave_reason, last.note = m.leave_reason, m.note or last.note
            continue
        stays.append(
            Stay(m.person, m.relation_to_head, m.started_on, m.ended_on, m.leave_reason, m.note)
        )
    return stays


def _sees(user, ward_id: int) -> bool:
    ids = ward_ids(user)
    return ids is None or ward_id in ids


def _destinations(user, household: Household, former: list[Stay]) -> None:
    """Name where each former member went: their next household (if the user may see it)
    and its ward, in one query."""
    # By the household, not the people: one query whether or not anyone left.
    later = list(
        Membership.objects.filter(person__memberships__household=household)
        .exclude(household=household)
        .select_related("household__ward")
        .order_by("started_on", "pk")
        .distinct()
    )
    for stay in former:
        went = next(
            (m for m in later if m.person_id == stay.person.pk and m.started_on >= stay.until),
            None,
        )
        if went is not None and stay.leave_reason != Left.DIED:
            stay.went_ward = went.household.ward.name
            if _sees(user, went.household.ward_id):
                stay.went_to = went.household
        elif stay.leave_reason == Left.HOUSEHOLD_MOVED and household.moving_to_id:
            stay.went_ward = household.moving_to.name  # not received yet


def person_by_national_id(national_id: str) -> Person | None:
    """The person with the national ID anywhere in the register (a person joining a
    household is taken over, never recorded twice); the page shows only their name, year
    of birth and ward."""
    if not national_id:
        return None
    return Person.objects.select_related("household__ward").filter(national_id=national_id).first()


def _moved_members():
    """The memberships a household moving as a whole ended on the day it closed."""
    return Membership.objects.filter(
        household=OuterRef("pk"),
        ended_on=OuterRef("closed_on"),
        leave_reason=Left.HOUSEHOLD_MOVED,
    )


def _awaiting(user, *, unknown: bool) -> QuerySet[Household]:
    """Households that moved away as a whole, not yet received, bound for a ward the user
    writes; with `unknown`, also those whose new ward is not known (from other wards)."""
    ids = ward_ids(user, write=True)
    moved = Household.objects.filter(closed_reason=Closed.MOVED, successor__isnull=True)
    if ids is None:
        return moved if unknown else moved.filter(moving_to__isnull=False)
    if not ids:
        return moved.none()
    toward = Q(moving_to_id__in=sorted(ids))
    if unknown:
        toward |= Q(moving_to__isnull=True) & ~Q(ward_id__in=sorted(ids))
    return moved.filter(toward)


def _summarised(households: QuerySet[Household]) -> QuerySet[Household]:
    """What a receiving ward may know of a household before it receives it: its code, the
    head's name, the number of members, the sending ward and the day of the move."""
    gone = _moved_members()
    count = gone.order_by().values("household").annotate(n=Count("pk")).values("n")
    head = gone.filter(relation_to_head=Relation.HEAD).values("person__full_name")[:1]
    return (
        households.select_related("ward__parent")
        .only(
            "code",
            "ward__name",
            "ward__parent__name",
            "closed_on",
            "closed_reason",
            "moving_to",
            "successor",
        )
        .annotate(head_name=Subquery(head), member_count=Subquery(count))
        .order_by("-closed_on", "pk")
    )


def arrivals(user) -> QuerySet[Household]:
    """The households moving to the user's wards, waiting to be received."""
    return _summarised(_awaiting(user, unknown=False))


def arrivals_count(user) -> int:
    return _awaiting(user, unknown=False).count()


def arrivals_search(user, text: str) -> QuerySet[Household]:
    """The households waiting to be received found by their code or a member's national ID:
    bound for the user's wards or for a ward not known."""
    text = re.sub(r"[\s.]", "", text or "").upper()
    if not text:
        return Household.objects.none()
    found = Q(code=text)
    if text.isdigit() and len(text) == 12:
        found |= Exists(_moved_members().filter(person__national_id=text))
    return _summarised(_awaiting(user, unknown=True).filter(found))[:20]


def get_arrival_for_user(user, pk: int) -> Household:
    """The household the user's ward may receive (404 otherwise), summarised."""
    return get_object_or_404(_summarised(_awaiting(user, unknown=True)), pk=pk)
