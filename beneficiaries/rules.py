"""Pure rules of the monthly social allowance (ND 20/2021, amended by ND 76/2024) and the
social pension (ND 176/2025): a person's facts for a month in, what is paid and why out.

Every number (coefficients, ages, amounts) comes from the rows passed in; the rules only
say how rows apply: a category applies when the person meets its conditions in the month;
only the highest coefficient is paid, except that the single-parent allowance (K4) is added
to an elderly (K5), disability (K6) or HIV (K8) one (Điều 6 khoản 2); the social pension and
the allowance are never both paid, the higher one is (ND 176/2025 Điều 3 khoản 1).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from vn.dates import age_before, age_on, birthday_month, month_end, month_start, next_month

# Facts that only a dossier can establish, which a category may require.
FLAGS = (
    "orphan",  # a child without a source of support, one of the cases of Điều 5 khoản 1
    "studying",  # in general education, vocational training, college or a first degree
    "hiv",
    "single_parent",  # unmarried, widowed or with a spouse declared missing
    "no_supporter",  # no one obliged to support them, or the supporter is on an allowance
    "special_area",  # an ethnic-minority, mountainous commune or village of special difficulty
    "no_pension",  # no pension, monthly social-insurance benefit or monthly allowance
    "facility_eligible",  # eligible for a care facility but cared for in the community
    "no_stable_income",
)
CHILD_OR_ELDERLY, ADULT = "child_or_elderly", "adult"
POOR_ONLY, POOR_OR_NEAR_POOR = "poor", "poor_or_near_poor"
ALLOWANCE, PENSION = "allowance", "social_pension"


@dataclass(frozen=True)
class CategoryRule:
    """A category or sub-case of Điều 5 with its coefficient (a row of Category)."""

    code: str  # e.g. "K1.1"
    group: str  # "K1" … "K8"
    coefficient: Decimal
    age_from: int | None = None  # years, inclusive
    age_below: int | None = None  # years, exclusive
    requires: tuple[str, ...] = ()  # FLAGS the person must have
    household: str = ""  # "", POOR_ONLY or POOR_OR_NEAR_POOR
    disability_levels: tuple[str, ...] = ()  # any of them, when given
    life_stage: str = ""  # "", CHILD_OR_ELDERLY or ADULT (child < child_below, elderly ≥ …)
    per_child: bool = False  # the coefficient is per child raised (K4)
    starts: str = "decision"  # "decision", "age" (from turning age_from) or "certificate"
    adds_to: tuple[str, ...] = ()  # groups this one is paid on top of (K4: K5, K6, K8)
    valid_from: date = date(2021, 7, 1)
    valid_to: date | None = None
    child_below: int = 16
    elderly_from: int = 60
    name: str = ""
    legal_reference: str = ""


@dataclass(frozen=True)
class Facts:
    """What is known of the person in a month."""

    birth_date: date | None
    disability_level: str = ""  # "severe", "particularly_severe", "mild" or ""
    household: str = ""  # the household's classification in force: "poor", "near_poor", …
    flags: frozenset[str] = frozenset()
    children_raised: int = 0  # for K4
    pension_amount: int = 0  # a pension or social-insurance benefit the person receives


@dataclass(frozen=True)
class Rate:
    """An amount in force from a date (standard level, social pension, a top-up)."""

    amount: int
    valid_from: date
    valid_to: date | None = None
    legal_reference: str = ""
    provincial: bool = False  # a province's own level, which overrides the national one


@dataclass(frozen=True)
class PensionRule:
    """Who may receive the social pension (Luật BHXH 2024 Điều 21–22, ND 176/2025)."""

    age_from: int  # 75
    poor_age_from: int  # 70, for poor and near-poor households
    valid_from: date  # 2025-07-01


@dataclass
class Month:
    """What one month gives: the categories met, what is paid and the arithmetic."""

    month: date
    applicable: list[CategoryRule] = field(default_factory=list)
    paid: list[CategoryRule] = field(default_factory=list)
    coefficient: Decimal = Decimal(0)
    standard_level: int | None = None
    allowance: int = 0
    pension: int = 0
    pension_eligible: bool = False
    chosen: str = ""  # ALLOWANCE, PENSION or "" when nothing is due
    amount: int = 0

    def __copy__(self) -> "Month":
        # copy.copy's generic way (__reduce_ex__) was a tenth of a province's payroll.
        new = object.__new__(Month)
        new.__dict__.update(self.__dict__)
        return new


def covers(rate, month: date) -> bool:
    return rate.valid_from <= month and (rate.valid_to is None or rate.valid_to >= month)


def in_force(rates, month: date):
    """The rate in force on the month's first day: a province's own before the national
    one, then the latest that started by then."""
    current = (r for r in rates if covers(r, month))
    return max(current, key=lambda r: (r.provincial, r.valid_from), default=None)


def _meets(rule: CategoryRule, facts: Facts, age: int | None, month: date, last: date) -> bool:
    """Whether the person meets the category in the month (`last`: its last day)."""
    if rule.valid_from > last or (rule.valid_to and rule.valid_to < month):
        return False
    if not set(rule.requires) <= facts.flags:
        return False
    if rule.household == POOR_ONLY and facts.household != "poor":
        return False
    if rule.household == POOR_OR_NEAR_POOR and facts.household not in ("poor", "near_poor"):
        return False
    if rule.disability_levels and facts.disability_level not in rule.disability_levels:
        return False
    if rule.per_child and facts.children_raised < 1:
        return False
    needs_age = rule.age_from is not None or rule.age_below is not None or rule.life_stage
    if needs_age and age is None:
        return False
    if rule.age_from is not None and age < rule.age_from:
        return False
    if rule.age_below is not None and age >= rule.age_below:
        return False
    if rule.life_stage:
        child_or_elderly = age < rule.child_below or age >= rule.elderly_from
        if child_or_elderly != (rule.life_stage == CHILD_OR_ELDERLY):
            return False
    return True


def applicable(facts: Facts, month: date, rules: list[CategoryRule]) -> list[CategoryRule]:
    """The categories the person meets in the month.

    A new level applies from the month the person becomes eligible for it, so sub-cases are
    judged by the age reached by the month's end (a child turning 4 in March gets the ≥ 4
    coefficient for March). Losing a category stops payment from the month after, so a
    group the person leaves by age during the month is still met in that month.
    """
    last = month_end(month)
    if facts.birth_date is None:
        ages = (None, None)
    else:
        ages = (age_on(facts.birth_date, last), age_before(facts.birth_date, month))
    met = [r for r in rules if _meets(r, facts, ages[0], month, last)]
    groups = {r.group for r in met}
    leaving = [r for r in rules if r.group not in groups and _meets(r, facts, ages[1], month, last)]
    return met + leaving


def coefficient_of(rule: CategoryRule, facts: Facts) -> Decimal:
    return rule.coefficient * facts.children_raised if rule.per_child else rule.coefficient


def paid_categories(met: list[CategoryRule], facts: Facts) -> list[CategoryRule]:
    """Only the highest coefficient, except that K4 is added to K5/K6/K8 (Điều 6 khoản 2)."""
    if not met:
        return []
    best = max(met, key=lambda r: coefficient_of(r, facts))
    stacking = [r for r in met if r.adds_to]
    for extra in stacking:
        others = [r for r in met if r.group in extra.adds_to]
        if others:
            partner = max(others, key=lambda r: coefficient_of(r, facts))
            total = coefficient_of(extra, facts) + coefficient_of(partner, facts)
            if total > coefficient_of(best, facts):
                return [partner, extra]
    return [best]


def pension_eligible(facts: Facts, month: date, rule: PensionRule | None) -> bool:
    if rule is None or facts.birth_date is None or month < month_start(rule.valid_from):
        return False
    age = age_on(facts.birth_date, month_end(month))
    if age >= rule.age_from:
        return True
    return age >= rule.poor_age_from and facts.household in ("poor", "near_poor")


def month_amount(
    facts: Facts,
    month: date,
    *,
    categories: list[CategoryRule],
    standard_levels: list[Rate],
    pension_rule: PensionRule | None = None,
    pensions: list[Rate] = (),
    pension_wins_tie: bool = True,
) -> Month:
    """The month's allowance and social pension, the higher of the two paid (never both)."""
    result = Month(month=month)
    result.applicable = applicable(facts, month, categories)
    result.paid = paid_categories(result.applicable, facts)
    level = in_force(standard_levels, month)
    if result.paid and level:
        result.standard_level = level.amount
        result.coefficient = sum((coefficient_of(r, facts) for r in result.paid), Decimal(0))
        result.allowance = int(level.amount * result.coefficient)
    if pension_eligible(facts, month, pension_rule):
        # The national amount and any provincial top-up (ND 176/2025 Điều 3).
        total = sum(r.amount for r in pensions if covers(r, month))
        # Only for a person without a pension or benefit, or with one below it (Điều 2).
        result.pension_eligible = total > 0 and facts.pension_amount < total
        result.pension = total if result.pension_eligible else 0
    if result.pension_eligible and (
        result.pension > result.allowance
        or (result.pension == result.allowance and pension_wins_tie)
    ):
        result.chosen, result.amount = PENSION, result.pension
    elif result.allowance:
        result.chosen, result.amount = ALLOWANCE, result.allowance
    return result


def start_month(
    paid: list[CategoryRule],
    facts: Facts,
    decided_on: date,
    certified_on: date | None,
    applied_on: date,
) -> date:
    """The first month paid (Điều 8 khoản 1đ): the decision's month, except for K5b/K5c,
    paid from the month the person reached the age (but not before applying: a person
    who applies years later is not paid the years before), and K6, from the month the
    disability certificate was issued; never before the category took effect."""
    start = month_start(decided_on)
    for rule in paid:
        since = None
        if rule.starts == "certificate" and certified_on:
            since = month_start(certified_on)
        elif rule.starts == "age" and rule.age_from is not None and facts.birth_date:
            reached = birthday_month(facts.birth_date, rule.age_from)
            since = max(reached, month_start(applied_on))
        if since:
            start = min(start, max(since, month_start(rule.valid_from)))
    return start


def stop_month(event_day: date) -> date:
    """Death or loss of eligibility stops payment from the month after (Điều 8 khoản 2)."""
    return next_month(month_start(event_day))
