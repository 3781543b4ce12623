"""A case moves with its person (ND 20/2021 Điều 8 khoản 3–4): the sending ward pays up to
and including the month of the move and its case ends; the receiving ward opens a case of
its own, paid from the month after, linked to the old one. Each month is paid by one ward.

The old case keeps its decisions and its history; the new case starts from what the old
one was paid on (benefit, group, conditions, children, pension, papers).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area
from households.models import Left, Membership

from .. import rules
from ..models import Case, CaseStatus, EventKind
from .base import CaseError, _check_one_case, _check_writable, _event, _update
from .cases import _paid_codes

# The statuses a case can be transferred from: it is paying, or paused.
PAYING = (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)


@transaction.atomic
def case_transfer_out(
    *, user, case: Case, moved_on: date, to_ward: Area | None = None, note: str = ""
) -> Case:
    """The sending ward records the move: the case is paid to the month of `moved_on` and
    ends; `to_ward` is the destination when known. Posting it again changes nothing."""
    _check_writable(user, case.ward_id)
    if to_ward is not None and to_ward.pk == case.ward_id:
        raise CaseError(_("Xã, phường chuyển đến phải khác xã, phường đang quản lý hồ sơ."))
    if moved_on > timezone.localdate():
        raise CaseError(_("Ngày chuyển đi không thể sau hôm nay."))
    _record_out(user, case, moved_on, to_ward, note)
    return case


def _record_out(user, case: Case, moved_on: date, to_ward: Area | None, note: str) -> None:
    """Write the move on the case once; a case already moved stays as it was."""
    stop = rules.stop_month(moved_on)
    if case.start_month and stop < case.start_month:
        raise CaseError(
            _(
                "Hồ sơ được hưởng từ tháng %(m)s: ngày chuyển đi không thể trước tháng liền "
                "trước tháng đó."
            )
            % {"m": f"{case.start_month:%m/%Y}"}
        )
    moved = _update(
        case,
        user,
        Q(status__in=PAYING),
        status=CaseStatus.TRANSFERRED_OUT,
        end_month=stop,
        moved_on=moved_on,
        moving_to=to_ward,
    )
    if moved:
        _event(case, user, EventKind.TRANSFERRED_OUT, moved_on, effective_month=stop, note=note)
        return
    case.refresh_from_db()
    if case.status != CaseStatus.TRANSFERRED_OUT:
        raise CaseError(
            _(
                "Hồ sơ đang ở trạng thái “%(status)s”: chỉ ghi chuyển đi cho hồ sơ đang hưởng "
                "hoặc tạm dừng."
            )
            % {"status": case.get_status_display()}
        )


@transaction.atomic
def case_transfer_in(
    *, user, case: Case, ward: Area, received_on: date | None = None, note: str = ""
) -> Case:
    """The ward where the person now lives receives the case another ward transferred out:
    a new case of this ward, active from the month after the move. A case whose ward never
    recorded the move is transferred out here first, on the day the person left it."""
    _check_writable(user, ward.pk)
    received_on = received_on or timezone.localdate()
    case = Case.objects.select_for_update().select_related("person", "ward").get(pk=case.pk)
    person = case.person
    _check_lives_in(case, ward)
    if Case.objects.filter(transferred_from=case).exists():
        raise CaseError(_("Hồ sơ này đã được tiếp nhận."))
    if case.status in PAYING:
        left = _left_on(case)
        note_out = _("Ghi khi %(ward)s tiếp nhận hồ sơ.") % {"ward": ward.name}
        _record_out(user, case, left, ward, note_out)
    elif case.status != CaseStatus.TRANSFERRED_OUT:
        raise CaseError(_("Hồ sơ này không chờ tiếp nhận."))
    if case.moving_to_id not in (None, ward.pk):
        raise CaseError(
            _("Hồ sơ được chuyển đến %(ward)s, không phải xã, phường này.")
            % {"ward": case.moving_to.name}
        )
    _check_one_case(person, case.benefit, exclude=case.pk)
    try:
        with transaction.atomic():
            new = Case.objects.create(**_carried(case), ward=ward, applied_on=received_on)
    except IntegrityError as e:  # received at the same moment by another officer
        raise CaseError(_("Hồ sơ này đã được tiếp nhận.")) from e
    codes = _paid_codes(new, new.start_month) if new.start_month else []
    note = note or _("Tiếp nhận từ hồ sơ số %(pk)s của %(ward)s, chuyển đi ngày %(day)s.") % {
        "pk": case.pk,
        "ward": case.ward.name,
        "day": f"{case.moved_on:%d/%m/%Y}",
    }
    _event(
        new,
        user,
        EventKind.TRANSFERRED_IN,
        received_on,
        effective_month=new.start_month,
        category=", ".join(codes),
        note=note,
    )
    return new


def _carried(case: Case) -> dict:
    """What the new case continues from the old: the person, the benefit and the facts it
    was paid on; paid from the month the old case stopped."""
    return {
        "person": case.person,
        "benefit": case.benefit,
        "group": case.group,
        "status": CaseStatus.ACTIVE,
        "flags": list(case.flags),
        "children_raised": case.children_raised,
        "pension_amount": case.pension_amount,
        "disability_certified_on": case.disability_certified_on,
        "documents": list(case.documents),
        "needs": case.needs,
        "start_month": case.end_month,
        "transferred_from": case,
    }


def _check_lives_in(case: Case, ward: Area) -> None:
    """The person must live in the receiving ward now (an open membership there)."""
    person = case.person
    if ward.pk == case.ward_id:
        raise CaseError(_("Hồ sơ đang thuộc xã, phường này: không cần tiếp nhận."))
    if person.deceased_on:
        raise CaseError(_("%(name)s đã mất: không tiếp nhận hồ sơ.") % {"name": person.full_name})
    lives_here = Membership.objects.open().filter(person=person, household__ward=ward).exists()
    if not lives_here:
        raise CaseError(
            _(
                "%(name)s chưa có tên trong hộ nào của %(ward)s: tiếp nhận hộ hoặc ghi người "
                "này vào hộ trước, rồi tiếp nhận hồ sơ."
            )
            % {"name": person.full_name, "ward": ward.name}
        )


def _left_on(case: Case) -> date:
    """The day the person stopped living in the case's ward: their latest membership
    there ended (by a move, a marriage, the whole household moving)."""
    left = (
        Membership.objects.filter(
            person_id=case.person_id, household__ward_id=case.ward_id, ended_on__isnull=False
        )
        .exclude(leave_reason=Left.DIED)
        .order_by("-ended_on", "-pk")
        .values_list("ended_on", flat=True)
        .first()
    )
    if left is None:
        raise CaseError(
            _("Chưa rõ ngày %(name)s rời %(ward)s: đề nghị xã, phường đó ghi chuyển đi trên hồ sơ.")
            % {"name": case.person.full_name, "ward": case.ward.name}
        )
    return left
