"""The dated member lists: kept in step with corrections, and written by the events.

`Person.household` and `Person.relation_to_head` are the person's latest membership; the
edit form and the imports correct them (and a person's death or departure), and
`memberships_sync` then brings the memberships in line without rewriting anyone's past.
"""

from datetime import date

from django.db.models import Exists, F, Min, OuterRef, Subquery
from django.utils import timezone

from ..models import HouseholdStatus, Joined, Left, Membership, Person


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
    one whose record a correction moved here from another household leaves that one today.
    A household's first members count from its start (see household_start).
    """
    today = today or timezone.localdate()
    household_ids = list(household_ids)
    persons = list(Person.objects.filter(household_id__in=household_ids).order_by("pk"))
    held = {m.person_id: m for m in Membership.objects.open().filter(person__in=persons)}
    known = set(Membership.objects.filter(person__in=persons).values_list("person_id", flat=True))
    begun = set(
        Membership.objects.filter(household_id__in=household_ids).values_list(
            "household_id", flat=True
        )
    )
    starts = household_starts(set(household_ids) - begun, today)
    ended, corrected, new = [], [], []
    for person in persons:
        left_on, reason = _departure(person)
        m = held.get(person.pk)
        if m is not None and m.household_id != person.household_id:
            ended.append(_ended(m, today, Left.MOVED_AWAY))
            m = None
        if m is not None:
            if left_on:
                ended.append(_ended(m, max(left_on, m.started_on), reason))
            elif m.relation_to_head != person.relation_to_head:
                m.relation_to_head = person.relation_to_head
                corrected.append(m)
            continue
        if person.pk in known and left_on:
            continue  # already gone, and the memberships say so
        start = starts.get(person.household_id, today)
        if left_on:
            start = min(start, left_on)
        new.append(
            Membership(
                person=person,
                household_id=person.household_id,
                relation_to_head=person.relation_to_head,
                started_on=start,
                ended_on=left_on,
                join_reason=Joined.REGISTERED,
                leave_reason=reason,
                created_by=user,
            )
        )
    # Demoted heads first: one open head per household at every statement.
    corrected.sort(key=lambda m: m.relation_to_head == "head")
    for m in [*ended, *corrected]:
        m.save(update_fields=["ended_on", "leave_reason", "relation_to_head"])
    Membership.objects.bulk_create(new, batch_size=2000)


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
