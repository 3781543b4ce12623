"""Filters other apps add to the household list: "has / lacks" a support (a valid health
card, a loan, housing support, a gift this year). The register imports none of those
apps: each registers its filters when ready, as the households that have the support."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class SupportFilter:
    code: str
    label: str  # "thẻ BHYT còn giá trị"
    households: Callable[[], QuerySet]  # a values("household_id")-like query of those having it


_FILTERS: dict[str, SupportFilter] = {}


def register(code: str, label, households: Callable[[], QuerySet]) -> None:
    _FILTERS[code] = SupportFilter(code, label, households)


def choices() -> list[tuple[str, str]]:
    found = [("", _("Tất cả"))]
    for f in _FILTERS.values():
        found += [(f"has:{f.code}", _("Có %(what)s") % {"what": f.label})]
        found += [(f"lacks:{f.code}", _("Chưa có %(what)s") % {"what": f.label})]
    return found


def apply(households: QuerySet, value: str) -> QuerySet:
    """The households that have (has:code) or lack (lacks:code) the support."""
    mode, _sep, code = value.partition(":")
    found = _FILTERS.get(code)
    if found is None or mode not in ("has", "lacks"):
        return households
    having = found.households()
    return households.filter(pk__in=having) if mode == "has" else households.exclude(pk__in=having)
