"""Amounts of đồng in figures and in words, the same on every page and document."""

from vn.money import amount_in_words, vnd


def test_amounts_are_grouped_with_dots_and_a_no_break_space_before_the_dong_sign():
    assert vnd(1_500_000) == "1.500.000\u00a0₫"
    assert vnd(0) == "0\u00a0₫"
    assert vnd(1_250_000, symbol=False) == "1.250.000"


def test_a_page_may_give_its_locale_separator():
    assert vnd(1_500_000, separator=",") == "1,500,000\u00a0₫"


def test_amounts_are_written_in_words_with_a_capital_and_dong():
    assert amount_in_words(0) == "Không đồng"
    assert amount_in_words(1_250_000) == "Một triệu hai trăm năm mươi nghìn đồng"
