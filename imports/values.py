"""Pure readers for the values people type into lists: sex, relation, dates, IDs…

Each returns the value ansinh stores, or raises ValueError with a Vietnamese message.
"""

import re
import unicodedata
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from vn.names import search_key, strip_forbidden
from vn.numbers import ascii_digits

SEX = {
    "nam": "male",
    "m": "male",
    "male": "male",
    "nu": "female",
    "f": "female",
    "female": "female",
}
# Exact (lower-case, with diacritics) first: in the South "ba" is father, "bà" grandmother.
RELATION_EXACT = {"ba": "parent", "bà": "grandparent", "má": "parent", "mà": "other"}
RELATION = {
    "head": ["chu ho", "ch", "chu", "head", "household head"],
    "spouse": ["vo", "chong", "vo/chong", "vo chong", "spouse", "wife", "husband"],
    "child": ["con", "con trai", "con gai", "con nuoi", "con ruot", "child", "son", "daughter"],
    "parent": [
        "cha",
        "me",
        "bo",
        "cha/me",
        "bo/me",
        "cha me",
        "bo me",
        "cha de",
        "me de",
        "tia",
        "parent",
        "father",
        "mother",
    ],
    "grandchild": ["chau", "chau noi", "chau ngoai", "grandchild"],
    "grandparent": ["ong", "ong/ba", "ong noi", "ba noi", "ong ngoai", "ba ngoai", "grandparent"],
    "sibling": [
        "anh",
        "chi",
        "em",
        "anh trai",
        "chi gai",
        "em trai",
        "em gai",
        "anh/chi/em",
        "sibling",
    ],
    "child_in_law": [
        "con dau",
        "con re",
        "con dau/con re",  # the template's own drop-down label
        "con dau/re",
        "dau",
        "re",
        "child in law",
    ],
    "other": ["khac", "other", "o ghep", "nguoi o cung"],
}
_RELATION = {alias: value for value, aliases in RELATION.items() for alias in aliases}
CLASSIFICATION = {
    "poor": ["ho ngheo", "ngheo", "hn", "poor"],
    "near_poor": ["ho can ngheo", "can ngheo", "hcn", "cn", "near poor", "near_poor"],
    "escaped_poor": ["ho thoat ngheo", "thoat ngheo", "escaped poor", "escaped_poor"],
    "escaped_near_poor": [
        "ho thoat can ngheo",
        "thoat can ngheo",
        "escaped near poor",
        "escaped_near_poor",
    ],
    "middle_income": [
        "ho co muc song trung binh",
        "muc song trung binh",
        "mstb",
        "ho mstb",
        "trung binh",
        "middle income",
        "middle_income",
    ],
    "none": ["khong", "khong thuoc dien", "none"],
}
_CLASSIFICATION = {a: value for value, aliases in CLASSIFICATION.items() for a in aliases}
DISABILITY = {
    "dac biet nang": "particularly_severe",
    "nang": "severe",
    "nhe": "mild",
    "khong": "",
    "particularly severe": "particularly_severe",
    "severe": "severe",
    "mild": "mild",
}
GROUP_PREFIXES = ("to dan pho ", "khom ", "thon ", "ap ", "to ", "khu pho ", "khu ")
_EXCEL_EPOCH = date(1899, 12, 30)
# ASCII digits only: the text is read through ascii_digits first, as every number is.
_DATE = re.compile(r"([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T].*)?")


def text(value) -> str:
    """The cell as one line of text, without control or invisible characters."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(strip_forbidden(str(value)).split())


def sex(value) -> str:
    key = search_key(text(value))
    if key in SEX:
        return SEX[key]
    raise ValueError(_("Giới tính “%(v)s” không rõ: ghi Nam hoặc Nữ.") % {"v": text(value)})


def relation(value) -> tuple[str, bool]:
    """Return (relation, recognised); an unknown relation is kept as "other"."""
    raw = unicodedata.normalize("NFC", text(value)).lower()
    if raw in RELATION_EXACT:
        return RELATION_EXACT[raw], True
    key = search_key(raw)
    if key in _RELATION:
        return _RELATION[key], True
    return "other", False


def classification(value) -> str:
    key = search_key(text(value))
    if key in _CLASSIFICATION:
        return _CLASSIFICATION[key]
    raise ValueError(
        _(
            "Phân loại hộ “%(v)s” không rõ: ghi Hộ nghèo, Hộ cận nghèo, Hộ thoát nghèo, "
            "Hộ thoát cận nghèo hoặc Hộ có mức sống trung bình."
        )
        % {"v": text(value)}
    )


def disability(value) -> str:
    key = search_key(text(value))
    if not key:
        return ""
    if key in DISABILITY:
        return DISABILITY[key]
    raise ValueError(
        _("Mức độ khuyết tật “%(v)s” không rõ: ghi Đặc biệt nặng, Nặng hoặc Nhẹ.")
        % {"v": text(value)}
    )


def birth(value, *, today: date) -> tuple[date | None, bool]:
    """Return (date, year_only) from a date cell, dd/mm/yyyy text, a bare year or a serial."""
    if value in ("", None):
        return None, False
    if isinstance(value, datetime):  # a date cell that also holds a time of day
        result, year_only = value.date(), False
    elif isinstance(value, date):
        result, year_only = value, False
    elif isinstance(value, (int, float)):
        number = int(value)
        if 1900 <= number <= today.year:
            result, year_only = date(number, 1, 1), True
        elif 1 <= number <= 80000:  # an Excel serial date typed into a number cell
            result, year_only = _EXCEL_EPOCH + timedelta(days=number), False
        else:
            raise ValueError(_unreadable_date(value))
    else:
        result, year_only = _date_from_text(ascii_digits(text(value)))
    if result > today:
        raise ValueError(_("Ngày sinh %(d)s ở tương lai.") % {"d": text(value)})
    if result.year < 1900:
        raise ValueError(_("Năm sinh %(y)s trước 1900: hãy kiểm tra lại.") % {"y": result.year})
    return result, year_only


def _date_from_text(raw: str) -> tuple[date, bool]:
    if re.fullmatch(r"[0-9]{4}", raw):
        return date(int(raw), 1, 1), True
    for pattern, order in ((_DATE, (3, 2, 1)), (_ISO, (1, 2, 3))):
        m = pattern.fullmatch(raw)
        if m:
            y, mo, d = (int(m[i]) for i in order)
            try:
                return date(y, mo, d), False
            except ValueError:
                raise ValueError(
                    _("Ngày sinh %(d)s không có thật (ngày/tháng không hợp lệ).") % {"d": raw}
                ) from None
    raise ValueError(_unreadable_date(raw))


def _unreadable_date(value) -> str:
    return _(
        "Không đọc được ngày sinh “%(d)s”: ghi ngày/tháng/năm (05/06/1980) hoặc năm (1980)."
    ) % {"d": text(value)}


def national_id_text(value) -> tuple[str, bool]:
    """Return the digits as typed, and whether a leading zero lost by Excel was put back."""
    if isinstance(value, (int, float)):
        digits = str(int(value))
        if len(digits) == 11:  # a 12-digit ID stored as a number loses its leading zero
            return "0" + digits, True
        return digits, False
    # Full-width or Arabic-Indic digits are the same number as ASCII ones (issue 12).
    return re.sub(r"[\s.\-]", "", ascii_digits(text(value))), False


def group_key(value) -> str:
    """The comparable name of a residential group: "Khóm Đông An" and "đông an" match."""
    key = search_key(text(value))
    for prefix in GROUP_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


def group_display(value) -> str:
    """The name to create a residential group under: without its "Khóm"/"Tổ" title."""
    raw = text(value)
    key = search_key(raw)
    for prefix in GROUP_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return raw[len(prefix) :].strip()
    return raw


def ward_key(value) -> str:
    """The comparable name of a ward: "Phường Mỹ Long", "P. Mỹ Long" and "mỹ long" match."""
    key = search_key(text(value))
    for prefix in ("phuong ", "xa ", "thi tran ", "dac khu ", "p.", "x.", "tt."):
        if key.startswith(prefix):
            return key[len(prefix) :].strip()
    return key
