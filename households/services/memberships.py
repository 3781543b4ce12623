"""The dated member lists: kept in step with corrections, and written by the events.

`Person.household` and `Person.relation_to_head` are the person's latest membership; the
edit form and the imports correct them (and a person's death or departure), and
`memberships_sync` then brings the memberships in line without rewriting anyone's past.
"""

from dataclasses import dataclass
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


# What the sync reads of a person: their record's household, relation and departure.
_PERSON = ("pk", "household_id", "relation_to_head", "deceased_on", "moved_out_on")


def _departure(deceased_on, moved_out_on) -> tuple[date | None, str]:
    dates = ((deceased_on, Left.DIED), (moved_out_on, Left.MOVED_AWAY))
    gone = [(d, r) for d, r in dates if d]
    return min(gone) if gone else (None, "")


def memberships_sync(*, user, household_ids, today: date | None = None) -> None:
    """Give every person recorded in the households the membership their record says.

    A member still there holds an open membership with their relation (a corrected
    relation is corrected in place); one who died or moved away has it ended on that day;
    one whose record a correction moved here from another household leaves that one today
    and counts here from then. A household's first members count from its start (see
    household_starts); no one is brought back into a closed household.

    Reads rows as tuples, by the persons' households: an import syncs 35,000 people.
    """
    today = today or timezone.localdate()
    household_ids = list(household_ids)
    persons = Person.objects.filter(household_id__in=household_ids).order_by("pk")
    of_persons = Membership.objects.filter(person__household_id__in=household_ids).order_by()
    held = {
        row[1]: _Held(*row)
        for row in of_persons.open().values_list(
            "pk", "person_id", "household_id", "relation_to_head", "started_on"
        )
    }
    last_end = dict(
        of_persons.filter(ended_on__isnull=False)
        .values_list("person_id")
        .annotate(last=Max("ended_on"))
    )
    known = set(held) | set(last_end)
    ended, corrected, joining = [], [], []
    for person in persons.values_list(*_PERSON):
        pk, household_id = person[0], person[1]
        m = held.get(pk)
        if m is not None and m.household_id != household_id:
            ended.append(_ended(m, max(today, m.started_on), Left.MOVED_AWAY))
            last_end[pk], m = ended[-1].ended_on, None
        if m is not None:
            _follow(m, person, ended, corrected)
        else:
            joining.append(person)
    new = []
    if joining:  # (a re-imported list has none: skip the queries)
        starts = _starts({p[1] for p in joining}, today)
        for person in joining:
            if person[1] in starts:
                start = max(starts[person[1]], last_end.get(person[0], date.min))
                joined = _joined(person, user, start, known=person[0] in known)
                new.extend([joined] if joined else [])
    ended = [Membership(pk=m.pk, ended_on=m.ended_on, leave_reason=m.leave_reason) for m in ended]
    Membership.objects.bulk_update(ended, ["ended_on", "leave_reason"], batch_size=2000)
    # Demoted heads first: one open head per household at every statement.
    corrected.sort(key=lambda m: m.relation_to_head == "head")
    for m in corrected:
        Membership.objects.filter(pk=m.pk).update(relation_to_head=m.relation_to_head)
    Membership.objects.bulk_create(new, batch_size=2000)


def _starts(household_ids: set, today: date) -> dict[int, date]:
    """The day a person joining each household by a correction counts from: today, or
    the household's start if it has no members yet; closed households are left out."""
    begun = set(
        Membership.objects.filter(household_id__in=household_ids)
        .order_by()
        .values_list("household_id", flat=True)
        .distinct()
    )
    closed = Household.objects.filter(pk__in=household_ids, closed_on__isnull=False)
    starts = {
        **dict.fromkeys(household_ids, today),
        **household_starts(household_ids - begun, today),
    }
    for pk in closed.values_list("pk", flat=True):
        starts.pop(pk)
    return starts


@dataclass
class _Held:
    """An open membership as the sync reads it."""

    pk: int
    person_id: int
    household_id: int
    relation_to_head: str
    started_on: date
    ended_on: date | None = None
    leave_reason: str = ""


def _follow(m: _Held, person: tuple, ended: list, corrected: list) -> None:
    """The open membership follows the record: ended by a departure, or corrected."""
    left_on, reason = _departure(*person[3:])
    if left_on:
        ended.append(_ended(m, max(left_on, m.started_on), reason))
    elif m.relation_to_head != person[2]:
        m.relation_to_head = person[2]
        corrected.append(m)


def _joined(person: tuple, user, start: date, *, known: bool) -> Membership | None:
    """The membership of a person the memberships do not hold yet (None if already gone)."""
    pk, household_id, relation, *gone = person
    left_on, reason = _departure(*gone)
    if known and left_on:
        return None  # already gone, and the memberships say so
    return Membership(
        person_id=pk,
        household_id=household_id,
        relation_to_head=relation,
        started_on=min(start, left_on) if left_on else start,
        ended_on=left_on,
        join_reason=Joined.REGISTERED,
        leave_reason=reason,
        created_by=user,
    )


def _ended(m: _Held, on: date, reason: str) -> _Held:
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
