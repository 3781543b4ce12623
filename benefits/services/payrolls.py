"""Writes of the monthly payroll: generate (or regenerate) the draft, approve it (frozen
from then on), send it to the provider, record what the provider paid.

Generating is safe to repeat and to run from several workers: the ward's payroll row is
locked while its draft is rewritten, a worker finding it locked leaves it to the one
holding it, and an approved payroll is never rewritten."""

from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area
from areas.scope import can_write_ward
from beneficiaries.queries import rule_data
from ui.bulk import insert_rows, without_gc
from vn.dates import month_start, months_before

from .. import rules
from ..models import (
    PaymentArrangement,
    PaymentStatus,
    Payroll,
    PayrollLine,
    PayrollPolicy,
    RecoveryPolicy,
)
from ..queries import dues
from ..queries.cases import Recipient


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


def _unhurried_commit() -> None:
    """A draft's commit need not wait for the disk (PostgreSQL's synchronous_commit off,
    for this transaction only): a crash can lose the last drafts written, never half of
    one, and a lost draft is generated again. A province's generation commits 168 times."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _claim(ward: Area, month: date, policy: PayrollPolicy) -> Payroll | None:
    """The ward's payroll of the month, locked, created as a draft when missing; None when
    another worker holds it. (A conflict means another worker created it meanwhile.)"""
    draft = Payroll(ward=ward, month=month, recoveries=policy.recoveries)
    Payroll.objects.bulk_create([draft], ignore_conflicts=True)
    return (
        Payroll.objects.select_for_update(skip_locked=True).filter(ward=ward, month=month).first()
    )


@dataclass(frozen=True)
class Generated:
    payroll: Payroll | None
    skipped: bool = False  # another worker was generating it


@without_gc  # a ward's cases, dues and lines: thousands of objects, no cycles to collect
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
        _unhurried_commit()
        if payroll.generated_at:  # a draft made before: replaced
            payroll.lines.all().delete()
        rows = _rows(payroll, lines, found, supports)
        insert_rows(PayrollLine, LINE_COLUMNS, rows)
        payroll.recoveries = policy.recoveries
        payroll.case_digests = {str(pk): d for pk, d in found.digests.items()}
        payroll.generated_at, payroll.generated_by = timezone.now(), user
        _total(payroll, rows)
    return Generated(payroll)


# The snapshot's columns, and the places _rows reads in it.
SNAPSHOT = (
    "person_id",
    "full_name",
    "national_id",
    "birth_year",
    "group_name",
    "address",
    "method",
    "account_number",
    "receiver",
)
PERSON, NAME, GROUP, RECEIVER = (
    SNAPSHOT.index(c) for c in ("person_id", "full_name", "group_name", "receiver")
)


# The columns of a line as generation writes them (ui.bulk: COPY, no model instances).
LINE_COLUMNS = (
    "payroll_id",
    "case_id",
    "support_id",
    "benefit_type_id",
    "kind",
    "for_month",
    "amount",
    "explanation",
    "legal_reference",
    "number",
    *SNAPSHOT,
    "status",
    "paid_on",
)


def _rows(payroll: Payroll, lines: list[rules.Line], ward: dues.WardDues, supports) -> list[tuple]:
    """The lines (LINE_COLUMNS) with the snapshot of who receives them, numbered per
    person in the provider's order: residential group, then name."""
    cases, types = ward.cases, ward.types
    recipients = {s.pk: Recipient.of(_recipient(s)) for s in supports}
    persons = {c.person_id for c in cases.values()} | {p.pk for p in recipients.values()}
    arrangements = _arrangements(persons)
    snapshots: dict[int, tuple] = {}

    def snapshot(person) -> tuple:
        found = snapshots.get(person.pk)
        if found is None:
            found = snapshots[person.pk] = _snapshot(person, arrangements.get(person.pk))
        return found

    found = []  # (snapshot, case, support, type, kind, month, amount, explanation, reference)
    for line in lines:
        case = cases[line.case_id]
        found.append(
            (
                snapshot(case.person),
                case.pk,
                None,
                types[line.benefit],
                line.kind,
                line.month,
                line.amount,
                _explained(line)[:500],
                line.reference[:500],
            )
        )
    for support in supports:
        person = snapshot(recipients[support.pk])
        if support.receiver_name:
            receiver = _receiver(support.receiver_name, support.receiver_relation)
            person = (*person[:RECEIVER], receiver, *person[RECEIVER + 1 :])
        explanation = _("Quyết định số %(n)s ngày %(d)s: %(why)s") % {
            "n": support.decision_number or "…",
            "d": f"{support.decided_on:%d/%m/%Y}" if support.decided_on else "…",
            "why": support.reason or support.benefit_type.name,
        }
        found.append(
            (
                person,
                None,
                support.pk,
                support.benefit_type_id,
                rules.ONE_OFF,
                month_start(support.event_on),
                support.amount,
                explanation[:500],
                support.benefit_type.legal_reference[:500],
            )
        )
    found.sort(key=lambda r: (r[0][GROUP], r[0][NAME], r[0][PERSON], r[5], r[4]))
    rows, number, last = [], 0, None
    for person, *line in found:
        if person[PERSON] != last:
            number, last = number + 1, person[PERSON]
        rows.append((payroll.pk, *line, number, *person, PaymentStatus.PENDING, None))
    return rows


def _arrangements(persons: set[int]) -> dict[int, tuple]:
    """How these persons are paid: (method, account number, receiver name, relation). By
    their ids: through the ward's cases, PostgreSQL read every arrangement of the province."""
    found = PaymentArrangement.objects.filter(person_id__any=persons)
    fields = ("person_id", "method", "account_number", "receiver_name", "receiver_relation")
    return {row[0]: row[1:] for row in found.values_list(*fields)}


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


def _snapshot(person: Recipient, arrangement: tuple | None) -> tuple:
    """The person and how they are paid (SNAPSHOT), as the payroll keeps them once
    approved."""
    method, account, receiver_name, relation = arrangement or ("cash_ward", "", "", "")
    return (
        person.pk,
        person.full_name,
        person.national_id,
        person.birth_date.year if person.birth_date else None,
        person.group_name,
        person.address,
        method,
        account,
        _receiver(receiver_name, relation) if receiver_name else "",
    )


def _total(payroll: Payroll, rows: list[tuple]) -> None:
    """The payroll's counts and totals from its lines: what the provider pays (netted or
    not, as the ward's policy says) and what is left to recover."""
    netted = payroll.recoveries == RecoveryPolicy.NETTED
    person, amount = LINE_COLUMNS.index("person_id"), LINE_COLUMNS.index("amount")
    per_person: dict[int, list[int]] = {}
    for row in rows:
        per_person.setdefault(row[person], []).append(row[amount])
    pay = recover = 0
    for amounts in per_person.values():
        p, r = rules.payable(amounts, netted=netted)
        pay, recover = pay + p, recover + r
    payroll.line_count = len(rows)
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
