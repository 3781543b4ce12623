"""Household events of one person: they join or leave the household, die, or the head
changes; and the steps every event takes (household_events holds those of a whole
household). Each has a date, ends and begins memberships (never rewrites one), leaves
history, and marks the household for the next review."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from areas.scope import can_write_ward

from ..models import (
    Closed,
    Household,
    HouseholdStatus,
    Joined,
    Left,
    Membership,
    Movement,
    Person,
    Relation,
)
from .register import RegisterError, prepare_person, statuses_record

HEAD = Relation.HEAD
LEAVING = (Left.MARRIAGE, Left.MOVED_AWAY, Left.DIED)


@dataclass(frozen=True)
class Event:
    """What every event carries: who, on which day, and why (the note of the history)."""

    user: object
    on: date
    note: str = ""


def household_lock(event: Event, household: Household) -> None:
    """Refuse an event the user may not record. The household is read afresh and held
    until the commit: a second submission of the same event waits, then finds it done."""
    household.refresh_from_db(from_queryset=Household.objects.select_for_update())
    if not can_write_ward(event.user, household.ward_id):
        raise RegisterError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))
    if household.closed_on:
        raise RegisterError(
            _("Hộ %(code)s đã đóng sổ từ ngày %(day)s.")
            % {"code": household.code, "day": f"{household.closed_on:%d/%m/%Y}"}
        )


def history_of(obj, event: Event, what: str = "") -> None:
    """Who and why, for the history row the next save writes (its reason holds 100)."""
    obj._history_user = event.user
    obj._change_reason = str(event.note or what)[:100]


def open_memberships(household: Household) -> list[Membership]:
    return list(household.memberships.open().select_related("person").order_by("pk"))


def membership_end(event: Event, m: Membership, reason: str) -> None:
    if event.on < m.started_on:
        raise RegisterError(
            _("%(name)s vào hộ ngày %(day)s: ngày của thay đổi không thể trước ngày đó.")
            % {"name": m.person.full_name, "day": f"{m.started_on:%d/%m/%Y}"}
        )
    m.ended_on, m.leave_reason = event.on, reason
    m.note = m.note or event.note[:255]
    m.save(update_fields=["ended_on", "leave_reason", "note"])


def membership_begin(
    event: Event, person: Person, household: Household, relation: str, reason: str
) -> Membership:
    """The person is a member from the day; their record says so (the latest membership)."""
    person.household, person.relation_to_head, person.moved_out_on = household, relation, None
    history_of(person, event)
    person.save()  # first: a new person (a birth) has no id before
    return Membership.objects.create(
        person=person,
        household=household,
        relation_to_head=relation,
        started_on=event.on,
        join_reason=reason,
        note=event.note[:255],
        created_by=event.user,
    )


def household_touch(event: Event, household: Household, what: str, **fields) -> None:
    """Mark the household changed on the day (the review's worklist reads it)."""
    household.changed_on = event.on
    household.change_note = what[:255]
    household.version = F("version") + 1
    for name, value in fields.items():
        setattr(household, name, value)
    history_of(household, event, what)
    household.save()
    household.refresh_from_db(fields=["version"])


def relations_change(event: Event, household: Household, relations: dict[int, str]) -> None:
    """Give members new relations from the day, leaving exactly one head: each change ends
    a membership and begins the next, demoted heads first (one open head at every
    statement)."""
    held = {m.person_id: m for m in open_memberships(household)}
    if set(relations) - set(held):
        raise RegisterError(_("Một người được chọn không là thành viên của hộ này."))
    after = [relations.get(pk, m.relation_to_head) for pk, m in held.items()]
    if held and after.count(HEAD) != 1:
        raise RegisterError(
            _("Hộ %(code)s phải có đúng một chủ hộ sau thay đổi này.") % {"code": household.code}
        )
    changes = [(held[pk], r) for pk, r in relations.items() if held[pk].relation_to_head != r]
    for m, relation in sorted(changes, key=lambda c: c[1] == HEAD):
        membership_end(event, m, Left.RELATION)
        membership_begin(event, m.person, household, relation, Joined.RELATION)


def household_close(event: Event, household: Household, reason: str, **fields) -> None:
    """Close the household; its status in force stops on the day (counted as gone)."""
    later = household.statuses.filter(valid_from__gt=event.on).order_by("valid_from").first()
    current = household.statuses.in_force_on(event.on).first()
    if later or (current and current.classification != "none" and current.valid_from == event.on):
        raise RegisterError(
            _("Hộ %(code)s được phân loại từ ngày %(day)s: ngày đóng sổ phải sau ngày đó.")
            % {"code": household.code, "day": f"{(later or current).valid_from:%d/%m/%Y}"}
        )
    if current and current.classification != "none":
        gone = HouseholdStatus(
            household=household,
            # The year of the list it leaves: a decision of October is already for the
            # next year, and the household must not stay on that year's list.
            year=max(event.on.year, current.year),
            valid_from=event.on,
            classification="none",
            previous=current.classification,
            movement=Movement.MOVED_OUT,
            reason=(event.note or Closed(reason).label)[:255],
        )
        statuses_record(user=event.user, statuses=[gone], reason=Closed(reason).label)
    label = str(Closed(reason).label)
    household_touch(event, household, label, closed_on=event.on, closed_reason=reason, **fields)


def _membership_of(person: Person) -> Membership:
    m = person.memberships.open().select_related("person", "household").first()
    if m is None:
        raise RegisterError(
            _("%(name)s hiện không là thành viên của hộ nào.") % {"name": person.full_name}
        )
    return m


def _person_from(values: dict) -> Person:
    """A new person from the values, or the registered one their national ID names (a
    person is recorded once in the whole country)."""
    person = prepare_person(Person(**values))
    if not person.national_id:
        return person
    found = Person.objects.filter(national_id=person.national_id).first()
    if found is None:
        return person
    if found.search_name != person.search_name:
        raise RegisterError(
            _(
                "Số định danh %(id)s đã được ghi cho một người có họ tên khác: "
                "hãy kiểm tra lại số định danh và họ tên."
            )
            % {"id": person.national_id}
        )
    return found


@transaction.atomic
def member_join(
    event: Event,
    *,
    household: Household,
    reason: str,
    relation: str,
    person: Person | None = None,
    values: dict | None = None,
) -> Person:
    """A person joins the household: a person already in the register (given, or found
    by the national ID of `values`, in any ward) is taken over, leaving their household
    that day; otherwise a new person is recorded from `values`."""
    household_lock(event, household)
    held = open_memberships(household)
    if relation == HEAD and any(m.relation_to_head == HEAD for m in held):
        raise RegisterError(_("Hộ đã có chủ hộ: hãy dùng thay đổi chủ hộ."))
    if person is None:
        person = _person_from(values or {})
    if person.pk is not None:
        person.refresh_from_db()
        if person.deceased_on:
            raise RegisterError(_("%(name)s đã mất.") % {"name": person.full_name})
        if any(m.person_id == person.pk for m in held):
            raise RegisterError(
                _("%(name)s đã là thành viên của hộ này.") % {"name": person.full_name}
            )
        _check_free_from(event, person)
        current = person.memberships.open().select_related("household", "person").first()
        if current is not None:
            _leave_for(event, current, reason)
    membership_begin(event, person, household, relation, reason)
    household_touch(event, household, _("%(name)s vào hộ") % {"name": person.full_name})
    return person


def _check_free_from(event: Event, person: Person) -> None:
    """A person belongs to one household on a day: not to one they left after it."""
    later = person.memberships.filter(ended_on__gt=event.on).select_related("household")
    later = later.order_by("-ended_on").first()
    if later is not None:
        raise RegisterError(
            _("%(name)s là thành viên hộ %(code)s đến ngày %(day)s: hãy chọn ngày từ đó.")
            % {
                "name": person.full_name,
                "code": later.household.code,
                "day": f"{later.ended_on:%d/%m/%Y}",
            }
        )


def _leave_for(event: Event, current: Membership, reason: str) -> None:
    """End the membership a joining person holds elsewhere (that ward is not asked: a
    person is registered in one place, and the move is the person's)."""
    old = current.household
    if current.relation_to_head == HEAD:
        others = [m for m in open_memberships(old) if m.person_id != current.person_id]
        if others:
            raise RegisterError(
                _(
                    "%(name)s đang là chủ hộ %(code)s (%(ward)s): xã, phường đó cần đổi chủ hộ "
                    "trước khi người này chuyển đi."
                )
                % {"name": current.person.full_name, "code": old.code, "ward": old.ward}
            )
    membership_end(event, current, Left.MARRIAGE if reason == Joined.MARRIAGE else Left.MOVED_AWAY)
    if not open_memberships(old):
        household_close(event, old, Closed.DISSOLVED)
    else:
        household_touch(event, old, _("%(name)s chuyển đi") % {"name": current.person.full_name})


@transaction.atomic
def member_leave(event: Event, *, person: Person, reason: str, new_head: Person | None = None):
    """A person leaves (marriage, moving away, death). A head who leaves names the new head
    among those who stay, except a death recorded without one (from a case, say): the
    household is then marked for the officer to name one. The last member leaving closes
    the household. `new_head` is only read when the head leaves."""
    if reason not in LEAVING:
        raise RegisterError(_("Chọn lý do ra khỏi hộ: kết hôn, chuyển đi hoặc qua đời."))
    person.refresh_from_db()
    m = _membership_of(person)
    household = m.household
    household_lock(event, household)
    succeeded = m.relation_to_head == HEAD and len(open_memberships(household)) > 1
    if succeeded and new_head is None and reason != Left.DIED:
        raise RegisterError(_("Chủ hộ ra khỏi hộ: hãy chọn chủ hộ mới."))
    membership_end(event, m, reason)
    if reason == Left.DIED:
        person.deceased_on = event.on
    else:
        person.moved_out_on = event.on
    history_of(person, event)
    person.save()
    what = _("%(name)s ra khỏi hộ") % {"name": person.full_name}
    if succeeded and new_head is not None:
        relations_change(event, household, {new_head.pk: HEAD})
    elif succeeded:
        what = _("Chủ hộ %(name)s qua đời: cần chọn chủ hộ mới") % {"name": person.full_name}
    if not open_memberships(household):
        household_close(event, household, Closed.DISSOLVED)
        return
    household_touch(event, household, what)


@transaction.atomic
def person_record_death(*, user, person: Person, died_on: date) -> Person:
    """Record the day the person died (the one place: the cases call it too); their
    membership ends that day."""
    if not can_write_ward(user, person.household.ward_id):
        raise RegisterError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))
    if person.memberships.open().exists():
        member_leave(Event(user, died_on), person=person, reason=Left.DIED)
        return person
    person.deceased_on = died_on
    person._history_user = user
    person.save(update_fields=["deceased_on", "updated_at"])
    return person


@transaction.atomic
def head_change(event: Event, *, household: Household, relations: dict[int, str]) -> None:
    """A new head from the day; `relations` gives the new head and every relation that
    changes with it (the former head's, at least, if they stay)."""
    household_lock(event, household)
    relations_change(event, household, relations)
    household_touch(event, household, _("Đổi chủ hộ"))
