"""Form fields and widgets every app's forms share: dates and months typed day first,
amounts of đồng typed with or without dots."""

import re

from django import forms
from django.utils.translation import gettext_lazy

from vn.dates import month_start

DATE_WIDGET = forms.DateInput(
    attrs={"placeholder": gettext_lazy("nn/tt/nnnn"), "inputmode": "numeric"}
)
MONTH_WIDGET = forms.DateInput(
    format="%m/%Y", attrs={"placeholder": gettext_lazy("tt/nnnn"), "inputmode": "numeric"}
)
# Spaces and dots typed between digits: 1.500.000, 0912 345 678.
DIGIT_SEPARATORS = re.compile(r"[\s.]")


class MonthField(forms.DateField):
    """A month typed as 11/2026 (or any day of it): the month's first day."""

    input_formats = ["%m/%Y", "%d/%m/%Y", "%m-%Y", "%Y-%m-%d"]
    widget = MONTH_WIDGET

    def to_python(self, value):
        day = super().to_python(value)
        return month_start(day) if day else day


class MoneyField(forms.IntegerField):
    """An amount of đồng typed as 1.500.000 or 1500000: an integer, 0 when left blank."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value):
        if isinstance(value, str):
            value = DIGIT_SEPARATORS.sub("", value).replace("₫", "").replace("đ", "")
        return super().to_python(value) or 0
