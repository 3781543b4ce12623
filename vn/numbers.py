"""Numbers as Vietnamese writes them: 12.345 for a count, 1,5 for a coefficient, and
numbers read out in words ("một trăm linh năm")."""

import re
import unicodedata
from decimal import Decimal

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ")


def grouped(number: int, *, separator: str = ".") -> str:
    """Return the integer with its thousands grouped: 12.345 (the separator may be given,
    e.g. the page's locale's)."""
    return f"{number:,}".replace(",", separator)


def coefficient_text(coefficient: Decimal) -> str:
    """1,5 and 2,0: a decimal comma and at least one decimal, as ND 20/2021 Điều 6 writes."""
    text = f"{Decimal(coefficient).normalize():f}"
    return (text if "." in text else f"{text}.0").replace(".", ",")


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


def in_words(number: int) -> str:
    """Return a non-negative integer in lower-case Vietnamese words: 1250000 is
    "một triệu hai trăm năm mươi nghìn"."""
    if number < 0:
        raise ValueError(f"{number} is negative")
    if number == 0:
        return _DIGITS[0]
    groups = []
    while number:
        groups.append(number % 1000)
        number //= 1000
    if len(groups) > len(_SCALES):
        raise ValueError("a million billion or more has no words here")
    words: list[str] = []
    for scale in range(len(groups) - 1, -1, -1):
        if groups[scale]:
            words += _hundreds(groups[scale], inner=bool(words))
            words += [_SCALES[scale]] if _SCALES[scale] else []
    return " ".join(words)


# Reading numbers typed by users. Every digit is read through ascii_digits first, so a
# full-width "１２", a superscript "²" (NFKC makes it "2") or an Arabic-Indic "١٢" is the
# same number as "12", and nothing but ASCII digits ever reaches int() or the database.
# Vietnamese groups thousands with dots and writes a decimal comma: 1.500.000 and 12,5.

# Bounds of the database columns the numbers go to (PostgreSQL's smallint, integer, bigint).
SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807
# Longer text is refused before any conversion: no number a form needs is this long, and
# int() of thousands of digits costs time (Python refuses past 4,300 digits anyway).
MAX_NUMBER_TEXT = 40

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_CURRENCY = re.compile(r"\s*(?:₫|đ|đồng|vnđ|vnd)\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_OTHER_NUMBER = re.compile(
    "(["
    + "".join(chr(c) for c in range(0x80, 0x10000) if unicodedata.category(chr(c)) == "No")
    + "]+)"
)


class NumberError(ValueError):
    """The text is not a number the field accepts. `code` says why (the form field words it
    for the user): too_long, not_integer, not_decimal, too_many_places, too_large, below,
    above; `limit` is the bound passed or the places allowed."""

    def __init__(self, code: str, limit=None):
        super().__init__(code, limit)
        self.code, self.limit = code, limit


def ascii_digits(text: str) -> str:
    """Return the text in NFKC with every decimal digit of any script as its ASCII digit.

    Superscripts, subscripts, fractions and circled numbers (Unicode "No") are kept as
    they are, so a number holding them is refused: NFKC would read "10²" as 102."""
    runs = _OTHER_NUMBER.split(text or "")
    text = "".join(
        r if _OTHER_NUMBER.fullmatch(r) else unicodedata.normalize("NFKC", r) for r in runs
    )
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _number_text(text) -> str:
    text = "" if text is None else str(text)
    if len(text) > MAX_NUMBER_TEXT:
        raise NumberError("too_long")
    return _SPACES.sub("", ascii_digits(text))


def _bounded(number, min_value, max_value):
    if min_value is not None and number < min_value:
        raise NumberError("below", min_value)
    if max_value is not None and number > max_value:
        raise NumberError("above", max_value)
    return number


def parse_integer(
    text, *, min_value: int | None = 0, max_value: int | None = BIGINT_MAX
) -> int | None:
    """Return the integer typed as 1500000, 1.500.000 or 1 500 000 (None when blank), or
    raise NumberError. The bounds default to a PositiveBigIntegerField's."""
    value = _number_text(text)
    if not value:
        return None
    sign, digits = (-1, value[1:]) if value[:1] == "-" else (1, value.lstrip("+"))
    if _GROUPED.fullmatch(digits):
        digits = digits.replace(".", "")
    if not re.fullmatch(r"[0-9]+", digits):
        raise NumberError("not_integer")
    return _bounded(sign * int(digits), min_value, max_value)


def parse_money(text, *, max_value: int = BIGINT_MAX) -> int | None:
    """Return an amount of đồng typed as 1.500.000, 1500000 or 1.500.000 ₫ (None when
    blank), or raise NumberError; amounts are never negative."""
    text = _CURRENCY.sub("", "" if text is None else str(text)[: MAX_NUMBER_TEXT + 1])
    return parse_integer(text, min_value=0, max_value=max_value)


def parse_decimal(
    text,
    *,
    places: int,
    max_digits: int,
    min_value: Decimal | None = Decimal(0),
    max_value: Decimal | None = None,
) -> Decimal | None:
    """Return the decimal typed with a decimal comma (12,5; 1.234,5), or with a point when
    the dots cannot be thousands (12.5), None when blank; raise NumberError otherwise.

    At most `places` decimals and `max_digits` digits in all, as the DecimalField column
    holds them."""
    value = _number_text(text)
    if not value:
        return None
    whole, comma, fraction = value.partition(",")
    if _GROUPED.fullmatch(whole.lstrip("+-")):
        whole = whole.replace(".", "")
    elif not comma and whole.count(".") == 1:
        whole, _point, fraction = whole.partition(".")
        comma = ","
    sign, whole = ("-", whole[1:]) if whole[:1] == "-" else ("", whole.lstrip("+"))
    if not re.fullmatch(r"[0-9]+", whole or "0") or (
        comma and not re.fullmatch(r"[0-9]+", fraction)
    ):
        raise NumberError("not_decimal")
    if len(fraction) > places:
        raise NumberError("too_many_places", places)
    if len((whole or "0").lstrip("0")) > max_digits - places:
        raise NumberError("too_large")
    number = Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")
    return _bounded(number, min_value, max_value)


def parse_id(text) -> int | None:
    """Return the row id a query parameter names (ward=12), or None for anything that is
    not one: blank, not digits, zero or past a bigint."""
    try:
        return parse_integer(text, min_value=1, max_value=BIGINT_MAX)
    except NumberError:
        return None
