"""Events of a whole household: a split, a merge, a move within the ward or to another
(and its receiving), dissolution. Like every event (see events), each has a date, ends
and begins memberships, leaves history and marks the households for the next review."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from areas.models import Area, Level
from areas.scope import can_write_ward

from ..models import Closed, Household, HouseholdStatus, Joined, Left, Membership, Movement
from .events import (
    HEAD,
    Event,
    history_of,
    household_close,
    household_lock,
    household_touch,
    membership_begin,
    membership_end,
    open_memberships,
    relations_change,
)
from .register import RegisterError, statuses_record


def _carry(event: Event, source: Household, target: Household, movement: str) -> None:
    """The new household holds the classification its members held (until a review)."""
    current = source.statuses.in_force_on(event.on - timedelta(days=1)).first()
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


def _check_group(ward_id: int, residential_group) -> None:
    if residential_group is not None and residential_group.parent_id != ward_id:
        raise RegisterError(_("Tổ dân phố, khóm, ấp không thuộc xã, phường của hộ."))


def _new_household(event: Event, ward, code: str, **values) -> Household:
    _check_group(ward.pk, values.get("residential_group"))
    if Household.objects.filter(ward=ward, code=code).exists():
        raise RegisterError(_("Mã hộ %(code)s đã có ở xã, phường này.") % {"code": code})
    household = Household(ward=ward, code=code, **values)
    history_of(household, event)
    household.save()
    return household


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
    household_lock(event, household)
    held = {m.person_id: m for m in open_memberships(household)}
    if not relations or set(relations) - set(held) or len(relations) == len(held):
        raise RegisterError(_("Chọn những người tách ra; ít nhất một người ở lại hộ cũ."))
    if list(relations.values()).count(HEAD) != 1:
        raise RegisterError(
            _("Hộ %(code)s phải có đúng một chủ hộ sau thay đổi này.") % {"code": code}
        )
    new = _new_household(event, household.ward, code, **values)
    for pk, relation in relations.items():
        membership_end(event, held[pk], Left.SPLIT)
        membership_begin(event, held[pk].person, new, relation, Joined.SPLIT)
    relations_change(event, household, staying or {})
    _carry(event, household, new, Movement.SPLIT_OFF)
    household_touch(event, household, _("Tách hộ %(code)s") % {"code": new.code})
    household_touch(event, new, _("Tách từ hộ %(code)s") % {"code": household.code})
    return new


@transaction.atomic
def household_merge(
    event: Event, *, household: Household, other: Household, relations: dict[int, str]
) -> None:
    """Every member of `other` joins `household` (person id → relation, never head) and
    `other` is closed, its successor `household`. Both are of one ward (a household of
    another ward moves out, then is received)."""
    if other.pk == household.pk:
        raise RegisterError(_("Chọn một hộ khác để nhập."))
    household_lock(event, household)
    household_lock(event, other)
    if other.ward_id != household.ward_id:
        raise RegisterError(
            _("Chỉ nhập hai hộ cùng xã, phường: hộ ở nơi khác chuyển đi rồi được tiếp nhận.")
        )
    arriving = open_memberships(other)
    if any(relations.get(m.person_id) in (None, HEAD) for m in arriving):
        raise RegisterError(_("Ghi quan hệ với chủ hộ cho từng người nhập vào (không là chủ hộ)."))
    for m in arriving:
        membership_end(event, m, Left.MERGED)
        membership_begin(event, m.person, household, relations[m.person_id], Joined.MERGED)
    household_close(event, other, Closed.MERGED, successor=household)
    household_touch(event, household, _("Nhập hộ %(code)s") % {"code": other.code})


@transaction.atomic
def household_relocate(event: Event, *, household: Household, residential_group, address: str):
    """The household moves within its ward: a new residential group and address."""
    household_lock(event, household)
    _check_group(household.ward_id, residential_group)
    household_touch(
        event,
        household,
        _("Chuyển chỗ ở trong xã, phường"),
        residential_group=residential_group,
        address=address,
    )


@transaction.atomic
def household_move_out(event: Event, *, household: Household, to_ward: Area | None) -> None:
    """The whole household moves to another ward (known or not): its members leave on the
    day (recorded as moved away until a ward receives them), it is closed, and its
    decided statuses stay with the old ward."""
    household_lock(event, household)
    if to_ward is not None and to_ward.pk == household.ward_id:
        raise RegisterError(_("Chuyển trong xã, phường: hãy dùng chuyển chỗ ở."))
    if to_ward is not None and to_ward.level != Level.WARD:
        raise RegisterError(_("Chọn xã, phường nơi hộ chuyển đến."))
    for m in open_memberships(household):
        membership_end(event, m, Left.HOUSEHOLD_MOVED)
        m.person.moved_out_on = event.on
        history_of(m.person, event)
        m.person.save(update_fields=["moved_out_on", "updated_at"])
    household_close(event, household, Closed.MOVED, moving_to=to_ward)


def _movers(household: Household) -> list[Membership]:
    """The members who left with the household and went nowhere else since (nor died
    before it left)."""
    gone = list(
        household.memberships.filter(
            ended_on=household.closed_on, leave_reason=Left.HOUSEHOLD_MOVED
        ).select_related("person")
    )
    since = Membership.objects.filter(
        person__in=[m.person_id for m in gone], started_on__gte=household.closed_on
    ).exclude(pk__in=[m.pk for m in gone])
    elsewhere = set(since.values_list("person_id", flat=True))
    return [
        m
        for m in sorted(gone, key=lambda m: m.relation_to_head != HEAD)
        if m.person_id not in elsewhere
        and not (m.person.deceased_on and m.person.deceased_on <= household.closed_on)
    ]


@transaction.atomic
def household_receive(
    event: Event, *, household: Household, ward: Area, code: str, **values
) -> Household:
    """The receiving ward opens the moved household under its code: the members who left
    with it join it from the day of the move (one who died since, until that day),
    holding the classification they held."""
    if not can_write_ward(event.user, ward.pk):
        raise RegisterError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))
    old = Household.objects.select_for_update().select_related("ward").get(pk=household.pk)
    moved = old.closed_reason == Closed.MOVED and old.successor_id is None
    if not moved or old.moving_to_id not in (None, ward.pk) or old.ward_id == ward.pk:
        raise RegisterError(_("Hộ này không chờ xã, phường của bạn tiếp nhận."))
    movers = _movers(old)
    if not any(m.person.deceased_on is None for m in movers):
        raise RegisterError(_("Không còn thành viên nào của hộ này để tiếp nhận."))
    arrived = Event(event.user, old.closed_on, event.note)
    new = _new_household(arrived, ward, code, **values)
    for m in movers:
        relation, reason = m.relation_to_head, Joined.HOUSEHOLD_MOVED
        joined = membership_begin(arrived, m.person, new, relation, reason)
        if m.person.deceased_on:
            membership_end(Event(event.user, m.person.deceased_on), joined, Left.DIED)
    what = _("Chuyển đến từ %(ward)s") % {"ward": old.ward}
    if not any(m.relation_to_head == HEAD for m in open_memberships(new)):
        what = _("Chủ hộ đã qua đời: cần chọn chủ hộ mới")
    _carry(arrived, old, new, Movement.MOVED_IN)
    household_touch(arrived, new, what)
    old.successor = household.successor = new
    history_of(old, event, _("Tiếp nhận thành hộ %(code)s") % {"code": new.code})
    old.save(update_fields=["successor", "updated_at"])
    return new


@transaction.atomic
def household_dissolve(event: Event, *, household: Household) -> None:
    """Close a household no one lives in any more (its members have left or died)."""
    household_lock(event, household)
    if open_memberships(household):
        raise RegisterError(
            _("Hộ vẫn còn thành viên: ghi từng người ra khỏi hộ (chuyển đi, qua đời) trước.")
        )
    household_close(event, household, Closed.DISSOLVED)
