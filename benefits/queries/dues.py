"""What the cases of a ward are due, month by month and benefit by benefit: the reads the
payroll is settled from (rules.settle). The amounts are the case schedules' (the case page
shows the same), the pension split into its national part and the province's top-up, the
care allowances and the funeral support on a beneficiary's death."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from beneficiaries import rules as case_rules
from beneficiaries.models import Benefit, CaseStatus
from beneficiaries.queries import CasesInputs, RuleData, cases_schedules
from ui.kept import Kept
from vn.dates import month_end, month_start, next_month
from vn.money import vnd
from vn.numbers import coefficient_text

from .. import rules
from ..models import (
    BenefitType,
    CareAllowance,
    Kind,
    PaymentStatus,
    Payroll,
    PayrollLine,
    Support,
    SupportRate,
)
from .cases import PayrollCase, case_rows, payroll_cases

# BenefitType codes the payroll pays (rows of the data migration).
ALLOWANCE, PENSION, TOP_UP, CARE, FUNERAL = (
    "allowance",
    "social_pension",
    "pension_top_up",
    "care",
    "funeral",
)
ONE_OFF_CODES = frozenset({FUNERAL})  # paid once, not month by month


@dataclass(frozen=True)
class PaymentRows:
    """The payment tables' rows a payroll reads, the same for every ward."""

    funeral_rates: list[SupportRate]
    types: dict[str, int]  # BenefitType code → id


_KEPT = Kept(BenefitType, SupportRate)


def payment_rows() -> PaymentRows:
    return _KEPT.get(
        None,
        lambda: PaymentRows(_rates(FUNERAL), dict(BenefitType.objects.values_list("code", "pk"))),
    )


@dataclass
class WardDues:
    cases: dict[int, PayrollCase]
    dues: list[rules.Due]
    held: frozenset[int]  # suspended cases: no arrears until they resume
    digests: dict[int, str]  # what each case's amounts were computed from
    paid: dict[rules.Key, int]  # what approved payrolls paid (rules.settle's `paid`)
    types: dict[str, int]  # BenefitType code → id
    recomputed: int = 0  # cases whose earlier months were computed again


def ward_dues(
    ward_id: int,
    province_id: int,
    *,
    since: date,
    month: date,
    data: RuleData,
    before: Payroll | None = None,
) -> WardDues:
    """Every amount the ward's cases are due from `since` to `month` (both included).

    `before` is the ward's latest approved payroll: a case whose inputs (its facts, events,
    household classification, care allowances, the policy rows) are what they were when
    that payroll was made is due, for the months before, what the payrolls listed, and only
    the months after are computed; any other case is computed over the whole window. The
    result is the same as computing every case; the work grows with the changes."""
    query = payroll_cases(ward_id, since, month)
    cases = case_rows(query)
    inputs = CasesInputs.read(cases, ward_id=ward_id)
    payment = payment_rows()
    funeral_rates = payment.funeral_rates
    decided_funerals = set(
        Support.objects.filter(
            person_id__any={c.person_id for c in cases},
            benefit_type__code__startswith=FUNERAL,
            status__in=(Support.Status.DECIDED, Support.Status.PAID),
        ).values_list("person_id", flat=True)
    )
    cares = _care_rows({c.pk for c in cases}, since, month)
    policy = data.fingerprint + repr([(r.pk, r.multiple, r.valid_from) for r in funeral_rates])
    digests = {
        c.pk: _digest(
            inputs.digest(c), cares.get(c.pk, []), c.person_id in decided_funerals, policy
        )
        for c in cases
    }
    previous = before.case_digests if before else {}
    recent = max(next_month(before.month), since) if before else since
    same = {pk for pk, d in digests.items() if previous.get(str(pk)) == d}
    starts = {c.pk: recent if c.pk in same else since for c in cases}
    schedules = cases_schedules(cases, since=starts, until=month, data=data, inputs=inputs)
    explained: dict = {}
    dues: list[rules.Due] = []
    for case in cases:
        for item in schedules[case.pk]:
            if item.due:
                dues += _monthly(case, item.result, data, explained)
        if case.pk not in same and case.person_id not in decided_funerals:
            dues += _funeral(
                case, schedules[case.pk], funeral_rates, province_id, data, since, month
            )
        dues += _care(case, cares.get(case.pk, []), starts[case.pk], month, data)
    codes = {pk: code for code, pk in payment.types.items()}
    settled, paid = ward_ledger(ward_id, since, month, codes).unsettled(same, recent)
    dues += settled
    held = frozenset(c.pk for c in cases if c.status == CaseStatus.SUSPENDED)
    recomputed = len(cases) - len(same)
    return WardDues({c.pk: c for c in cases}, dues, held, digests, paid, payment.types, recomputed)


def _digest(case_digest: str, cares: list, funeral_decided: bool, policy: str) -> str:
    care = [(c.rate_id, c.rate.coefficient, c.start_month, c.end_month) for c in cares]
    facts = (case_digest, care, funeral_decided, policy)
    return hashlib.blake2b(repr(facts).encode(), digest_size=8).hexdigest()


def _monthly(
    case: PayrollCase, result: case_rules.Month, data: RuleData, explained: dict
) -> list[rules.Due]:
    month = result.month
    if case.benefit == Benefit.PENSION:
        references = "; ".join(data.references(result))
        national = sum(
            r.amount for r in data.pensions if not r.provincial and case_rules.covers(r, month)
        )
        national = min(national, result.amount)
        text = _("Trợ cấp hưu trí xã hội %(amount)s") % {"amount": vnd(national)}
        dues = [rules.Due(case.pk, PENSION, month, national, text, references)]
        if result.amount > national:
            top_up = result.amount - national
            text = _("Hỗ trợ thêm của tỉnh %(amount)s") % {"amount": vnd(top_up)}
            dues.append(rules.Due(case.pk, TOP_UP, month, top_up, text, references))
        return dues
    # A ward's cases share a few dozen texts: each is written once (the categories paid
    # are the rule data's own rows, so their ids name them).
    key = (tuple(map(id, result.paid)), result.coefficient, result.standard_level)
    found = explained.get(key)
    if found is None:
        text = _("%(codes)s: hệ số %(coefficient)s × mức chuẩn %(level)s") % {
            "codes": ", ".join(r.code for r in result.paid),
            "coefficient": coefficient_text(result.coefficient),
            "level": vnd(result.standard_level or 0),
        }
        found = explained[key] = (text, "; ".join(data.references(result)))
    text, references = found
    return [rules.Due(case.pk, ALLOWANCE, month, result.amount, text, references)]


def _rates(code: str) -> list[SupportRate]:
    return list(SupportRate.objects.filter(benefit_type__code=code).order_by("valid_from"))


def _rate_in_force(rates: list[SupportRate], province_id: int | None, month: date):
    """The province's own rate in force, else the national one."""
    current = [r for r in rates if r.in_force(month) and r.province_id in (None, province_id)]
    return max(current, key=lambda r: (r.province_id is not None, r.valid_from), default=None)


def _funeral(
    case, schedule, rates, province_id, data: RuleData, since: date, month: date
) -> list[rules.Due]:
    """On the death of a person paid that month: the funeral support, once (Điều 11)."""
    died = case.person.deceased_on
    if not died or not since <= month_start(died) <= month:
        return []
    paid_then = any(item.due and item.month == month_start(died) for item in schedule)
    rate = _rate_in_force(rates, province_id, month_start(died))
    level = case_rules.in_force(data.standard_levels, month_start(died))
    if not paid_then or rate is None or rate.multiple is None or level is None:
        return []
    amount = rules.times_standard(rate.multiple, level.amount)
    text = _("Hỗ trợ chi phí mai táng: %(n)s × mức chuẩn %(level)s (mất ngày %(day)s)") % {
        "n": coefficient_text(rate.multiple),
        "level": vnd(level.amount),
        "day": f"{died:%d/%m/%Y}",
    }
    return [
        rules.Due(
            case.pk, FUNERAL, month_start(died), amount, text, rate.legal_reference, one_off=True
        )
    ]


def _care_rows(case_ids: set[int], since: date, month: date) -> dict[int, list[CareAllowance]]:
    """The care allowances of the cases in force at some month of the window."""
    rows = CareAllowance.objects.filter(case_id__any=case_ids, start_month__lte=month)
    rows = rows.filter(Q(end_month__isnull=True) | Q(end_month__gt=since)).select_related("rate")
    found: dict[int, list] = {}
    for care in rows.order_by("pk"):
        found.setdefault(care.case_id, []).append(care)
    return found


def _care(case, cares, since: date, month: date, data: RuleData) -> list[rules.Due]:
    """The case's care allowances, month by month while in force (Điều 20)."""
    dues = []
    for care in cares:
        died = case.person.deceased_on
        stop = care.end_month
        if died:  # the cared-for person's death ends it from the month after
            stop = min(stop or next_month(month_start(died)), next_month(month_start(died)))
        current = max(care.start_month, since)
        while current <= month and (stop is None or current < stop):
            level = case_rules.in_force(data.standard_levels, current)
            if level:
                amount = rules.times_standard(care.rate.coefficient, level.amount)
                text = _("%(case)s: hệ số %(coefficient)s × mức chuẩn %(level)s, %(carer)s") % {
                    "case": care.rate.name,
                    "coefficient": coefficient_text(care.rate.coefficient),
                    "level": vnd(level.amount),
                    "carer": care.carer_name,
                }
                reference = care.rate.legal_reference
                dues.append(rules.Due(case.pk, CARE, current, amount, text, reference))
            current = next_month(current)
    return dues


RULE_KINDS = (Kind.REGULAR, Kind.ONE_OFF)  # lines in a rule's own words (not "Truy lĩnh …")


@dataclass
class Ledger:
    """What the ward's approved payrolls settled, per case, benefit and month."""

    # amount due as last settled, and the line whose words explain it (its id, and whether
    # they are the rule's own: an arrears line's are "Truy lĩnh tháng …: …")
    listed: dict[rules.Key, tuple[int, int, bool]]
    paid: dict[rules.Key, int]  # lines the provider returned unpaid left out: due again

    def unsettled(self, case_ids, before: date) -> tuple[list[rules.Due], dict[rules.Key, int]]:
        """(dues, paid) for rules.settle. The months before `before` of the cases in
        `case_ids` (unchanged since) are due what was settled, and only those still owed
        (a line returned unpaid) are passed on: the rest would settle to nothing, and a
        ward's months are thousands. Every other month keeps only what was paid."""
        owed, paid = [], {}
        for key, (amount, source, own) in self.listed.items():
            done = self.paid.get(key, 0)
            if key[2] < before and key[0] in case_ids:
                if amount == done:
                    continue
                if amount > 0:
                    owed.append((key, amount, source, own))
            if done:
                paid[key] = done
        words = _words([source for _key, _amount, source, _own in owed])
        dues = []
        for (case_id, benefit, month), amount, source, own in owed:
            why, reference = words.get(source, ("", ""))
            one_off = benefit in ONE_OFF_CODES
            dues.append(
                rules.Due(
                    case_id, benefit, month, amount, why if own else "", reference, one_off=one_off
                )
            )
        return dues, paid


def _words(line_ids: list[int]) -> dict[int, tuple[str, str]]:
    """The explanation and legal reference of these lines (a few: those carried over)."""
    if not line_ids:
        return {}
    rows = PayrollLine.objects.filter(pk__any=line_ids)
    return {
        pk: (why, ref) for pk, why, ref in rows.values_list("pk", "explanation", "legal_reference")
    }


def ward_ledger(ward_id: int, since: date, month: date, codes: dict[int, str]) -> Ledger:
    """The ward's approved payrolls' lines from `since` to before `month`, in one read.

    Each payroll listed, for a month, what was due then less what had been paid: so what
    the latest one settled as due is what was paid, plus its own line if that was returned
    unpaid (an unpaid line carried over and then paid counts once, not twice). `codes`:
    the benefit types' codes by id (payment_rows)."""
    rows = (
        PayrollLine.objects.filter(payroll__ward_id=ward_id, for_month__gte=since)
        .exclude(payroll__status=Payroll.Status.DRAFT)
        .exclude(payroll__month=month)
        .order_by("payroll__month", "pk")
        .values_list("pk", "case_id", "benefit_type_id", "for_month", "amount", "status", "kind")
    )
    paid: dict[rules.Key, int] = {}
    last: dict[rules.Key, tuple[int, str]] = {}
    source: dict[rules.Key, tuple[int, bool]] = {}
    for pk, case_id, type_id, for_month, amount, status, kind in rows:
        if case_id is None:  # a support's line (supports_to_pay): filtered here, not in SQL,
            continue  # where "support IS NULL" read the index of every line of the province
        key = (case_id, codes[type_id], for_month)
        if status != PaymentStatus.UNPAID:
            paid[key] = paid.get(key, 0) + amount
        last[key] = (amount, status)
        if kind in RULE_KINDS or key not in source:
            source[key] = (pk, kind in RULE_KINDS)
    listed = {
        key: (paid.get(key, 0) + (amount if status == PaymentStatus.UNPAID else 0), *source[key])
        for key, (amount, status) in last.items()
    }
    return Ledger(listed, {k: v for k, v in paid.items() if v})


def supports_to_pay(ward_id: int, month: date) -> list[Support]:
    """The ward's one-off supports decided to be paid through the payroll, up to the month,
    that no approved payroll has paid yet (a line returned unpaid is listed again)."""
    due = Support.objects.filter(
        ward_id=ward_id,
        status=Support.Status.DECIDED,
        payment=Support.Payment.PAYROLL,
        decided_on__lte=month_end(month),
        amount__gt=0,
    )
    ids = set(due.values_list("pk", flat=True))
    if not ids:  # most months
        return []
    paid = PayrollLine.objects.filter(support_id__any=ids).exclude(
        Q(payroll__status=Payroll.Status.DRAFT)
        | Q(payroll__month=month)
        | Q(status=PaymentStatus.UNPAID)
    )
    ids -= set(paid.values_list("support_id", flat=True))
    found = Support.objects.filter(pk__any=ids).select_related(
        "benefit_type", "person__household__residential_group", "household"
    )
    return list(found.order_by("pk"))
