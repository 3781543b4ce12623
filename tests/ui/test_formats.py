"""Dates day first in and out, dots between thousands, đồng with a no-break space."""

from datetime import date, datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from ui.templatetags.vi_format import grouped, percent, vnd


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def render(source: str, **context) -> str:
    return Template("{% load vi_format %}" + source).render(Context(context))


def test_dates_are_written_day_first():
    assert formats.date_format(date(2025, 6, 5), "SHORT_DATE_FORMAT") == "05/06/2025"
    assert formats.date_format(date(2025, 6, 5)) == "05/06/2025"
    assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=date(2025, 6, 5)) == "05/06/2025"
    assert formats.date_format(datetime(2025, 6, 5, 14, 30), "SHORT_DATETIME_FORMAT") == (
        "14:30 05/06/2025"
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_date_input_is_read_day_first(language):
    field = forms.DateField()
    with translation.override(language):
        assert field.clean("05/06/2025") == date(2025, 6, 5)
        assert field.clean("5/6/2025") == date(2025, 6, 5)
        assert field.clean("2025-06-05") == date(2025, 6, 5)
        with pytest.raises(forms.ValidationError):
            field.clean("06/13/2025")  # month first is refused, never read as 6 January 2026


def test_english_pages_also_write_dates_day_first():
    with translation.override("en"):
        assert formats.date_format(date(2025, 6, 5), "SHORT_DATE_FORMAT") == "05/06/2025"


def test_money_is_grouped_with_dots_and_a_no_break_space_before_the_dong_sign():
    assert vnd(1500000) == "1.500.000\u00a0₫"
    assert vnd(0) == "0\u00a0₫"
    assert vnd("2500") == "2.500\u00a0₫"
    assert vnd(None) == ""
    assert render("{{ amount|vnd }}", amount=1500000) == "1.500.000\u00a0₫"


def test_counts_are_grouped_with_dots():
    assert grouped(12345) == "12.345"
    assert grouped(999) == "999"
    assert render("{{ n|grouped }}", n=1234567) == "1.234.567"
    assert grouped(-12345) == "-12.345"
    with translation.override("en"):
        assert grouped(12345) == "12,345"


def test_years_and_plain_numbers_are_not_grouped():
    # USE_THOUSAND_SEPARATOR is off: a year printed as is stays 2025, not 2.025.
    assert render("{{ year }}", year=2025) == "2025"
    assert render("{{ n }}", n=12345) == "12345"
    assert formats.localize(2025) == "2025"


def test_decimals_use_a_comma():
    assert formats.number_format(1234.5, decimal_pos=1) == "1234,5"
    assert formats.number_format(1234.5, decimal_pos=1, force_grouping=True) == "1.234,5"


def test_shares_are_rounded_percentages_with_a_decimal_comma():
    assert percent(1 / 7) == "14,3 %"
    assert percent(1.0) == "100,0 %"
    assert percent(None) == ""
    with translation.override("en"):
        assert percent(2 / 3) == "66.7 %"
