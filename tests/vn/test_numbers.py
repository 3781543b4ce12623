"""Counts grouped with dots, coefficients with a decimal comma, numbers in words."""

from decimal import Decimal

import pytest

from vn.numbers import coefficient_text, grouped, in_words


def test_counts_are_grouped_with_dots_unless_told_otherwise():
    assert grouped(12345) == "12.345"
    assert grouped(999) == "999"
    assert grouped(0) == "0"
    assert grouped(-1234567) == "-1.234.567"
    assert grouped(12345, separator=",") == "12,345"


def test_coefficients_keep_a_decimal_comma():
    assert [coefficient_text(Decimal(c)) for c in ("1.50", "2.00", "2.5", "10", "0.75")] == [
        "1,5",
        "2,0",
        "2,5",
        "10,0",
        "0,75",
    ]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (25, "hai mươi lăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (500_000, "năm trăm nghìn"),
        (750_000, "bảy trăm năm mươi nghìn"),
        (1_001, "một nghìn không trăm linh một"),
        (1_050_000, "một triệu không trăm năm mươi nghìn"),
        (25_000_000, "hai mươi lăm triệu"),
        (2_000_000_000, "hai tỷ"),
        (3_000_000_000_000, "ba nghìn tỷ"),
    ],
)
def test_numbers_are_read_in_vietnamese_words(number, words):
    assert in_words(number) == words


@pytest.mark.parametrize("number", [-1, 10**15])
def test_numbers_without_words_are_refused(number):
    with pytest.raises(ValueError):
        in_words(number)
