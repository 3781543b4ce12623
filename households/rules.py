"""Pure rules for the household register: values in, values out."""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

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
    value = _SEPARATORS.sub("", raw or "")
    if re.fullmatch(r"\d{9}", value):
        return ParsedId("legacy_id", value)
    if not value.isdigit():
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
