"""What a case pays, written as a Vietnamese document writes it: months and categories
(never naming HIV: ND 20/2021 Điều 8 khoản 1b); amounts and coefficients are vn.money's
and vn.numbers'."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from vn.dates import age_on, month_end

from .. import rules
from ..models import Benefit
from ..queries import RuleData

PRIVATE_GROUPS = ("K3", "K8")  # living with HIV/AIDS: never named on a list
PENSION_CODE = "HTXH"
PENSION_REFERENCE = "Điều 2 Nghị định 176/2025/NĐ-CP"


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


def month_terms(
    facts: rules.Facts, month: date, data: RuleData, *, benefit: str, codes=()
) -> Terms:
    """The categories, coefficient and amount of the month for a case of `benefit` with
    these facts; codes (as a grant recorded them) fix the categories, so a decision
    printed again states what was decided."""
    result = data.month(facts, month)
    if benefit == Benefit.PENSION:
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
        age = age_on(facts.birth_date, month_end(month))
        if age < rule.age_from:
            return _("Người từ đủ %(a)d tuổi đến dưới %(b)d tuổi thuộc hộ nghèo, hộ cận nghèo") % {
                "a": rule.poor_age_from,
                "b": rule.age_from,
            }
    return _("Người từ đủ %(b)d tuổi trở lên") % {"b": rule.age_from if rule else 75}
