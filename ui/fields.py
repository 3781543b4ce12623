"""Form fields and widgets every app's forms share: dates and months typed day first,
amounts of đồng typed with or without dots, numbers with a decimal comma, and text that
holds no control or invisible character.

Every number and date a user types is read here (through vn.numbers), so a full-width,
superscript or Arabic-Indic digit, a NUL byte or a number past its column is refused with
a Vietnamese message instead of reaching the database."""

import re
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vn.dates import month_start
from vn.names import forbidden_characters
from vn.numbers import (
    BIGINT_MAX,
    MAX_NUMBER_TEXT,
    NumberError,
    ascii_digits,
    grouped,
    parse_decimal,
    parse_integer,
    parse_money,
)

# Dates users type: none before 1900 (no one living was born earlier, no record of the
# register is older), none more than a few years ahead (a decision or a round is dated now).
EARLIEST_DATE = date(1900, 1, 1)
FUTURE_YEARS = 5

DATE_WIDGET = forms.DateInput(
    attrs={"placeholder": gettext_lazy("nn/tt/nnnn"), "inputmode": "numeric"}
)
MONTH_WIDGET = forms.DateInput(
    format="%m/%Y", attrs={"placeholder": gettext_lazy("tt/nnnn"), "inputmode": "numeric"}
)
# Spaces and dots typed between digits: 1.500.000, 0912 345 678.
DIGIT_SEPARATORS = re.compile(r"[\s.]")


NUMBER_MESSAGES = {
    "too_long": gettext_lazy("Số quá dài."),
    "not_integer": gettext_lazy("Nhập một số nguyên bằng chữ số, như 1500000 hoặc 1.500.000."),
    "not_decimal": gettext_lazy("Nhập một số bằng chữ số, như 12,5."),
    "too_many_places": gettext_lazy("Tối đa %(limit)s chữ số sau dấu phẩy."),
    "too_large": gettext_lazy("Số quá lớn."),
    "below": gettext_lazy("Số phải từ %(limit)s trở lên."),
    "above": gettext_lazy("Số phải không quá %(limit)s."),
}


def number_error(error: NumberError) -> ValidationError:
    """The refusal of a number, in Vietnamese, its bound written as Vietnamese writes it."""
    limit = error.limit
    shown = grouped(limit) if isinstance(limit, int) else str(limit).replace(".", ",")
    return ValidationError(NUMBER_MESSAGES[error.code] % {"limit": shown}, code="invalid")


def latest_date() -> date:
    return timezone.localdate().replace(month=12, day=31) + timedelta(days=365 * FUTURE_YEARS)


def check_text(value: str, *, multiline: bool = False) -> None:
    """Refuse text holding control, zero-width or bidirectional characters."""
    found = forbidden_characters(value, multiline=multiline)
    if found:
        raise ValidationError(
            _("Có ký tự điều khiển hoặc ký tự ẩn (%(chars)s): hãy gõ lại, đừng dán.")
            % {"chars": ", ".join(found[:3])},
            code="forbidden_characters",
        )


def check_line(value: str) -> None:
    check_text(value)


def check_lines(value: str) -> None:
    check_text(value, multiline=True)


class TextField(forms.CharField):
    """Text with no control or invisible character (a Textarea may hold line breaks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        multiline = isinstance(self.widget, forms.Textarea)
        self.validators.append(check_lines if multiline else check_line)

    def to_python(self, value):
        # Refused here, before strip() or the null-character validator see it.
        check_text(value or "", multiline=isinstance(self.widget, forms.Textarea))
        return super().to_python(value)


class DateField(forms.DateField):
    """A day typed day first (digits of any script read as ASCII), between 1900 and a few
    years ahead unless the form gives narrower bounds."""

    widget = DATE_WIDGET
    input_formats = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]

    def __init__(self, *args, earliest: date | None = None, latest=None, **kwargs):
        self.earliest, self.latest = earliest or EARLIEST_DATE, latest
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            if len(value) > MAX_NUMBER_TEXT:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = ascii_digits(value).strip()
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        latest = self.latest() if callable(self.latest) else self.latest or latest_date()
        if not self.earliest <= value <= latest:
            raise ValidationError(
                _("Ngày phải từ %(earliest)s đến %(latest)s.")
                % {
                    "earliest": self.earliest.strftime("%d/%m/%Y"),
                    "latest": latest.strftime("%d/%m/%Y"),
                },
                code="out_of_range",
            )


class MonthField(DateField):
    """A month typed as 11/2026 (or any day of it): the month's first day."""

    input_formats = ["%m/%Y", "%d/%m/%Y", "%m-%Y", "%Y-%m-%d"]
    widget = MONTH_WIDGET

    def to_python(self, value):
        day = super().to_python(value)
        return month_start(day) if day else day


class IntegerField(forms.IntegerField):
    """An integer typed with or without thousands dots, within its column's bounds
    (min_value and max_value; a PositiveBigIntegerField's when not given)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def __init__(self, *args, min_value=0, max_value=BIGINT_MAX, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_integer(value, min_value=self.min_value, max_value=self.max_value)
        except NumberError as e:
            raise number_error(e) from None


class MoneyField(IntegerField):
    """An amount of đồng typed as 1.500.000 or 1500000: an integer, 0 when left blank."""

    def to_python(self, value):
        try:
            return parse_money(value, max_value=self.max_value or BIGINT_MAX) or 0
        except NumberError as e:
            raise number_error(e) from None


class DecimalField(forms.DecimalField):
    """A decimal typed with a Vietnamese decimal comma: 12,5 (or 12.5) is 12.5."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, *args, min_value=0, **kwargs):
        super().__init__(*args, min_value=min_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(
                value,
                places=self.decimal_places,
                max_digits=self.max_digits,
                min_value=self.min_value,
                max_value=self.max_value,
            )
        except NumberError as e:
            raise number_error(e) from None

    def read(self, value):
        """The value the text gives, or None when it gives none (for a live preview)."""
        try:
            return self.clean(value)
        except ValidationError:
            return None


class YearField(IntegerField):
    """A year within the range given (a PositiveSmallIntegerField holds it)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4})
