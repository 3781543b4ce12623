"""Shared form fields: months typed as 11/2026, amounts typed with or without dots."""

from datetime import date

import pytest
from django import forms

from ui.fields import DATE_WIDGET, MoneyField, MonthField


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
