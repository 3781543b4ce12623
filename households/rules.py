"""Pure rules for the household register: values in, values out."""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from vn.numbers import ascii_digits

# Birth-registration province codes (TT 07/2016/TT-BCA, DOMAIN.md §9.1, unverified list):
# data, not logic, so a correction is an edit of this file, and an unknown code only warns.
PROVINCE_CODES_FILE = Path(__file__).parent / "data" / "id_province_codes.txt"
_SEPARATORS = re.compile(r"[\s.\-]")


class InvalidNationalId(ValueError):
    """The number cannot be a national ID; the message is for the user."""


@dataclass(frozen=True)
class ParsedId:
    kind: str  # "national_id" (12-digit CCCD) or "legacy_id" (9-digit CMND)
    value: str
    warnings: tuple[str, ...] = field(default=())


def normal_national_id(raw: str) -> str:
    """Return the number as it is stored and compared: ASCII digits (a full-width or
    Arabic-Indic "０８９…" is the same person's "089…"), without spaces, dots or dashes."""
    return _SEPARATORS.sub("", ascii_digits(raw or ""))


def known_province_codes() -> frozenset[str]:
    return frozenset(PROVINCE_CODES_FILE.read_text().split())


def id_century_sex(digit: int) -> tuple[int, str]:
    """Return (first year of the century, sex) for the ID's fourth digit.

    0/1 → 1900s male/female, 2/3 → 2000s, … (TT 07/2016/TT-BCA, DOMAIN.md §9.1).
    """
    return 1900 + 100 * (digit // 2), "male" if digit % 2 == 0 else "female"


def parse_national_id(
    raw: str,
    *,
    birth_year: int | None = None,
    sex: str | None = None,
    province_codes: frozenset[str] | None = None,
) -> ParsedId:
    """Return the cleaned ID, or raise InvalidNationalId with a Vietnamese message.

    A 12-digit number is checked against the birth year and sex; a 9-digit legacy
    CMND is accepted as it is; there is no check digit to verify.
    """
    value = normal_national_id(raw)
    if re.fullmatch(r"[0-9]{9}", value):
        return ParsedId("legacy_id", value)
    if not re.fullmatch(r"[0-9]+", value):
        raise InvalidNationalId(_("Số định danh chỉ gồm chữ số."))
    if len(value) != 12:
        raise InvalidNationalId(
            _("Số định danh phải có 12 chữ số (CMND cũ: 9 chữ số); số đã nhập có %(n)d.")
            % {"n": len(value)}
        )
    century, id_sex = id_century_sex(int(value[3]))
    id_year = century + int(value[4:6])
    if birth_year is not None and id_year != birth_year:
        raise InvalidNationalId(
            _(
                "Số định danh không khớp năm sinh: chữ số thứ 4–6 cho năm %(id_year)d, "
                "năm sinh là %(birth_year)d."
            )
            % {"id_year": id_year, "birth_year": birth_year}
        )
    if sex is not None and id_sex != sex:
        raise InvalidNationalId(
            _("Số định danh không khớp giới tính: chữ số thứ 4 là của %(sex)s.")
            % {"sex": _("nam") if id_sex == "male" else _("nữ")}
        )
    codes = known_province_codes() if province_codes is None else province_codes
    warnings = (
        ()
        if value[:3] in codes
        else (
            _("Mã tỉnh nơi đăng ký khai sinh %(code)s không có trong danh mục.")
            % {"code": value[:3]},
        )
    )
    return ParsedId("national_id", value, warnings)


def parse_birth(raw: str) -> tuple[date | None, bool]:
    """Return (date, year_only) from "dd/mm/yyyy", "dd-mm-yyyy", "yyyy-mm-dd" or "yyyy".

    Raise ValueError for anything else or an impossible date.
    """
    text = (raw or "").strip()
    if not text:
        return None, False
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1), True
    m = re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", text)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1])), False
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])), False
    raise ValueError(text)


def head_count_error(relations: list[str]) -> str | None:
    """Return why a household's members are refused for their heads, or None."""
    heads = relations.count("head")
    if heads == 0:
        return _("Hộ phải có đúng một chủ hộ: chưa có ai được ghi là chủ hộ.")
    if heads > 1:
        return _("Hộ phải có đúng một chủ hộ: đang có %(n)d người được ghi là chủ hộ.") % {
            "n": heads
        }
    return None


# The classifications a movement is counted between, and the movement of a household that
# leaves the area.
POOR, NEAR_POOR = "poor", "near_poor"
MOVED_OUT = "moved_out"

# Movements (di biến động, DOMAIN.md §4.6), as the report tables count them: a household
# comes into a list new, as a relapse (tái nghèo, tái cận nghèo: back under a line it had
# risen above), from the other list, or by a household event; it leaves by escaping, to
# the other list, or by leaving the area.
NEWLY_POOR, NEWLY_NEAR_POOR = "newly_poor", "newly_near_poor"
RELAPSED_POOR, RELAPSED_NEAR_POOR = "relapsed_poor", "relapsed_near_poor"
ESCAPED_POOR, ESCAPED_NEAR_POOR = "escaped_poor", "escaped_near_poor"
NEAR_POOR_TO_POOR, POOR_TO_NEAR_POOR = "near_poor_to_poor", "poor_to_near_poor"
MOVED_IN, SPLIT_OFF = "moved_in", "split_off"
UNCHANGED = "unchanged"
RELAPSES = (RELAPSED_POOR, RELAPSED_NEAR_POOR)
# The classifications that say a household was under a line: poor is under both.
_UNDER = {
    POOR: ("poor", "escaped_poor"),
    NEAR_POOR: ("poor", "near_poor", "escaped_poor", "escaped_near_poor"),
}


def escaped_lines(history) -> frozenset[str]:
    """The lines (POOR, NEAR_POOR) a household had been under, from its earlier
    classifications: a household above such a line now has escaped it, and its return
    under it is a relapse."""
    held = set(history)
    return frozenset(line for line, under in _UNDER.items() if held & set(under))


def movement(previous: str | None, new: str, *, escaped=frozenset()) -> str:
    """The movement a new classification makes from the previous one.

    previous is None for a household never classified; escaped holds the lines the
    household had been under before the new status (see escaped_lines).
    """
    if new == previous:
        return UNCHANGED
    if new == POOR:
        if previous == NEAR_POOR:
            return NEAR_POOR_TO_POOR
        relapse = POOR in escaped or previous == "escaped_poor"
        return RELAPSED_POOR if relapse else NEWLY_POOR
    if new == NEAR_POOR:
        if previous == POOR:
            return POOR_TO_NEAR_POOR
        relapse = NEAR_POOR in escaped or previous in ("escaped_poor", "escaped_near_poor")
        return RELAPSED_NEAR_POOR if relapse else NEWLY_NEAR_POOR
    if previous == POOR:
        return ESCAPED_POOR
    if previous == NEAR_POOR:
        return ESCAPED_NEAR_POOR
    return UNCHANGED


def escaped_classification(previous: str | None, new: str) -> str:
    """What the register records: a poor or near-poor household that leaves is "escaped"."""
    if new in (POOR, NEAR_POOR):
        return new
    if previous == POOR:
        return "escaped_poor"
    if previous == NEAR_POOR:
        return "escaped_near_poor"
    return new
