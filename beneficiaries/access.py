"""Who may see what: each helper applies `visible_to` and answers 404 for anything out of
the user's scope, so views, documents and exports never fetch a case another way."""

from django.db.models import F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.shortcuts import get_object_or_404

from areas.models import Area, Level
from areas.queries import ward_choices
from areas.scope import can_write_any_ward, ward_ids, ward_q
from households.models import Closed, Household, Membership
from households.models.membership import MOVES
from vn.numbers import parse_id

from .models import DECISION_KINDS, Case, CaseEvent, CaseQuerySet, CaseStatus, EventKind


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


def chosen_ward_id(request, wards: list[tuple[int, str]]) -> int | None:
    """The ward of `?ward=` among `wards` (areas.queries.ward_choices), the only one when
    there is one, else None (an office over many: its summary). Another office's ward is
    answered as missing, as its records would be."""
    chosen = request.GET.get("ward", "")
    if chosen:
        ward_id = parse_id(chosen)
        if ward_id not in {pk for pk, _name in wards}:
            raise Http404
        return ward_id
    return wards[0][0] if len(wards) == 1 else None


def chosen_ward(request) -> tuple[list[tuple[int, str]], Area | None]:
    """(the wards the user may choose from, the ward of `?ward=` or the only one, else
    None): the start of every page of one ward's records with a ward chooser."""
    wards = ward_choices(request.user)
    ward_id = chosen_ward_id(request, wards)
    return wards, (get_ward_for_user(request.user, ward_id) if ward_id else None)


# --- Cases moving between wards. The receiving ward reads another ward's case only as a
# row of its incoming list (name, birth year, benefit, category, sending ward, day of the
# move), never its page, which stays the sending ward's.

PAYING = (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)


def receiving_ward() -> Coalesce:
    """The ward a moving case waits for: the destination named, else the ward the person
    now lives in, else the ward their whole household moved to."""
    return Coalesce(
        "moving_to_id",
        NullIf("person__household__ward_id", "ward_id"),
        "person__household__moving_to_id",
        output_field=IntegerField(),
    )


def _incoming_rows(cases: CaseQuerySet) -> CaseQuerySet:
    """Annotate what the incoming list shows: the receiving ward, the category the case
    was last decided under, and the day of the move (for a move the sending ward has not
    recorded, the day the person's membership there ended)."""
    decided = CaseEvent.objects.filter(
        case=OuterRef("pk"), kind__in=(*DECISION_KINDS, EventKind.TRANSFERRED_IN)
    ).exclude(category="")
    left = Membership.objects.filter(
        person=OuterRef("person_id"), household__ward=OuterRef("ward_id"), ended_on__isnull=False
    )
    return cases.annotate(
        receiving_ward=receiving_ward(),
        category=Subquery(decided.order_by("-pk").values("category")[:1]),
        left_on=Coalesce(
            "moved_on", Subquery(left.order_by("-ended_on", "-pk").values("ended_on")[:1])
        ),
    ).select_related("person", "ward")


def moved_persons() -> QuerySet:
    """Everyone who ever left a household for another (a small partial index): only they
    can live outside the ward of their case."""
    return Membership.objects.filter(leave_reason__in=MOVES).values("person_id")


def moving_case_ids() -> list[int]:
    """The cases that may be moving between wards, in any ward: transferred out, or open
    for a person who ever left a household. Ids only, read first so that the lists join
    these few rows to the register, not the register to them."""
    moving = Q(status=CaseStatus.TRANSFERRED_OUT) | Q(
        status__in=PAYING, person_id__in=moved_persons()
    )
    return list(Case.objects.filter(moving).order_by().values_list("pk", flat=True))


def incoming_cases_for_user(
    user, *, write: bool = False, moving: list[int] | None = None
) -> CaseQuerySet:
    """Cases of another ward waiting for a ward of the user's scope: transferred out and
    not yet received, or still open there though the person now lives here (or their whole
    household is moving here). `moving` is moving_case_ids(), when already read."""
    waiting = Q(status=CaseStatus.TRANSFERRED_OUT, transferred_to__isnull=True)
    lives_elsewhere = Q(person__moved_out_on__isnull=True) & ~Q(
        person__household__ward_id=F("ward_id")
    )
    household_moving = Q(
        person__household__closed_reason=Closed.MOVED, person__household__moving_to__isnull=False
    )
    unrecorded = Q(status__in=PAYING, person__deceased_on__isnull=True) & (
        lives_elsewhere | household_moving
    )
    moving = moving_case_ids() if moving is None else moving
    cases = Case.objects.filter(pk__in=moving).filter(waiting | unrecorded)
    return _incoming_rows(cases).filter(
        ward_q(user, "receiving_ward", write=write), receiving_ward__isnull=False
    )


def moving_cases_by_id(user, kind: str, number: str) -> CaseQuerySet:
    """The transferred cases, not yet received, of the person with this ID (`kind` is
    "national_id" or "legacy_id") whose destination is unknown or a ward the user writes:
    how a ward finds a person arriving from elsewhere before they are in its register."""
    if kind not in ("national_id", "legacy_id") or not can_write_any_ward(user):
        return Case.objects.none()
    return _incoming_rows(
        Case.objects.filter(
            Q(moving_to__isnull=True) | ward_q(user, "moving_to_id", write=True),
            status=CaseStatus.TRANSFERRED_OUT,
            transferred_to__isnull=True,
            **{f"person__{kind}": number},
        )
    )


def get_incoming_case_for_user(user, pk: int) -> Case:
    """Return a case a ward the user writes may receive; 404 for any other."""
    return get_object_or_404(incoming_cases_for_user(user, write=True), pk=pk)


def transfer_links(user, case: Case) -> dict:
    """The case this one was received from and the case that received it (each with its
    ward), and whether the user may open each: another ward's case is named, not linked."""
    readable = ward_ids(user)
    links = {"source": None, "successor": None, "source_open": False, "successor_open": False}
    if case.transferred_from_id:
        links["source"] = Case.objects.select_related("ward").get(pk=case.transferred_from_id)
    if case.status == CaseStatus.TRANSFERRED_OUT:
        links["successor"] = (
            Case.objects.select_related("ward").filter(transferred_from=case).first()
        )
    for key in ("source", "successor"):
        linked = links[key]
        links[f"{key}_open"] = bool(linked) and (readable is None or linked.ward_id in readable)
    return links


def case_household(case: Case) -> Household:
    """The household the case's page names: the person's own, or once they live in another
    ward, the last one they had in the case's ward (never another ward's household)."""
    household = case.person.household
    if household.ward_id == case.ward_id:
        return household
    last = (
        Membership.objects.filter(person_id=case.person_id, household__ward_id=case.ward_id)
        .select_related("household")
        .order_by("-started_on", "-pk")
        .first()
    )
    return last.household if last else household


def with_household_code(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Each case with `household_code`: the household its ward's lists name, as
    case_household says (the person's last household in the case's ward)."""
    last = (
        Membership.objects.filter(person=OuterRef("person"), household__ward=OuterRef("ward"))
        .order_by("-started_on", "-pk")
        .values("household__code")[:1]
    )
    return cases.annotate(household_code=Coalesce(Subquery(last), F("person__household__code")))
