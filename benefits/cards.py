"""Pure rules of health-insurance cards: the grounds a person has for a state-paid or
supported card, the one that counts (the highest share only, ND 146/2018 Điều 8 khoản 2),
and a soft check of a card's number (DOMAIN.md §7.1, §9.2). Values in, values out."""

import re
from dataclasses import dataclass
from datetime import date

from vn.dates import age_on

NUMBER = re.compile(r"[A-Z]{2}[1-5][0-9]{2}[0-9]{10}")
POOR, PROTECTED, CHILD, NEAR_POOR, MIDDLE_INCOME = (
    "poor",
    "protected",
    "child_under_6",
    "near_poor",
    "middle_income",
)
CLASSIFIED = {"poor": POOR, "near_poor": NEAR_POOR, "middle_income": MIDDLE_INCOME}
ORDER = (POOR, PROTECTED, CHILD, NEAR_POOR, MIDDLE_INCOME)  # of equal shares, the first


@dataclass(frozen=True)
class Ground:
    ground: str
    share: int  # % of the contribution the state pays
    group_code: str
    reference: str


def grounds_of(
    *, classification: str, protected: bool, birth_date: date | None, day: date
) -> set[str]:
    """The grounds the register and the cases show on the day."""
    found = set()
    if classification in CLASSIFIED:
        found.add(CLASSIFIED[classification])
    if protected:
        found.add(PROTECTED)
    if birth_date is not None and age_on(birth_date, day) < 6:
        found.add(CHILD)
    return found


def ground_paid(grounds: set[str], rates, province_id: int | None, day: date) -> Ground | None:
    """Of the grounds, the one with the highest share in force on the day (a province's
    own rate before the national one); None when none is supported."""
    best = None
    for ground in sorted(grounds, key=ORDER.index):
        rate = _rate(rates, ground, province_id, day)
        if rate is not None and (best is None or rate.share > best.share):
            best = Ground(ground, rate.share, rate.group_code, rate.legal_reference)
    return best


def _rate(rates, ground: str, province_id, day: date):
    current = [
        r
        for r in rates
        if r.ground == ground
        and r.province_id in (None, province_id)
        and r.valid_from <= day
        and (r.valid_to is None or r.valid_to >= day)
    ]
    return max(current, key=lambda r: (r.province_id is not None, r.valid_from), default=None)


def number_warnings(number: str) -> list[str]:
    """Codes of what looks wrong in a card number (soft: the officer may keep it):
    "length" not 15 characters, "format" not 2 letters, a benefit digit 1–5, 2 digits of
    province and 10 of the social-insurance number."""
    number = re.sub(r"\s", "", number or "").upper()
    if len(number) != 15:
        return ["length"]
    return [] if NUMBER.fullmatch(number) else ["format"]
