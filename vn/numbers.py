"""Numbers as Vietnamese writes them: 12.345 for a count, 1,5 for a coefficient, and
numbers read out in words ("một trăm linh năm")."""

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
