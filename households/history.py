"""The change history of a household, its members and statuses, as readable entries."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.utils.translation import gettext as _

from vn.names import user_display_name

from .models import Household, HouseholdStatus, Person

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
HIDDEN_FIELDS = {"id", "household", "search_name", "birth_year_only"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""  # why, when the change says: "Nhập từ tệp … (lần nhập #…)"


def household_history(household: Household, *, limit: int = 100) -> list[Entry]:
    """Return the newest entries first, for the household and everything it holds."""
    sources = [
        (Household.history.filter(id=household.pk), Household, _("Hộ")),
        (Person.history.filter(household_id=household.pk), Person, _("Nhân khẩu")),
        (
            HouseholdStatus.history.filter(household_id=household.pk),
            HouseholdStatus,
            _("Phân loại"),
        ),
    ]
    entries: list[Entry] = []
    for records, model, label in sources:
        rows = list(
            records.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        names = _related_names(rows, model)
        for _pk, versions in groupby(rows, key=lambda r: r.id):
            entries.extend(_entries(list(versions), model, label, names))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def _related_names(rows: list, model) -> dict:
    """Fetch the names of every related object the rows point to, in one query per model."""
    names = {}
    for f in model._meta.fields:
        if f.is_relation and f.name not in HIDDEN_FIELDS:
            ids = {getattr(r, f.attname) for r in rows} - {None}
            for pk, obj in f.related_model.objects.in_bulk(ids).items():
                names[(f.name, pk)] = str(obj)
    return names


def _entries(versions: list, model, label: str, names: dict) -> list[Entry]:
    fields = [f for f in model._meta.fields if f.name not in HIDDEN_FIELDS and f.editable]
    result, previous = [], None
    for record in versions:
        changes = []
        for f in fields:
            if not hasattr(record, f.attname):
                continue
            new = _display(record, f, names)
            old = _display(previous, f, names) if previous is not None else ""
            if previous is None and record.history_type == "+" and new in ("", "—"):
                continue
            if previous is None or old != new:
                changes.append(Change(str(f.verbose_name), old, new))
        if record.history_type == "-":
            changes = []
        if record.history_type == "~" and previous is not None and not changes:
            # The form re-sends every member, so most saves of a person change nothing.
            previous = record
            continue
        result.append(
            Entry(
                when=record.history_date,
                who=_who(record),
                subject=f"{label}: {_subject(record, model)}",
                action=ACTIONS[record.history_type],
                reason=record.history_change_reason or "",
                changes=changes if record.history_type != "~" or previous is not None else [],
            )
        )
        previous = record
    return result


def _display(record, f, names) -> str:
    value = getattr(record, f.attname)
    if value in (None, ""):
        return ""
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.name == "birth_date" and getattr(record, "birth_year_only", False):
        return str(value.year)
    if f.is_relation:
        return names.get((f.name, value), str(value))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return str(value)


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("hệ thống")
    return user_display_name(user)


def _subject(record, model) -> str:
    if model is Person:
        return record.full_name
    if model is HouseholdStatus:
        return str(record.year)
    return record.code
