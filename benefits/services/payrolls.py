"""Writes of the monthly payroll: generate (or regenerate) the draft, approve it (frozen
from then on), send it to the provider, record what the provider paid.

Generating is safe to repeat and to run from several workers: the ward's payroll row is
locked while its draft is rewritten, a worker finding it locked leaves it to the one
holding it, and an approved payroll is never rewritten."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area
from areas.scope import can_write_ward
from beneficiaries.queries import rule_data
from vn.dates import month_start, months_before

from .. import rules
from ..models import (
    BenefitType,
    PaymentArrangement,
    PaymentStatus,
    Payroll,
    PayrollLine,
    PayrollPolicy,
    RecoveryPolicy,
)
from ..queries import dues


class PayrollError(Exception):
    """A payroll step refused for a reason the user can act on; the message is Vietnamese."""


def _check_writable(user, ward_id: int) -> None:
    if user is not None and not can_write_ward(user, ward_id):
        raise PayrollError(_("Bạn không có quyền lập, duyệt bảng chi trả của xã, phường này."))


def payroll_policy(ward: Area, month: date) -> PayrollPolicy:
    """The ward's settings; the first payroll made in ansinh sets its first month."""
    policy, _created = PayrollPolicy.objects.get_or_create(
        ward=ward, defaults={"first_month": month_start(month)}
    )
    return policy


def _window_start(policy: PayrollPolicy, month: date) -> date:
    return max(policy.first_month, months_before(month, policy.lookback_months))


def _claim(ward: Area, month: date, policy: PayrollPolicy) -> Payroll | None:
    """The ward's payroll of the month, locked, created as a draft when missing; None when
    another worker holds it."""
    try:
        with transaction.atomic():
            Payroll.objects.get_or_create(
                ward=ward, month=month, defaults={"recoveries": policy.recoveries}
            )
    except IntegrityError:  # created by another worker meanwhile
        pass
    return (
        Payroll.objects.select_for_update(skip_locked=True).filter(ward=ward, month=month).first()
    )


@dataclass(frozen=True)
class Generated:
    payroll: Payroll | None
    skipped: bool = False  # another worker was generating it


def payroll_generate(*, user, ward: Area, month: date) -> Generated:
    """Make the ward's payroll of the month as a draft, replacing the draft made before.

    Refused once approved: what was decided stays; a change shows up next month."""
    _check_writable(user, ward.pk)
    month = month_start(month)
    policy = payroll_policy(ward, month)
    if month < policy.first_month:
        raise PayrollError(
            _("Xã, phường chi trả qua ansinh từ tháng %(m)s: không lập bảng của tháng trước đó.")
            % {"m": f"{policy.first_month:%m/%Y}"}
        )
    with transaction.atomic():
        payroll = _claim(ward, month, policy)
        if payroll is None:
            return Generated(None, skipped=True)
        if payroll.frozen:
            raise PayrollError(
                _("Bảng chi trả tháng %(m)s đã duyệt: không lập lại được.")
                % {"m": f"{month:%m/%Y}"}
            )
        since = _window_start(policy, month)
        before = (
            Payroll.objects.decided()
            .filter(ward=ward, month__lt=month)
            .only("month", "case_digests")
            .order_by("-month")
            .first()
        )
        found = dues.ward_dues(
            ward.pk,
            ward.parent_id,
            since=since,
            month=month,
            data=rule_data(ward.parent_id),
            before=before,
        )
        lines = rules.settle(found.dues, found.paid, month, held=found.held)
        supports = dues.supports_to_pay(ward.pk, month)
        payroll.lines.all().delete()
        rows = _rows(payroll, lines, found.cases, supports)
        PayrollLine.objects.bulk_create(rows, batch_size=2000)
        payroll.recoveries = policy.recoveries
        payroll.case_digests = {str(pk): d for pk, d in found.digests.items()}
        payroll.generated_at, payroll.generated_by = timezone.now(), user
        _total(payroll, rows)
    return Generated(payroll)


def _rows(payroll: Payroll, lines: list[rules.Line], cases, supports) -> list[PayrollLine]:
    """The lines with the snapshot of who receives them, numbered per person in the
    provider's order: residential group, then name."""
    types = dict(BenefitType.objects.values_list("code", "pk"))
    recipients = {s.pk: _recipient(s) for s in supports}
    # The ward's beneficiaries by a join, not a list of hundreds of ids.
    found = PaymentArrangement.objects.filter(
        Q(person__cases__ward_id=payroll.ward_id)
        | Q(person_id__in=[p.pk for p in recipients.values()])
    )
    arrangements = {a.person_id: a for a in found.distinct()}
    rows = []
    for line in lines:
        case = cases[line.case_id]
        rows.append(
            PayrollLine(
                payroll=payroll,
                case_id=case.pk,
                benefit_type_id=types[line.benefit],
                kind=line.kind,
                for_month=line.month,
                amount=line.amount,
                explanation=_explained(line)[:500],
                legal_reference=line.reference[:500],
                **_snapshot(case.person, arrangements.get(case.person_id)),
            )
        )
    for support in supports:
        person = recipients[support.pk]
        snapshot = _snapshot(person, arrangements.get(person.pk))
        if support.receiver_name:
            snapshot["receiver"] = _receiver(support.receiver_name, support.receiver_relation)
        rows.append(
            PayrollLine(
                payroll=payroll,
                support=support,
                benefit_type_id=support.benefit_type_id,
                kind=rules.ONE_OFF,
                for_month=month_start(support.event_on),
                amount=support.amount,
                explanation=_("Quyết định số %(n)s ngày %(d)s: %(why)s")
                % {
                    "n": support.decision_number or "…",
                    "d": f"{support.decided_on:%d/%m/%Y}" if support.decided_on else "…",
                    "why": support.reason or support.benefit_type.name,
                },
                legal_reference=support.benefit_type.legal_reference,
                **snapshot,
            )
        )
    rows.sort(key=lambda r: (r.group_name, r.full_name, r.person_id, r.for_month, r.kind))
    number, last = 0, None
    for row in rows:
        if row.person_id != last:
            number, last = number + 1, row.person_id
        row.number = number
    return rows


def _recipient(support):
    """Who a support is paid to: its person, else the household's head."""
    if support.person_id:
        return support.person
    household = support.household
    return household.members.filter(relation_to_head="head").first() or household.members.first()


def _explained(line: rules.Line) -> str:
    if line.kind == rules.ARREARS:
        return _("Truy lĩnh tháng %(m)s: %(why)s") % {
            "m": f"{line.month:%m/%Y}",
            "why": line.explanation,
        }
    if line.kind == rules.RECOVERY:
        return _("Truy thu tháng %(m)s: đã chi nhưng nay không được hưởng") % {
            "m": f"{line.month:%m/%Y}"
        }
    return line.explanation


def _receiver(name: str, relation: str) -> str:
    return (f"{name} ({relation})" if relation else name)[:200]


def _snapshot(person, arrangement) -> dict:
    """The person and how they are paid, as the payroll keeps them once approved."""
    household = person.household
    receiver = ""
    if arrangement and arrangement.receiver_name:
        receiver = _receiver(arrangement.receiver_name, arrangement.receiver_relation)
    return {
        "person_id": person.pk,
        "full_name": person.full_name,
        "national_id": person.national_id,
        "birth_year": person.birth_date.year if person.birth_date else None,
        "group_name": household.residential_group.name if household.residential_group else "",
        "address": household.address,
        "method": arrangement.method if arrangement else "cash_ward",
        "account_number": arrangement.account_number if arrangement else "",
        "receiver": receiver,
    }


def _total(payroll: Payroll, rows: list[PayrollLine]) -> None:
    """The payroll's counts and totals from its lines: what the provider pays (netted or
    not, as the ward's policy says) and what is left to recover."""
    netted = payroll.recoveries == RecoveryPolicy.NETTED
    per_person: dict[int, list[int]] = {}
    for row in rows:
        per_person.setdefault(row.person_id, []).append(row.amount)
    pay = recover = 0
    for amounts in per_person.values():
        p, r = rules.payable(amounts, netted=netted)
        pay, recover = pay + p, recover + r
    payroll.line_count = sum(len(a) for a in per_person.values())
    payroll.people = len(per_person)
    payroll.total, payroll.recovered = pay, recover
    payroll.save()


def payroll_approve(*, user, payroll: Payroll) -> bool:
    """Approve the draft: from now on it is frozen. Approving twice does nothing (False)."""
    _check_writable(user, payroll.ward_id)
    done = Payroll.objects.filter(pk=payroll.pk, status=Payroll.Status.DRAFT).update(
        status=Payroll.Status.APPROVED, approved_at=timezone.now(), approved_by=user
    )
    payroll.refresh_from_db()
    return bool(done)


def payroll_send(*, user, payroll: Payroll) -> bool:
    """Record that the list went to the provider; only an approved payroll can be sent."""
    _check_writable(user, payroll.ward_id)
    if payroll.status == Payroll.Status.DRAFT:
        raise PayrollError(_("Hãy duyệt bảng chi trả trước khi gửi tổ chức chi trả."))
    done = Payroll.objects.filter(pk=payroll.pk, status=Payroll.Status.APPROVED).update(
        status=Payroll.Status.SENT, sent_at=timezone.now()
    )
    payroll.refresh_from_db()
    return bool(done)


def payroll_totals(payroll: Payroll) -> list[dict]:
    """The payroll's amounts per benefit type and funding source, for its page and export."""
    return list(
        payroll.lines.values("benefit_type__name", "benefit_type__funding", "kind")
        .annotate(n=Count("person", distinct=True), total=Sum("amount"))
        .order_by("benefit_type__order", "kind")
    )


def pending_lines(payroll: Payroll) -> int:
    return payroll.lines.filter(Q(status=PaymentStatus.PENDING), amount__gt=0).count()
