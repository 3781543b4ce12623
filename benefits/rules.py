"""Pure rules of paying: what a month's payroll lists given what each case is due and what
earlier approved payrolls already paid, one-off amounts, and the unpaid run of a case.

Values in, values out; the amounts due per case and month come from beneficiaries/rules.py
(allowances, pensions) and from the dated rows passed in (care, funeral)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

REGULAR, ARREARS, RECOVERY, ONE_OFF = "regular", "arrears", "recovery", "one_off"

Key = tuple[int, str, date]  # (case id, benefit type code, month the amount is for)


@dataclass(frozen=True)
class Due:
    """What a case is due for a month under one benefit type, and why."""

    case_id: int
    benefit: str  # a BenefitType code
    month: date
    amount: int
    explanation: str
    reference: str = ""
    one_off: bool = False  # paid once (funeral): listed whenever still unpaid, not as arrears

    @property
    def key(self) -> Key:
        return (self.case_id, self.benefit, self.month)


@dataclass(frozen=True)
class Line:
    """A line the payroll lists: an amount for a case, a benefit and a month."""

    case_id: int
    benefit: str
    month: date
    kind: str
    amount: int  # negative for a recovery
    explanation: str
    reference: str = ""


def settle(
    dues: Iterable[Due],
    paid: dict[Key, int],
    month: date,
    *,
    held: frozenset[int] = frozenset(),
) -> list[Line]:
    """The lines of the payroll of `month`.

    `paid` holds, per case, benefit and month, what approved payrolls paid (lines the
    provider returned unpaid excluded: they are due again). The month's own amounts are
    listed as they are; an earlier month due more than was paid gives arrears (truy lĩnh),
    one paid more than is due (a death reported late, eligibility lost) a recovery (truy
    thu); a one-off amount is listed until paid. Cases in `held` (suspended) get no
    arrears until they resume; their recoveries are still listed.
    """
    lines: list[Line] = []
    due_by_key = {}
    for due in dues:
        due_by_key[due.key] = due
    for key in sorted(set(due_by_key) | set(paid), key=lambda k: (k[0], k[2], k[1])):
        case_id, benefit, for_month = key
        due = due_by_key.get(key)
        owed = (due.amount if due else 0) - paid.get(key, 0)
        if owed == 0 or for_month > month:
            continue
        if owed > 0 and due is not None:
            if due.one_off:
                kind = ONE_OFF
            elif for_month == month:
                kind = REGULAR
            elif case_id in held:
                continue
            else:
                kind = ARREARS
            lines.append(
                Line(case_id, benefit, for_month, kind, owed, due.explanation, due.reference)
            )
        elif owed < 0:
            lines.append(Line(case_id, benefit, for_month, RECOVERY, owed, "", ""))
    return lines


def payable(amounts: Iterable[int], *, netted: bool) -> tuple[int, int]:
    """(what the provider pays the person, what is left to recover) from the person's lines.

    Netted: recoveries come off the payment, never below zero, the rest stays to recover.
    Listed: the payment is the positive lines; every recovery is collected apart."""
    amounts = list(amounts)
    positive = sum(a for a in amounts if a > 0)
    negative = -sum(a for a in amounts if a < 0)
    if not netted:
        return positive, negative
    net = positive - negative
    return max(net, 0), max(-net, 0)


def times_standard(multiple: Decimal, standard_level: int) -> int:
    """A one-off or care amount set as a multiple of the standard level (20 × for a funeral)."""
    return int(multiple * standard_level)


def unpaid_run(statuses: dict[date, str]) -> date | None:
    """The first month of the unbroken run of unpaid months that ends with the latest
    month known, or None when the latest was paid. `statuses`: month → "paid"/"unpaid"."""
    first = None
    for month in sorted(statuses, reverse=True):
        if statuses[month] != "unpaid":
            break
        first = month
    return first


_ACCOUNT = re.compile(r"[0-9]{6,20}")


def account_warnings(method: str, account: str) -> list[str]:
    """Codes of what looks wrong in an account or e-wallet number (soft: the officer may
    keep it). "missing": a bank or e-wallet payment without a number; "digits": not 6 to
    20 digits; "phone": an e-wallet that is not a 10-digit phone number."""
    number = re.sub(r"[\s.\-]", "", account or "")
    if method not in ("bank", "ewallet"):
        return []
    if not number:
        return ["missing"]
    warnings = []
    if not _ACCOUNT.fullmatch(number):
        warnings.append("digits")
    if method == "ewallet" and not re.fullmatch(r"0[0-9]{9}", number):
        warnings.append("phone")
    return warnings


def support_amount(
    *, multiple: Decimal | None, amount: int | None, standard_level: int | None
) -> int:
    """A one-off support's money: a multiple of the standard level in force (funeral 20 ×,
    serious injury 10 ×) or a fixed sum (housing 40,000,000); 0 for support in kind."""
    if multiple is not None:
        if standard_level is None:
            raise ValueError("no standard level in force")
        return times_standard(multiple, standard_level)
    return amount or 0


def support_quantity(quantity: Decimal | None, *, persons: int, months: int) -> Decimal | None:
    """Support in kind: 15 kg of rice per person and month (ND 20/2021 Điều 12)."""
    return None if quantity is None else quantity * persons * months
