"""Payment facts of an active case: suspended and resumed, money not collected and
collected again.
"""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .. import rules
from ..models import Case, CaseStatus, EventKind
from .base import CaseError, _check_writable, _event, _move


@transaction.atomic
def case_suspend(*, user, case: Case, on: date, note: str) -> Case:
    """Suspend payment (3 months unpaid, refused re-assessment, detention) from the month."""
    _check_writable(user, case.ward_id)
    _move(case, [CaseStatus.ACTIVE], CaseStatus.SUSPENDED)
    _event(case, user, EventKind.SUSPENDED, on, effective_month=rules.month_start(on), note=note)
    return case


@transaction.atomic
def case_resume(*, user, case: Case, on: date, note: str = "") -> Case:
    _check_writable(user, case.ward_id)
    _move(case, [CaseStatus.SUSPENDED], CaseStatus.ACTIVE, unpaid_since=None)
    _event(case, user, EventKind.RESUMED, on, effective_month=rules.month_start(on), note=note)
    return case


@transaction.atomic
def case_unpaid_record(*, user, case: Case, since: date, recorded_on: date, note: str = "") -> Case:
    """The person has not collected the allowance since a month (the payer's list says so).

    Recording it again moves the month; a suspension is proposed after three months
    (TT 02/2021 Điều 2 khoản 3) from the worklist, not here.
    """
    _check_writable(user, case.ward_id)
    month = rules.month_start(since)
    if month > rules.month_start(recorded_on):
        raise CaseError(_("Tháng chưa nhận tiền chưa đến."))
    if case.start_month and month < case.start_month:
        raise CaseError(
            _("Hồ sơ được hưởng từ tháng %(m)s: tháng chưa nhận tiền không thể trước tháng đó.")
            % {"m": f"{case.start_month:%m/%Y}"}
        )
    # Conditional, like every step: the same month submitted twice writes one event.
    moved = (
        Case.objects.filter(pk=case.pk, status=CaseStatus.ACTIVE)
        .exclude(unpaid_since=month)
        .update(unpaid_since=month, version=F("version") + 1)
    )
    case.refresh_from_db()
    if moved:
        _event(case, user, EventKind.UNPAID, recorded_on, effective_month=month, note=note)
    elif case.status != CaseStatus.ACTIVE:
        raise CaseError(_("Chỉ ghi chưa nhận tiền cho hồ sơ đang hưởng."))
    return case


@transaction.atomic
def case_collected_record(*, user, case: Case, on: date, note: str = "") -> Case:
    """The person collected the money again: off the unpaid list."""
    _check_writable(user, case.ward_id)
    since = Case.objects.filter(pk=case.pk).values_list("unpaid_since", flat=True).first()
    if since and on < since:
        raise CaseError(
            _("Ngày nhận tiền trước tháng %(m)s, tháng bắt đầu chưa nhận tiền đang ghi.")
            % {"m": f"{since:%m/%Y}"}
        )
    moved = Case.objects.filter(
        pk=case.pk, status=CaseStatus.ACTIVE, unpaid_since__isnull=False
    ).update(unpaid_since=None, version=F("version") + 1)
    if not moved:
        raise CaseError(_("Hồ sơ không có tháng chưa nhận tiền nào đang ghi."))
    case.refresh_from_db()
    _event(case, user, EventKind.COLLECTED, on, note=note)
    return case
