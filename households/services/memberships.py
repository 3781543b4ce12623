"""The dated member lists: kept in step with corrections, and written by the events.

`Person.household` and `Person.relation_to_head` are the person's latest membership; the
edit form and the imports correct them (and a person's death or departure), and
`memberships_sync` then brings the memberships in line without rewriting anyone's past.
"""

from datetime import date

from django.db.models import Exists, F, Max, Min, OuterRef, Subquery
from django.utils import timezone

from ..models import Household, HouseholdStatus, Joined, Left, Membership, Person


def household_starts(household_ids, today: date) -> dict[int, date]:
    """The day each household's first members count from: today, or its earliest status
    if that is earlier (the register held it before ansinh did)."""
    firsts = (
        HouseholdStatus.objects.filter(household_id__in=list(household_ids))
        .order_by()
        .values_list("household_id")
        .annotate(first=Min("valid_from"))
    )
    starts = dict.fromkeys(household_ids, today)
    for pk, first in firsts:
        starts[pk] = min(today, first)
    return starts


def _departure(person: Person) -> tuple[date | None, str]:
    dates = ((person.deceased_on, Left.DIED), (person.moved_out_on, Left.MOVED_AWAY))
    gone = [(d, r) for d, r in dates if d]
    return min(gone) if gone else (None, "")


def memberships_sync(*, user, household_ids, today: date | None = None) -> None:
    """Give every person recorded in the households the membership their record says.

    A member still there holds an open membership with their relation (a corrected
    relation is corrected in place); one who died or moved away has it ended on that day;
    one whose record a correction moved here from another household leaves that one today
    and counts here from then. A household's first members count from its start (see
    household_starts); no one is brought back into a closed household.
    """
    today = today or timezone.localdate()
    household_ids = list(household_ids)
    persons = list(Person.objects.filter(household_id__in=household_ids).order_by("pk"))
    held = {m.person_id: m for m in Membership.objects.open().filter(person__in=persons)}
    ends = Membership.objects.filter(person__in=persons, ended_on__isnull=False).order_by()
    last_end = dict(ends.values_list("person_id").annotate(last=Max("ended_on")))
    known = set(held) | set(last_end)
    begun = set(
        Membership.objects.filter(household_id__in=household_ids).values_list(
            "household_id", flat=True
        )
    )
    closed = Household.objects.filter(pk__in=household_ids, closed_on__isnull=False)
    closed = set(closed.values_list("pk", flat=True))
    starts = household_starts(set(household_ids) - begun, today)
    ended, corrected, new = [], [], []
    for person in persons:
        m = held.get(person.pk)
        if m is not None and m.household_id != person.household_id:
            ended.append(_ended(m, max(today, m.started_on), Left.MOVED_AWAY))
            last_end[person.pk], m = ended[-1].ended_on, None
        if m is not None:
            _follow(m, person, ended, corrected)
        elif person.household_id not in closed:
            start = max(starts.get(person.household_id, today), last_end.get(person.pk, date.min))
            joined = _joined(person, user, start, known=person.pk in known)
            new.extend([joined] if joined else [])
    # Demoted heads first: one open head per household at every statement.
    corrected.sort(key=lambda m: m.relation_to_head == "head")
    for m in [*ended, *corrected]:
        m.save(update_fields=["ended_on", "leave_reason", "relation_to_head"])
    Membership.objects.bulk_create(new, batch_size=2000)


def _follow(m: Membership, person: Person, ended: list, corrected: list) -> None:
    """The open membership follows the record: ended by a departure, or corrected."""
    left_on, reason = _departure(person)
    if left_on:
        ended.append(_ended(m, max(left_on, m.started_on), reason))
    elif m.relation_to_head != person.relation_to_head:
        m.relation_to_head = person.relation_to_head
        corrected.append(m)


def _joined(person: Person, user, start: date, *, known: bool) -> Membership | None:
    """The membership of a person the memberships do not hold yet (None if already gone)."""
    left_on, reason = _departure(person)
    if known and left_on:
        return None  # already gone, and the memberships say so
    return Membership(
        person=person,
        household_id=person.household_id,
        relation_to_head=person.relation_to_head,
        started_on=min(start, left_on) if left_on else start,
        ended_on=left_on,
        join_reason=Joined.REGISTERED,
        leave_reason=reason,
        created_by=user,
    )


def _ended(m: Membership, on: date, reason: str) -> Membership:
    m.ended_on, m.leave_reason = on, reason
    return m


def memberships_extend_back(*, household_ids) -> None:
    """Let a household's registered members count from its earliest status.

    A household entered today with statuses from earlier years (a census list, the
    office's old register) had these members then too; a person who has lived in
    another household keeps the dates the events gave them.
    """
    earliest = (
        HouseholdStatus.objects.filter(household=OuterRef("household"))
        .order_by("valid_from")
        .values("valid_from")[:1]
    )
    elsewhere = Membership.objects.filter(person=OuterRef("person")).exclude(pk=OuterRef("pk"))
    (
        Membership.objects.filter(
            household_id__in=list(household_ids), join_reason=Joined.REGISTERED
        )
        .alias(first=Subquery(earliest))
        .filter(started_on__gt=F("first"))
        .exclude(Exists(elsewhere))
        .update(started_on=Subquery(earliest))
    )
