"""Household events: a person joins or leaves, the head changes, a split, a merge, a move
within the ward or to another, dissolution. Each has a date, ends and begins memberships
(never rewrites one), leaves history, and marks the household for the next review."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from areas.models import Area
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
from .register import RegisterError, check_national_id_free, prepare_person, statuses_record

HEAD = Relation.HEAD


@dataclass(frozen=True)
class Event:
    """What every event carries: who, on which day, and why (the note of the history)."""

    user: object
    on: date
    note: str = ""


def _writable(event: Event, household: Household) -> None:
    if not can_write_ward(event.user, household.ward_id):
        raise RegisterError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))
    if household.closed_on:
        raise RegisterError(
            _("Hộ %(code)s đã đóng sổ từ ngày %(day)s.")
            % {"code": household.code, "day": f"{household.closed_on:%d/%m/%Y}"}
        )


def _open(household: Household) -> list[Membership]:
    return list(household.memberships.open().select_related("person").order_by("pk"))


def _end(event: Event, m: Membership, reason: str) -> None:
    if event.on < m.started_on:
        raise RegisterError(
            _("%(name)s vào hộ ngày %(day)s: ngày của thay đổi không thể trước ngày đó.")
            % {"name": m.person.full_name, "day": f"{m.started_on:%d/%m/%Y}"}
        )
    m.ended_on, m.leave_reason = event.on, reason
    m.note = m.note or event.note
    m.save(update_fields=["ended_on", "leave_reason", "note"])


def _begin(event: Event, person: Person, household: Household, relation: str, reason: str):
    Membership.objects.create(
        person=person,
        household=household,
        relation_to_head=relation,
        started_on=event.on,
        join_reason=reason,
        note=event.note,
        created_by=event.user,
    )
    person.household, person.relation_to_head, person.moved_out_on = household, relation, None
    person._history_user = event.user
    person._change_reason = event.note
    person.save()


def _touch(event: Event, household: Household, what: str, **fields) -> None:
    """Mark the household changed on the day (the review's worklist reads it)."""
    household.changed_on = event.on
    household.change_note = what[:255]
    household.version = F("version") + 1
    for name, value in fields.items():
        setattr(household, name, value)
    household._history_user = event.user
    household._change_reason = event.note or what
    household.save()
    household.refresh_from_db(fields=["version"])


def _check_one_head(household: Household) -> None:
    heads = [m for m in _open(household) if m.relation_to_head == HEAD]
    if _open(household) and len(heads) != 1:
        raise RegisterError(
            _("Hộ %(code)s phải có đúng một chủ hộ sau thay đổi này.") % {"code": household.code}
        )


def _status_on(household: Household, day: date) -> HouseholdStatus | None:
    return household.statuses.in_force_on(day).first()


def _close(event: Event, household: Household, reason: str, successor=None, **fields) -> None:
    """Close the household; its status in force stops on the day (counted as gone)."""
    current = _status_on(household, event.on)
    if current and current.classification != "none":
        if current.valid_from == event.on:
            raise RegisterError(
                _("Hộ %(code)s vừa được phân loại ngày này: hãy chọn ngày khác.")
                % {"code": household.code}
            )
        gone = HouseholdStatus(
            household=household,
            year=event.on.year,
            valid_from=event.on,
            classification="none",
            previous=current.classification,
            movement=Movement.MOVED_OUT,
            reason=(event.note or Closed(reason).label)[:255],
        )
        statuses_record(user=event.user, statuses=[gone], reason=Closed(reason).label)
    _touch(
        event,
        household,
        str(Closed(reason).label),
        closed_on=event.on,
        closed_reason=reason,
        successor=successor,
        **fields,
    )


def _carry(event: Event, source: Household, target: Household, movement: str) -> None:
    """The new household holds the classification its members held (until a review)."""
    current = _status_on(source, event.on - timedelta(days=1))
    if current is None:
        return
    carried = HouseholdStatus(
        household=target,
        year=current.year,
        valid_from=event.on,
        classification=current.classification,
        movement=movement,
        reason=_("Từ hộ %(code)s") % {"code": source.code},
    )
    statuses_record(user=event.user, statuses=[carried], reason=carried.reason)


def _new_household(event: Event, ward, code: str, **values) -> Household:
    if Household.objects.filter(ward=ward, code=code).exists():
        raise RegisterError(_("Mã hộ %(code)s đã có ở xã, phường này.") % {"code": code})
    household = Household(ward=ward, code=code, **values)
    household._history_user = event.user
    household.save()
    return household


def _membership_of(person: Person) -> Membership:
    m = person.memberships.open().select_related("person", "household").first()
    if m is None:
        raise RegisterError(
            _("%(name)s hiện không là thành viên của hộ nào.") % {"name": person.full_name}
        )
    return m


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
    """A person joins the household: a person already in the register (found by national
    ID, in any ward) is taken over, leaving their household that day; otherwise a new
    person is recorded from `values`."""
    _writable(event, household)
    if relation == HEAD and any(m.relation_to_head == HEAD for m in _open(household)):
        raise RegisterError(_("Hộ đã có chủ hộ: hãy dùng thay đổi chủ hộ."))
    if person is None:
        person = prepare_person(Person(household=household, **(values or {})))
        check_national_id_free(person)
    else:
        if person.deceased_on:
            raise RegisterError(_("%(name)s đã mất.") % {"name": person.full_name})
        current = person.memberships.open().select_related("household", "person").first()
        if current is not None:
            _leave_for(event, current, reason)
    _begin(event, person, household, relation, reason)
    _touch(event, household, _("%(name)s vào hộ") % {"name": person.full_name})
    return person


def _leave_for(event: Event, current: Membership, reason: str) -> None:
    """End the membership a joining person holds elsewhere (that ward is not asked: a
    person is registered in one place, and the move is the person's)."""
    old = current.household
    if current.relation_to_head == HEAD:
        others = [m for m in _open(old) if m.person_id != current.person_id]
        if others:
            raise RegisterError(
                _(
                    "%(name)s đang là chủ hộ %(code)s (%(ward)s): xã, phường đó cần đổi chủ hộ "
                    "trước khi người này chuyển đi."
                )
                % {"name": current.person.full_name, "code": old.code, "ward": old.ward}
            )
    _end(event, current, Left.MARRIAGE if reason == Joined.MARRIAGE else Left.MOVED_AWAY)
    if not _open(old):
        _close(event, old, Closed.DISSOLVED)
    else:
        _touch(event, old, _("%(name)s chuyển đi") % {"name": current.person.full_name})


@transaction.atomic
def member_leave(event: Event, *, person: Person, reason: str, new_head: Person | None = None):
    """A person leaves (marriage, moving away, death). A head who leaves names the new head
    among those who stay, except a death recorded without one (from a case, say): the
    household is then marked for the officer to name one. The last member leaving closes
    the household."""
    m = _membership_of(person)
    household = m.household
    _writable(event, household)
    _end(event, m, reason)
    if reason == Left.DIED:
        person.deceased_on = event.on
    else:
        person.moved_out_on = event.on
    person._history_user, person._change_reason = event.user, event.note
    person.save()
    what = _("%(name)s ra khỏi hộ") % {"name": person.full_name}
    if m.relation_to_head == HEAD and _open(household):
        if new_head is not None:
            _relations_change(event, household, {new_head.pk: HEAD})
        elif reason == Left.DIED:
            what = _("Chủ hộ %(name)s qua đời: cần chọn chủ hộ mới") % {"name": person.full_name}
        else:
            raise RegisterError(_("Chủ hộ ra khỏi hộ: hãy chọn chủ hộ mới."))
    if not _open(household):
        _close(event, household, Closed.DISSOLVED)
        return
    if new_head is not None or m.relation_to_head != HEAD:
        _check_one_head(household)
    _touch(event, household, what)


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


def _relations_change(event: Event, household: Household, relations: dict[int, str]) -> None:
    """Give members new relations from the day: each change ends a membership and begins
    the next, demoted heads first (one open head at every statement)."""
    held = {m.person_id: m for m in _open(household)}
    unknown = set(relations) - set(held)
    if unknown:
        raise RegisterError(_("Một người được chọn không là thành viên của hộ này."))
    changes = [(held[pk], r) for pk, r in relations.items() if held[pk].relation_to_head != r]
    for m, relation in sorted(changes, key=lambda c: c[1] == HEAD):
        _end(event, m, Left.RELATION)
        _begin(event, m.person, household, relation, Joined.RELATION)


@transaction.atomic
def head_change(event: Event, *, household: Household, relations: dict[int, str]) -> None:
    """A new head from the day; `relations` gives the new head and every relation that
    changes with it (the former head's, at least, if they stay)."""
    _writable(event, household)
    _relations_change(event, household, relations)
    _check_one_head(household)
    _touch(event, household, _("Đổi chủ hộ"))


@transaction.atomic
def household_split(
    event: Event,
    *,
    household: Household,
    relations: dict[int, str],
    code: str,
    staying: dict[int, str] | None = None,
    **values,
) -> Household:
    """Members (person id → their relation in the new household, one of them head) form a
    new household of the same ward; the rest stay, with the relations `staying` changes
    (a new head if theirs left)."""
    _writable(event, household)
    held = {m.person_id: m for m in _open(household)}
    leaving = {pk: r for pk, r in relations.items() if pk in held}
    staying = [m for pk, m in held.items() if pk not in leaving]
    if len(leaving) != len(relations) or not leaving or not staying:
        raise RegisterError(_("Chọn những người tách ra; ít nhất một người ở lại hộ cũ."))
    new = _new_household(event, household.ward, code, **values)
    for pk, relation in sorted(leaving.items(), key=lambda item: item[1] == HEAD):
        _end(event, held[pk], Left.SPLIT)
        _begin(event, held[pk].person, new, relation, Joined.SPLIT)
    if staying:
        _relations_change(event, household, staying)
    _check_one_head(new)
    _check_one_head(household)
    _carry(event, household, new, Movement.SPLIT_OFF)
    what = _("Tách hộ %(code)s") % {"code": new.code}
    _touch(event, household, what)
    _touch(event, new, _("Tách từ hộ %(code)s") % {"code": household.code})
    return new


@transaction.atomic
def household_merge(
    event: Event, *, household: Household, other: Household, relations: dict[int, str]
) -> None:
    """Every member of `other` joins `household` (person id → relation, never head) and
    `other` is closed, its successor `household`."""
    _writable(event, household)
    _writable(event, other)
    if other.pk == household.pk:
        raise RegisterError(_("Chọn một hộ khác để nhập."))
    arriving = _open(other)
    if any(relations.get(m.person_id) in (None, HEAD) for m in arriving):
        raise RegisterError(_("Ghi quan hệ với chủ hộ cho từng người nhập vào (không là chủ hộ)."))
    for m in arriving:
        _end(event, m, Left.MERGED)
        _begin(event, m.person, household, relations[m.person_id], Joined.MERGED)
    _close(event, other, Closed.MERGED, successor=household)
    _touch(event, household, _("Nhập hộ %(code)s") % {"code": other.code})


@transaction.atomic
def household_relocate(event: Event, *, household: Household, residential_group, address: str):
    """The household moves within its ward: a new residential group and address."""
    _writable(event, household)
    if residential_group is not None and residential_group.parent_id != household.ward_id:
        raise RegisterError(_("Tổ dân phố, khóm, ấp không thuộc xã, phường của hộ."))
    _touch(
        event,
        household,
        _("Chuyển chỗ ở trong xã, phường"),
        residential_group=residential_group,
        address=address,
    )


@transaction.atomic
def household_move_out(event: Event, *, household: Household, to_ward: Area | None) -> None:
    """The whole household moves to another ward (known or not): its members leave on the
    day, it is closed, and its decided statuses stay with the old ward."""
    _writable(event, household)
    if to_ward is not None and to_ward.pk == household.ward_id:
        raise RegisterError(_("Chuyển trong xã, phường: hãy dùng chuyển chỗ ở."))
    for m in _open(household):
        _end(event, m, Left.HOUSEHOLD_MOVED)
    _close(event, household, Closed.MOVED, moving_to=to_ward)


@transaction.atomic
def household_receive(
    event: Event, *, household: Household, ward: Area, code: str, **values
) -> Household:
    """The receiving ward opens the moved household under its code: the members who left
    with it join it from the day of the move, holding the classification they held."""
    if not can_write_ward(event.user, ward.pk):
        raise RegisterError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))
    moved = household.closed_reason == Closed.MOVED and household.successor_id is None
    if not moved or household.moving_to_id not in (None, ward.pk) or household.ward_id == ward.pk:
        raise RegisterError(_("Hộ này không chờ xã, phường của bạn tiếp nhận."))
    arrived = Event(event.user, household.closed_on, event.note)
    new = _new_household(arrived, ward, code, **values)
    gone = household.memberships.filter(
        ended_on=household.closed_on, leave_reason=Left.HOUSEHOLD_MOVED
    ).select_related("person")
    for m in sorted(gone, key=lambda m: m.relation_to_head != HEAD):
        if not m.person.memberships.open().exists():
            _begin(arrived, m.person, new, m.relation_to_head, Joined.HOUSEHOLD_MOVED)
    _check_one_head(new)
    _carry(arrived, household, new, Movement.MOVED_IN)
    _touch(arrived, new, _("Chuyển đến từ %(ward)s") % {"ward": household.ward})
    Household.objects.filter(pk=household.pk).update(successor=new)
    household.successor = new
    return new


@transaction.atomic
def household_dissolve(event: Event, *, household: Household) -> None:
    """Close a household no one lives in any more (its members have left or died)."""
    _writable(event, household)
    if _open(household):
        raise RegisterError(
            _("Hộ vẫn còn thành viên: ghi từng người ra khỏi hộ (chuyển đi, qua đời) trước.")
        )
    _close(event, household, Closed.DISSOLVED)
