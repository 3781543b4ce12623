"""Numbers typed by users: Vietnamese separators, digits of any script, column bounds."""

from decimal import Decimal

import pytest

from vn.names import forbidden_characters
from vn.numbers import (
    BIGINT_MAX,
    NumberError,
    ascii_digits,
    parse_decimal,
    parse_id,
    parse_integer,
    parse_money,
)


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("０８９０３５", "089035"),
        ("٠٨٩٠٣٥", "089035"),
        ("۰۸۹", "089"),
        ("१२", "12"),
        ("m²", "m²"),
        ("12²", "12²"),
    ],
)
def test_digits_of_any_script_are_read_as_ascii_and_superscripts_are_not(typed, digits):
    assert ascii_digits(typed) == digits


@pytest.mark.parametrize(
    ("typed", "number"),
    [("1500000", 1_500_000), ("1.500.000", 1_500_000), ("1 500 000", 1_500_000), ("１２", 12)],
)
def test_an_integer_is_read_with_thousands_dots(typed, number):
    assert parse_integer(typed) == number


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("9" * 5000, "too_long"),
        ("9" * 25, "above"),
        (str(BIGINT_MAX + 1), "above"),
        ("-1", "below"),
        ("1.5", "not_integer"),
        ("1.50.000", "not_integer"),
        ("½", "not_integer"),
        ("1e5", "not_integer"),
        ("\x00", "not_integer"),
    ],
)
def test_an_integer_past_its_column_or_not_made_of_digits_is_refused(typed, code):
    with pytest.raises(NumberError) as refused:
        parse_integer(typed)
    assert refused.value.code == code


def test_a_blank_integer_is_none():
    assert parse_integer("  ") is None


@pytest.mark.parametrize(("typed", "amount"), [("750.000đ", 750_000), ("1.500.000 ₫", 1_500_000)])
def test_money_may_carry_its_currency(typed, amount):
    assert parse_money(typed) == amount


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.500", Decimal("1500")),
        ("１２,５", Decimal("12.5")),
        ("40", Decimal("40")),
    ],
)
def test_a_decimal_is_read_with_a_decimal_comma(typed, number):
    assert parse_decimal(typed, places=1, max_digits=7) == number


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("12,55", "too_many_places"),
        ("1000000", "too_large"),
        ("NaN", "not_decimal"),
        ("Infinity", "not_decimal"),
        ("1,2,3", "not_decimal"),
        ("-3", "below"),
    ],
)
def test_a_decimal_the_column_cannot_hold_is_refused(typed, code):
    with pytest.raises(NumberError) as refused:
        parse_decimal(typed, places=1, max_digits=7)
    assert refused.value.code == code


@pytest.mark.parametrize("typed", ["", "0", "²", "-3", "9" * 25, "abc"])
def test_a_parameter_that_names_no_row_is_none(typed):
    assert parse_id(typed) is None


def test_a_parameter_of_digits_of_another_script_names_its_row():
    assert parse_id("１２") == 12


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Khóm\x07 Đông An", ["U+0007"]),
        ("Lê\u200bVăn", ["U+200B"]),
        ("\u202eAB", ["U+202E"]),
        ("A\x00", ["U+0000"]),
        ("Nguyễn Văn A", []),
    ],
)
def test_control_and_invisible_characters_are_found(text, found):
    assert forbidden_characters(text) == found


def test_a_note_may_hold_line_breaks_but_a_name_may_not():
    assert forbidden_characters("a\r\nb\tc", multiline=True) == []
    assert forbidden_characters("a\nb") == ["U+000A"]
