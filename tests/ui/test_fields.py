"""Shared form fields: months typed as 11/2026, amounts typed with or without dots."""

from datetime import date

import pytest
from django import forms

from ui.fields import (
    DATE_WIDGET,
    DateField,
    DecimalField,
    IntegerField,
    MoneyField,
    MonthField,
    TextField,
)


@pytest.mark.parametrize("typed", ["11/2026", "15/11/2026", "11-2026", "2026-11-30"])
def test_a_month_is_read_as_its_first_day(typed):
    assert MonthField().clean(typed) == date(2026, 11, 1)


def test_a_month_is_shown_month_and_year():
    assert MonthField().widget.format_value(date(2026, 11, 1)) == "11/2026"


def test_a_month_cannot_be_read_month_last():
    with pytest.raises(forms.ValidationError):
        MonthField().clean("2026/11")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("1 500 000 ₫", 1_500_000),
        ("750.000đ", 750_000),
    ],
)
def test_an_amount_is_read_with_or_without_dots(typed, amount):
    assert MoneyField().clean(typed) == amount


def test_a_blank_amount_is_zero():
    assert MoneyField(required=False).clean("") == 0


def test_a_date_is_typed_day_first():
    assert DATE_WIDGET.attrs["inputmode"] == "numeric"
    assert str(DATE_WIDGET.attrs["placeholder"]) in ("nn/tt/nnnn", "dd/mm/yyyy")


@pytest.mark.parametrize(
    ("typed", "area"), [("12,5", "12.5"), ("12.5", "12.5"), ("１２,５", "12.5")]
)
def test_a_decimal_is_read_with_a_vietnamese_comma(typed, area):
    assert str(DecimalField(max_digits=7, decimal_places=1).clean(typed)) == area


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,55", "Tối đa 1 chữ số sau dấu phẩy."),
        ("9" * 30, "Số quá lớn."),
        ("²", "Nhập một số bằng chữ số, như 12,5."),
    ],
)
def test_a_decimal_the_column_cannot_hold_is_refused_in_vietnamese(typed, message):
    with pytest.raises(forms.ValidationError) as refused:
        DecimalField(max_digits=7, decimal_places=1).clean(typed)
    assert refused.value.messages == [message]


def test_an_integer_past_its_column_is_refused_with_the_bound_grouped():
    with pytest.raises(forms.ValidationError) as refused:
        IntegerField(max_value=32_767).clean("40000")
    assert refused.value.messages == ["Số phải không quá 32.767."]


def test_a_money_amount_past_a_bigint_is_refused():
    with pytest.raises(forms.ValidationError):
        MoneyField().clean("9" * 25)


@pytest.mark.parametrize("typed", ["31/12/9999", "01/01/1800"])
def test_a_date_far_from_today_is_refused(typed):
    with pytest.raises(forms.ValidationError) as refused:
        DateField().clean(typed)
    assert refused.value.messages[0].startswith("Ngày phải từ 01/01/1900 đến")


def test_a_month_past_the_plausible_years_is_refused():
    with pytest.raises(forms.ValidationError):
        MonthField().clean("12/9999")


def test_a_date_in_full_width_digits_is_read():
    assert DateField().clean("０５/０６/２０２５") == date(2025, 6, 5)


@pytest.mark.parametrize("typed", ["LX\x00001", "Khóm\u200b1", "\u202eAB", "A\x1bB"])
def test_text_with_control_or_invisible_characters_is_refused(typed):
    with pytest.raises(forms.ValidationError) as refused:
        TextField().clean(typed)
    assert "ký tự điều khiển hoặc ký tự ẩn" in refused.value.messages[0]


def test_a_note_keeps_its_line_breaks():
    assert TextField(widget=forms.Textarea).clean("Dòng 1\r\nDòng 2") == "Dòng 1\r\nDòng 2"


def test_a_negative_floor_area_is_refused_in_vietnamese():
    with pytest.raises(forms.ValidationError) as refused:
        DecimalField(max_digits=7, decimal_places=1).clean("-3")
    assert refused.value.messages == ["Số phải từ 0 trở lên."]
