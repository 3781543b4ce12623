"""Writes of the provider's results: who was paid and who was not, from the returned list
(benefits/reconciliation.py reads and matches it) or marked by hand for one person.

A line returned unpaid is due again (dues.ward_ledger leaves it out of what was paid, so
the next payroll lists it as arrears). Three unpaid months in a row put the case on the worklist of
suspension candidates (TT 02/2021 Điều 2 khoản 3): the case's unpaid_since is written here
from the run of unpaid payrolls, and cleared when the person collects again.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Case
from beneficiaries.services import CaseError, case_collected_record, case_unpaid_record

from .. import rules
from ..exports import payroll_people
from ..models import Kind, PaymentStatus, Payroll, PayrollLine, RecoveryPolicy, Support
from ..reconciliation import Match
from .payrolls import PayrollError, _check_writable

# A result comes back for a list the provider was sent; a reconciled one may be corrected.
OPEN_TO_RESULTS = (Payroll.Status.SENT, Payroll.Status.RECONCILED)


@dataclass
class Applied:
    """What a reconciliation wrote, for the page to say."""

    paid: int = 0  # persons
    unpaid: int = 0
    reconciled: bool = False
    unpaid_cases: list[int] = field(default_factory=list)  # unpaid_since written
    collected_cases: list[int] = field(default_factory=list)  # unpaid_since cleared
    skipped: list[str] = field(default_factory=list)  # cases the case service refused


def _check_open(user, payroll: Payroll) -> None:
    _check_writable(user, payroll.ward_id)
    if user is None:
        raise PayrollError(_("Bạn không có quyền lập, duyệt bảng chi trả của xã, phường này."))
    if payroll.status not in OPEN_TO_RESULTS:
        raise PayrollError(
            _("Chỉ ghi kết quả chi trả cho bảng đã gửi tổ chức chi trả (đang: %(s)s).")
            % {"s": payroll.get_status_display()}
        )


def reconciliation_apply(*, user, payroll: Payroll, matches: Iterable[Match], today: date):
    """Record the provider's results; refused unless every match is still a person of the
    payroll's list with the ID and amount listed (nothing written then)."""
    _check_open(user, payroll)
    matches = list(matches)
    listed = {p.number: p for p in payroll_people(payroll) if p.amount > 0}
    wrong = [
        m.row
        for m in matches
        if m.number not in listed
        or (listed[m.number].national_id, listed[m.number].amount) != (m.national_id, m.amount)
        or (m.paid_on and m.paid_on > today)
    ]
    if wrong:
        raise PayrollError(
            _("Các dòng %(rows)s không khớp bảng chi trả: hãy đọc lại tệp trả về.")
            % {"rows": ", ".join(str(r) for r in wrong)}
        )
    marks = {m.number: (m.paid, m.paid_on) for m in matches if m.paid is not None}
    with transaction.atomic():
        applied = _apply(user, payroll, marks, today)
        # Nothing to pay after netting: the lines were settled by the recovery, not paid out.
        settled = [p.number for p in payroll_people(payroll) if p.amount == 0]
        if payroll.recoveries == RecoveryPolicy.NETTED and settled:
            _lines(payroll, settled).filter(status=PaymentStatus.PENDING).update(
                status=PaymentStatus.PAID
            )
        applied.reconciled = _close(payroll)
    return applied


def line_mark(*, user, line: PayrollLine, paid: bool, paid_on: date | None, today=None):
    """Mark one person's lines of a payroll (all with the line's STT) paid or unpaid by hand."""
    today = today or timezone.localdate()
    payroll = line.payroll
    _check_open(user, payroll)
    if paid_on and paid_on > today:
        raise PayrollError(_("Ngày nhận ở tương lai."))
    with transaction.atomic():
        applied = _apply(user, payroll, {line.number: (paid, paid_on if paid else None)}, today)
        applied.reconciled = _close(payroll)
    return applied


def _lines(payroll: Payroll, numbers):
    """The lines the provider's result covers: a listed recovery is collected apart."""
    lines = payroll.lines.filter(number__in=numbers)
    if payroll.recoveries == RecoveryPolicy.LISTED:
        lines = lines.filter(amount__gt=0)
    return lines


def _apply(user, payroll: Payroll, marks: dict, today: date) -> Applied:
    applied = Applied()
    Payroll.objects.select_for_update().filter(pk=payroll.pk).first()  # one writer at a time
    for number, (paid, paid_on) in marks.items():
        status = PaymentStatus.PAID if paid else PaymentStatus.UNPAID
        _lines(payroll, [number]).update(status=status, paid_on=paid_on if paid else None)
        applied.paid, applied.unpaid = applied.paid + bool(paid), applied.unpaid + (not paid)
    cases = (
        payroll.lines.filter(number__in=list(marks), kind=Kind.REGULAR)
        .values_list("case_id", "paid_on")
        .distinct()
    )
    paid_on = dict(cases)
    _follow_cases(user, payroll, paid_on, today, applied)
    _supports_paid(payroll)
    return applied


def _supports_paid(payroll: Payroll) -> None:
    """A one-off support paid through the payroll is paid once its line is."""
    for support_id, day in payroll.lines.filter(
        support__isnull=False, status=PaymentStatus.PAID
    ).values_list("support_id", "paid_on"):
        Support.objects.filter(pk=support_id, status=Support.Status.DECIDED).update(
            status=Support.Status.PAID, paid_on=day or payroll.month
        )


def _close(payroll: Payroll) -> bool:
    """Reconciled once no amount the provider pays is left without a result."""
    pending = payroll.lines.filter(status=PaymentStatus.PENDING, amount__gt=0).exists()
    if not pending and payroll.status == Payroll.Status.SENT:
        Payroll.objects.filter(pk=payroll.pk, status=Payroll.Status.SENT).update(
            status=Payroll.Status.RECONCILED, reconciled_at=timezone.now()
        )
        payroll.refresh_from_db()
    return payroll.status == Payroll.Status.RECONCILED


def case_statuses(payroll: Payroll, case_ids) -> dict[int, dict[date, str]]:
    """Per case, month → the result of its regular lines over the ward's decided payrolls
    up to this one: unpaid if any was returned unpaid, paid if all were paid, else pending."""
    rows = (
        PayrollLine.objects.filter(
            case_id__in=list(case_ids),
            kind=Kind.REGULAR,
            payroll__ward_id=payroll.ward_id,
            payroll__month__lte=payroll.month,
        )
        .exclude(payroll__status=Payroll.Status.DRAFT)
        .values_list("case_id", "payroll__month", "status")
    )
    found: dict[int, dict[date, set]] = defaultdict(lambda: defaultdict(set))
    for case_id, month, status in rows:
        found[case_id][month].add(status)
    return {
        case_id: {
            month: PaymentStatus.UNPAID
            if PaymentStatus.UNPAID in statuses
            else (PaymentStatus.PAID if statuses == {PaymentStatus.PAID} else PaymentStatus.PENDING)
            for month, statuses in months.items()
        }
        for case_id, months in found.items()
    }


def _follow_cases(user, payroll: Payroll, paid_on: dict, today: date, applied: Applied) -> None:
    """Write each case's unpaid run (or its end) through the beneficiaries' services."""
    statuses = case_statuses(payroll, paid_on)
    for case in Case.objects.filter(pk__in=list(paid_on)).select_related("person"):
        months = statuses.get(case.pk, {})
        run = rules.unpaid_run(months)
        try:
            if run is None:
                latest = months[max(months)] if months else None
                if case.unpaid_since and latest == PaymentStatus.PAID:
                    on = paid_on.get(case.pk) or today
                    case_collected_record(user=user, case=case, on=on)
                    applied.collected_cases.append(case.pk)
            elif run > today:  # a list returned ahead of its month: counted once it starts
                applied.skipped.append(
                    _("%(name)s: tháng %(m)s chưa bắt đầu, chưa tính vào số tháng chưa nhận tiền.")
                    % {"name": case.person.full_name, "m": f"{run:%m/%Y}"}
                )
            elif _moves(case.unpaid_since, run, months):
                case_unpaid_record(user=user, case=case, since=run, recorded_on=today)
                applied.unpaid_cases.append(case.pk)
        except CaseError as error:
            applied.skipped.append(f"{case.person.full_name}: {error}")


def _moves(since: date | None, run: date, months: dict[date, str]) -> bool:
    """Whether the run changes the case's unpaid month: an earlier month recorded by hand
    (months unpaid before ansinh paid) stands unless a payroll since then was paid."""
    if since is None or since > run:
        return True
    if since == run:
        return False
    return any(since <= m < run and s == PaymentStatus.PAID for m, s in months.items())
