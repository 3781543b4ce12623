"""Columns of the admin's lists: money grouped as the page's language writes it."""

from django.contrib import admin
from django.utils.formats import get_format

from vn.money import vnd


def money_column(model, name: str):
    """A `list_display` entry showing the amount field `name` grouped: 2.200.000."""

    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def show(obj):
        value = getattr(obj, name)
        return "" if value is None else vnd(value, symbol=False, separator=_separator())

    show.__name__ = f"{name}_grouped"
    return show


def _separator() -> str:
    return get_format("THOUSAND_SEPARATOR")
