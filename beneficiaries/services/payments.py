"""Payment facts of an active case: suspended and resumed, money not collected and
collected again.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from vn.dates import month_start

from ..models import Case, CaseStatus, EventKind
from .base import CaseError, _check_writable, _event, _move, _update


@transaction.atomic
def case_suspend(*, user, case: Case, on: date, note: str) -> Case:
    """Suspend payment (3 months unpaid, refused re-assessment, detention) from the month."""
    _check_writable(user, case.ward_id)
    _move(case, user, [CaseStatus.ACTIVE], CaseStatus.SUSPENDED)
    _event(case, user, EventKind.SUSPENDED, on, effective_month=month_start(on), note=note)
    return case


@transaction.atomic
def case_resume(*, user, case: Case, on: date, note: str = "") -> Case:
    _check_writable(user, case.ward_id)
    _move(case, user, [CaseStatus.SUSPENDED], CaseStatus.ACTIVE, unpaid_since=None)
    _event(case, user, EventKind.RESUMED, on, effective_month=month_start(on), note=note)
    return case


@transaction.atomic
def case_unpaid_record(*, user, case: Case, since: date, recorded_on: date, note: str = "") -> Case:
    """The person has not collected the allowance since a month (the payer's list says so).

    Recording it again moves the month; a suspension is proposed after three months
    (TT 02/2021 Điều 2 khoản 3) from the worklist, not here.
    """
    _check_writable(user, case.ward_id)
    month = month_start(since)
    if month > month_start(recorded_on):
        raise CaseError(_("Tháng chưa nhận tiền chưa đến."))
    if case.start_month and month < case.start_month:
        raise CaseError(
            _("Hồ sơ được hưởng từ tháng %(m)s: tháng chưa nhận tiền không thể trước tháng đó.")
            % {"m": f"{case.start_month:%m/%Y}"}
        )
    # Conditional, like every step: the same month submitted twice writes one event.
    still_active = Q(status=CaseStatus.ACTIVE) & ~Q(unpaid_since=month)
    if _update(case, user, still_active, unpaid_since=month):
        _event(case, user, EventKind.UNPAID, recorded_on, effective_month=month, note=note)
        return case
    case.refresh_from_db()
    if case.status != CaseStatus.ACTIVE:
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
    unpaid = Q(status=CaseStatus.ACTIVE, unpaid_since__isnull=False)
    if not _update(case, user, unpaid, unpaid_since=None):
        raise CaseError(_("Hồ sơ không có tháng chưa nhận tiền nào đang ghi."))
    _event(case, user, EventKind.COLLECTED, on, note=note)
    return case
