"""Pure rules of the poverty review: classification under a standard, the deprivations the
members' data proposes, the village meeting's vote and the movements table."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from households.rules import (
    MOVED_IN,
    MOVED_OUT,
    NEAR_POOR,
    POOR,
    RELAPSED_NEAR_POOR,
    RELAPSED_POOR,
    SPLIT_OFF,
)
from vn.dates import working_days_between
from vn.money import vnd

# ---------------------------------------------------------------- poverty classification
# DOMAIN.md §3.4: poor = income ≤ line and deprivations ≥ the standard's count; near-poor =
# income ≤ line and fewer; middle-income = line < income ≤ the bound (deprivations not
# considered). Lines, bounds and the count are the standard's data, never constants here.

MIDDLE_INCOME, NOT_CLASSIFIED = "middle_income", "none"


@dataclass(frozen=True)
class Lines:
    """The parts of a poverty standard the classification reads (income per person/month)."""

    code: str
    rural_line: int
    urban_line: int
    rural_middle_bound: int | None
    urban_middle_bound: int | None
    min_deprivations: int


@dataclass(frozen=True)
class Classified:
    classification: str
    reasons: tuple[str, ...]


def classify(
    income_per_capita: int, deprivations: int, standard: Lines, *, is_urban: bool
) -> Classified:
    """Return the household's classification under the standard, with the reasons."""
    area = _("thành thị") if is_urban else _("nông thôn")
    line = standard.urban_line if is_urban else standard.rural_line
    bound = standard.urban_middle_bound if is_urban else standard.rural_middle_bound
    income = {"income": vnd(income_per_capita), "line": vnd(line), "area": area}
    if income_per_capita <= line:
        counted = {"n": deprivations, "min": standard.min_deprivations}
        because = _("Thu nhập bình quân %(income)s/người/tháng ≤ chuẩn %(area)s %(line)s.") % income
        if deprivations >= standard.min_deprivations:
            return Classified(
                POOR, (because, _("Thiếu hụt %(n)d chỉ số, từ %(min)d trở lên.") % counted)
            )
        return Classified(
            NEAR_POOR, (because, _("Thiếu hụt %(n)d chỉ số, dưới %(min)d.") % counted)
        )
    above = _("Thu nhập bình quân %(income)s/người/tháng > chuẩn %(area)s %(line)s.") % income
    if bound is not None and income_per_capita <= bound:
        return Classified(
            MIDDLE_INCOME,
            (above, _("Không quá mức sống trung bình %(bound)s.") % {"bound": vnd(bound)}),
        )
    return Classified(NOT_CLASSIFIED, (above,))


def income_per_capita(household_income_year: int, members: int) -> int:
    """Monthly income per person from the household's income over 12 months (VND, floor)."""
    if members < 1:
        raise ValueError("a household has at least one member")
    return household_income_year // (12 * members)


# Deprivations that the members' data can propose (DOMAIN.md §3.3). Each indicator row of a
# standard names its deriver and the deriver's thresholds, which stay editable data.
EDUCATION_ORDER = ("none", "primary", "lower_secondary", "upper_secondary", "vocational", "higher")


@dataclass(frozen=True)
class MemberFacts:
    name: str
    age: int | None
    has_health_insurance: bool | None  # None: not recorded
    in_school: bool | None
    education: str  # one of EDUCATION_ORDER, "" when not recorded
    disability_level: str = ""


@dataclass(frozen=True)
class Proposal:
    deprived: bool | None  # None: the recorded data cannot tell
    reason: str


def propose_deprivation(
    derive: str, params: dict, members: list[MemberFacts], *, floor_area=None
) -> Proposal | None:
    """What the data says about one indicator, or None for an indicator only the officer
    can judge (housing quality, water, …)."""
    deriver = _DERIVERS.get(derive)
    if deriver is None or not members:
        return None
    return deriver(params, members, floor_area)


def _names(members) -> str:
    return ", ".join(m.name for m in members)


def _unknown(members, what: str) -> Proposal:
    return Proposal(
        None, _("Chưa ghi %(what)s của: %(names)s.") % {"what": what, "names": _names(members)}
    )


def _health_insurance(params, members, _floor_area) -> Proposal:
    min_age = params["min_age"]
    concerned = [m for m in members if m.age is not None and m.age >= min_age]
    without = [m for m in concerned if m.has_health_insurance is False]
    if without:
        return Proposal(
            True,
            _("Từ %(age)d tuổi trở lên chưa có thẻ BHYT: %(names)s.")
            % {"age": min_age, "names": _names(without)},
        )
    unknown = [
        m for m in members if m.age is None or (m in concerned and m.has_health_insurance is None)
    ]
    if unknown:
        return _unknown(unknown, _("tuổi hoặc thẻ BHYT"))
    return Proposal(False, _("Mọi thành viên từ %(age)d tuổi đều có thẻ BHYT.") % {"age": min_age})


def _school_attendance(params, members, _floor_area) -> Proposal:
    low, high = params["min_age"], params["max_age"]
    children = [m for m in members if m.age is not None and low <= m.age < high]
    out = [m for m in children if m.in_school is False]
    if out:
        return Proposal(
            True,
            _("Trẻ từ %(low)d đến dưới %(high)d tuổi không đi học: %(names)s.")
            % {"low": low, "high": high, "names": _names(out)},
        )
    unknown = [m for m in members if m.age is None] + [m for m in children if m.in_school is None]
    if unknown:
        return _unknown(unknown, _("tuổi hoặc việc đi học"))
    return Proposal(False, _("Không có trẻ trong độ tuổi đi học bỏ học."))


def _dependants(params, members, _floor_area) -> Proposal:
    share = params["share"]
    child_below, elderly_from = params["child_below"], params["elderly_from"]
    unknown = [m for m in members if m.age is None]
    if unknown:
        return _unknown(unknown, _("tuổi"))
    dependants = [
        m
        for m in members
        if m.age < child_below
        or m.age >= elderly_from
        or m.disability_level in ("severe", "particularly_severe")
    ]
    counted = {"n": len(dependants), "total": len(members), "share": round(share * 100)}
    if len(dependants) > share * len(members):
        return Proposal(True, _("%(n)d/%(total)d người phụ thuộc, trên %(share)d%%.") % counted)
    return Proposal(False, _("%(n)d/%(total)d người phụ thuộc, không quá %(share)d%%.") % counted)


def _adult_education(params, members, _floor_area) -> Proposal:
    low, high, upper_from = params["min_age"], params["max_age"], params["upper_from"]
    concerned = [
        m for m in members if m.age is not None and low <= m.age <= high and m.in_school is not True
    ]
    unknown = [m for m in concerned if not m.education]
    lacking = [
        m
        for m in concerned
        if m.education
        and EDUCATION_ORDER.index(m.education)
        < EDUCATION_ORDER.index("lower_secondary" if m.age < upper_from else "upper_secondary")
    ]
    if lacking:
        return Proposal(
            True,
            _("Từ %(low)d đến %(high)d tuổi, không đi học và chưa đủ trình độ: %(names)s.")
            % {"low": low, "high": high, "names": _names(lacking)},
        )
    unknown += [m for m in members if m.age is None]
    if unknown:
        return _unknown(unknown, _("tuổi hoặc trình độ học vấn"))
    return Proposal(
        False,
        _("Không có ai từ %(low)d đến %(high)d tuổi thiếu trình độ.") % {"low": low, "high": high},
    )


def _floor_area(params, members, floor_area) -> Proposal | None:
    if floor_area is None:
        return None
    minimum = params["m2_per_person"]
    per_person = floor_area / len(members)
    counted = {"area": f"{per_person:.1f}".replace(".", ","), "min": minimum}
    if per_person < minimum:
        return Proposal(True, _("Diện tích nhà ở %(area)s m²/người, dưới %(min)s m².") % counted)
    return Proposal(False, _("Diện tích nhà ở %(area)s m²/người.") % counted)


_DERIVERS = {
    "health_insurance": _health_insurance,
    "school_attendance": _school_attendance,
    "dependants": _dependants,
    "adult_education": _adult_education,
    "floor_area": _floor_area,
}
DERIVERS = tuple(_DERIVERS)


# The movements table (di biến động) of an area over a period: for poor and near-poor
# households, the count at the start, what came in and went out, and the count at the end.
# Each kind of movement is a column: "from_other" and "to_other" are the moves between the
# two lists (near-poor → poor, poor → near-poor), "moved_in" and "split_off" the households
# the events bring (received from another ward, split off another household).
INCOMING = ("newly", "relapsed", "from_other", "moved_in", "split_off")
OUTGOING = ("escaped", "to_other", "moved_away")
MOVEMENT_COLUMNS = ("at_start", *INCOMING, *OUTGOING, "at_end")
_EVENT_COLUMNS = {
    RELAPSED_POOR: "relapsed",
    RELAPSED_NEAR_POOR: "relapsed",
    MOVED_IN: "moved_in",
    SPLIT_OFF: "split_off",
}
EVENT_COLUMN_MOVEMENTS = {
    c: tuple(m for m, col in _EVENT_COLUMNS.items() if col == c)
    for c in ("relapsed", "moved_in", "split_off")
}


def _group(classification: str) -> str | None:
    return classification if classification in (POOR, NEAR_POOR) else None


def tally_movements(
    at_start: dict[str, int], at_end: dict[str, int], events: list[tuple[str, str, str, int]]
) -> dict[str, dict[str, int]]:
    """Return {"poor": {column: count}, "near_poor": {…}}.

    at_start and at_end count households by the classification in force; events are
    (previous, new, movement, count) for the statuses decided within the period. A
    household that moves between the groups leaves one ("to_other") and joins the other
    ("from_other"). Per row, at the end = start + the incoming columns − the outgoing ones
    whenever every status names the one it followed (movement_balance).
    """
    table = {g: dict.fromkeys(MOVEMENT_COLUMNS, 0) for g in (POOR, NEAR_POOR)}
    for group, row in table.items():
        row["at_start"] = at_start.get(group, 0)
        row["at_end"] = at_end.get(group, 0)
    for previous, new, moved, n in events:
        before, after = _group(previous), _group(new)
        if moved == MOVED_OUT:
            if before:
                table[before]["moved_away"] += n
            continue
        if before == after:
            continue
        if after:
            column = _EVENT_COLUMNS.get(moved, "from_other" if before else "newly")
            table[after][column] += n
        if before:
            table[before]["to_other" if after else "escaped"] += n
    return table


def movement_balance(row: dict[str, int]) -> int:
    """The count at the end the movements give: start + incoming − outgoing."""
    return row["at_start"] + sum(row[c] for c in INCOMING) - sum(row[c] for c in OUTGOING)


def meeting_agrees(attendance: int, agreed: int) -> bool:
    """The village meeting approves the list when at least half of those present agree
    (QĐ 24/2021/QĐ-TTg Điều 4 khoản 3); otherwise the list goes back to assessment."""
    return attendance > 0 and 2 * agreed >= attendance


def posting_working_days(posting_from: date, posting_to: date, holidays: Collection[date]) -> int:
    """The working days of a public posting, its first and last day included (weekends and
    the holiday table's days not counted)."""
    return working_days_between(posting_from - timedelta(days=1), posting_to, holidays)
