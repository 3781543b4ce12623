"""What a case pays, written as a Vietnamese document writes it: amounts in figures and
words, coefficients, months, categories (never naming HIV: ND 20/2021 Điều 8 khoản 1b)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from . import rules
from .models import Benefit, Case, EventKind
from .queries import RuleData, case_facts

DECISION_KINDS = (EventKind.GRANTED, EventKind.ADJUSTED, EventKind.TERMINATED)
PRIVATE_GROUPS = ("K3", "K8")  # living with HIV/AIDS: never named on a list
PENSION_CODE = "HTXH"
PENSION_REFERENCE = "Điều 2 Nghị định 176/2025/NĐ-CP"


# Amounts and coefficients as a Vietnamese document writes them.


def money(amount: int) -> str:
    """1.250.000: thousands grouped with dots, whatever the reader's locale."""
    return f"{amount:,}".replace(",", ".")


def coefficient_text(coefficient: Decimal) -> str:
    """1,5 and 2,0: a decimal comma and at least one decimal, as ND 20/2021 Điều 6 writes."""
    text = f"{Decimal(coefficient).normalize():f}"
    return (text if "." in text else f"{text}.0").replace(".", ",")


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ")


def _tens_units(tens: int, units: int, *, after_hundreds: bool) -> list[str]:
    if tens == 0:
        if not units:
            return []
        return ["linh", _DIGITS[units]] if after_hundreds else [_DIGITS[units]]
    words = ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        return [*words, "mốt"]
    if units == 5:
        return [*words, "lăm"]
    return [*words, _DIGITS[units]] if units else words


def _hundreds(n: int, *, inner: bool) -> list[str]:
    """Words for 0 < n < 1000; an inner group (one follows a higher group) says its
    hundreds even when zero: 1.050.000 is "một triệu không trăm năm mươi nghìn"."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [_DIGITS[hundreds], "trăm"] if hundreds or inner else []
    return words + _tens_units(tens, units, after_hundreds=bool(words))


def amount_in_words(amount: int) -> str:
    """ "Một triệu hai trăm năm mươi nghìn đồng" for 1250000."""
    if amount == 0:
        return "Không đồng"
    groups = []
    while amount:
        groups.append(amount % 1000)
        amount //= 1000
    words: list[str] = []
    for scale in range(len(groups) - 1, -1, -1):
        if groups[scale]:
            words += _hundreds(groups[scale], inner=bool(words))
            words += [_SCALES[scale]] if _SCALES[scale] else []
    text = " ".join(words)
    return f"{text[0].upper()}{text[1:]} đồng"


def month_text(month: date) -> str:
    """ "tháng 8 năm 2025", "tháng 01 năm 2026" (months 1 and 2 with a zero, ND 30/2020)."""
    m = f"{month.month:02d}" if month.month <= 2 else str(month.month)
    return _("tháng %(m)s năm %(y)d") % {"m": m, "y": month.year}


def _in_text(reference: str) -> str:
    """ "Khoản 8 Điều 5 …" inside a sentence: "khoản 8 Điều 5 …"; "Điều" keeps its capital
    (ND 30/2020 Phụ lục II)."""
    if reference.startswith(("Khoản", "Điểm")):
        return reference[:1].lower() + reference[1:]
    return reference


def category_label(rule: rules.CategoryRule) -> str:
    return _("Đối tượng theo quy định") if rule.group in PRIVATE_GROUPS else rule.name


# What a case is paid in a month, as a decision or the list states it.


@dataclass(frozen=True)
class Terms:
    code: str  # "K5a.2", "K5a.1 + K4", "HTXH"; "" when no category applies
    label: str  # the category's name, hidden for K3/K8
    legal_reference: str
    coefficient: Decimal | None  # None for the social pension
    standard_level: int | None
    amount: int
    order: int = 0  # the category's place in the list


def _category(data: RuleData, code: str, month: date) -> rules.CategoryRule | None:
    versions = [r for r in data.categories if r.code == code]
    current = [r for r in versions if rules.covers(r, month)]
    return max(current or versions, key=lambda r: r.valid_from, default=None)


def case_terms(
    case: Case, month: date, data: RuleData, *, household: str | None = None, codes=()
) -> Terms:
    """The categories, coefficient and amount of the month; codes (as a grant recorded
    them) fix the categories, so a decision printed again states what was decided."""
    facts = case_facts(case, month, household=household)
    result = data.month(facts, month)
    if case.benefit == Benefit.PENSION:
        national = rules.in_force([r for r in data.pensions if not r.provincial], month)
        return Terms(
            code=PENSION_CODE,
            label=_pension_ground(facts, month, data),
            legal_reference=national.legal_reference if national else PENSION_REFERENCE,
            coefficient=None,
            standard_level=None,
            amount=result.pension if result.pension_eligible else 0,
            order=10_000,
        )
    paid = [r for r in (_category(data, c, month) for c in codes) if r] or result.paid
    if not paid:
        return Terms("", _("Chưa thuộc nhóm nào trong tháng"), "", None, None, 0, 20_000)
    coefficient = sum((rules.coefficient_of(r, facts) for r in paid), Decimal(0))
    level = rules.in_force(data.standard_levels, month)
    return Terms(
        code=" + ".join(r.code for r in paid),
        label=" + ".join(category_label(r) for r in paid),
        legal_reference="; ".join(_in_text(r.legal_reference) for r in paid),
        coefficient=coefficient,
        standard_level=level.amount if level else None,
        amount=int(level.amount * coefficient) if level else 0,
    )


def _pension_ground(facts: rules.Facts, month: date, data: RuleData) -> str:
    rule = data.pension_rule
    if rule and facts.birth_date:
        age = rules.age_on(facts.birth_date, rules.month_end(month))
        if age < rule.age_from:
            return _("Người từ đủ %(a)d tuổi đến dưới %(b)d tuổi thuộc hộ nghèo, hộ cận nghèo") % {
                "a": rule.poor_age_from,
                "b": rule.age_from,
            }
    return _("Người từ đủ %(b)d tuổi trở lên") % {"b": rule.age_from if rule else 75}


# The decision.

# Căn cứ lines of Mẫu 1.2, laws before decrees. Dates only where the text was checked
# (ND 20/2021: DOMAIN.md §5; ND 147/2025: its own header); the law is named by its year,
