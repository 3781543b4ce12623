"""Compare a parsed list with the register: what would be created, changed or left alone.

Households are matched by code within the ward; persons by national ID, else by name and
date of birth within their household. An empty cell never erases what the register holds.
"""

from datetime import date

from django.db import connection
from django.utils.translation import gettext as _

from areas.models import Area, Level
from households import rules
from households.models import Household, HouseholdStatus, Person
from ui.bulk import without_gc

from . import values
from .columns import FIELDS
from .matching import plan_persons
from .plan import Change, Plan, StoredHousehold, StoredPerson, StoredStatus
from .rows import HouseholdRow, ParsedList

CHUNK = 5000
_PERSON_COLUMNS = StoredPerson._fields[:-3]  # the person's own columns, in order


def ward_groups(ward: Area) -> dict[str, Area]:
    groups = Area.objects.filter(parent=ward, level=Level.RESIDENTIAL_GROUP)
    return {values.group_key(g.name): g for g in groups}


@without_gc
def plan_import(parsed: ParsedList, *, ward: Area, year: int | None, create_groups: bool) -> Plan:
    """Return what committing the parsed list would do, with the problems the register shows.

    The register is read as plain values, in a few queries whatever the list's length;
    only what will change is loaded as model instances, for the commit to save.
    """
    plan = Plan(ward=ward, year=year, groups=ward_groups(ward))
    households = _households(ward, list(parsed.households))
    plan.existing = {code: h.pk for code, h in households.items()}
    members = _members_of(households, ward)
    by_id = _persons_by_national_id(parsed, members)
    statuses = _statuses(plan.existing.values(), year)
    plan.earlier = _earlier(plan.existing.values(), year)
    for row in parsed.households.values():
        if row.group_key and row.group_key not in plan.groups and create_groups:
            plan.new_groups.setdefault(row.group_key, row.group_name)
        household = households.get(row.code)
        if household is None:
            plan.households_new.append(row)
        else:
            _plan_household(plan, household, row)
        plan_persons(
            plan, household, row, members.get(household.pk, []) if household else [], by_id
        )
        _plan_status(plan, household, row, statuses)
    _load_changed(plan)
    return plan


def _chunks(items: list):
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _where_in(queryset, name: str, items) -> list:
    """The queryset's rows whose field `name` is one of items: one query with an array on
    PostgreSQL (a long IN list costs Django more than the database), chunks elsewhere."""
    items = list(items)
    if not items:
        return []
    if connection.vendor == "postgresql":
        opts = queryset.model._meta
        column = f'"{opts.db_table}"."{opts.get_field(name).column}"'
        # Typed as the column is: psycopg sends small ids as smallint[], and bigint =
        # smallint cannot be hashed, so each row scanned the whole array (220 ms for 10,000).
        array = "bigint[]" if isinstance(items[0], int) else "text[]"
        return list(queryset.extra(where=[f"{column} = ANY(%s::{array})"], params=[items]))
    return [row for chunk in _chunks(items) for row in queryset.filter(**{f"{name}__in": chunk})]


def _households(ward: Area, codes: list[str]) -> dict[str, StoredHousehold]:
    rows = _where_in(
        Household.objects.filter(ward=ward).order_by().values_list(*StoredHousehold._fields),
        "code",
        codes,
    )
    return {row[1]: StoredHousehold._make(row) for row in rows}


def _members_of(households: dict[str, StoredHousehold], ward: Area) -> dict[int, list]:
    codes = {h.pk: code for code, h in households.items()}
    people = Person.objects.order_by("household_id", "pk").values_list(*_PERSON_COLUMNS)
    result: dict[int, list[StoredPerson]] = {}
    ward_id, ward_name = ward.pk, ward.name
    for row in _where_in(people, "household", codes):
        person = StoredPerson._make((*row, codes[row[1]], ward_id, ward_name))
        result.setdefault(person.household_id, []).append(person)
    return result


def _persons_by_national_id(parsed: ParsedList, members: dict[int, list]) -> dict:
    """The register's persons with a national ID the list names, wherever they live."""
    found = {p.national_id: p for people in members.values() for p in people if p.national_id}
    wanted = {
        p.national_id
        for h in parsed.households.values()
        for p in h.persons
        if p.national_id and p.national_id not in found
    }
    # The condition on "" lets PostgreSQL use the partial unique index on national_id.
    elsewhere = (
        Person.objects.exclude(national_id="")
        .order_by()
        .values_list(
            *_PERSON_COLUMNS, "household__code", "household__ward_id", "household__ward__name"
        )
    )
    for row in _where_in(elsewhere, "national_id", sorted(wanted)):
        person = StoredPerson._make(row)
        found[person.national_id] = person
    return found


def _earlier(household_ids, year) -> dict[int, tuple[str, frozenset[str]]]:
    """What each household was before the list's year: its status records the movement."""
    if not year:
        return {}
    rows = _where_in(
        HouseholdStatus.objects.filter(valid_from__lt=date(year, 1, 1))
        .order_by("valid_from")
        .values_list("household_id", "classification", "movement"),
        "household",
        household_ids,
    )
    earlier: dict[int, tuple[str, frozenset[str]]] = {}
    for household_id, classification, _movement in sorted(rows, key=lambda r: r[0]):
        escaped = earlier.get(household_id, ("", frozenset()))[1]
        earlier[household_id] = (classification, escaped | rules.escaped_lines([classification]))
    return earlier


def _statuses(household_ids, year) -> dict[int, StoredStatus]:
    if not year:
        return {}
    rows = _where_in(
        # The list is the year's classification, which holds from 1 January; a decision of
        # a monthly review later in the year is a status of its own, left as it is.
        HouseholdStatus.objects.filter(valid_from=date(year, 1, 1))
        .order_by()
        .values_list(*StoredStatus._fields),
        "household",
        household_ids,
    )
    return {row[1]: StoredStatus._make(row) for row in rows}


def _load_changed(plan: Plan) -> None:
    """Swap the stored values of what changes for model instances, for the commit."""
    for attr, model in (
        ("households_changed", Household),
        ("persons_changed", Person),
        ("statuses_changed", HouseholdStatus),
    ):
        entries = getattr(plan, attr)
        if entries:
            loaded = {
                obj.pk: obj
                for obj in _where_in(model.objects.all(), "id", {e[0].pk for e in entries})
            }
            setattr(plan, attr, [(loaded[e[0].pk], *e[1:]) for e in entries])


def _plan_household(plan: Plan, household: StoredHousehold, row: HouseholdRow) -> None:
    changed = {}
    group = plan.groups.get(row.group_key)
    if row.group_key and (group is None or group.pk != household.residential_group_id):
        changed["residential_group"] = group  # None: a group the commit creates
    for name in ("address", "phone"):
        new = getattr(row, name)
        if new and new != getattr(household, name):
            changed[name] = new
    if changed:
        plan.households_changed.append((household, row, changed))
        for name, new in changed.items():
            old = (
                _group_name(plan, household.residential_group_id)
                if name == "residential_group"
                else getattr(household, name)
            )
            plan.changes.append(
                Change(
                    row.code,
                    _("Hộ"),
                    str(FIELDS.get(name, name)),
                    str(old or ""),
                    row.group_name if name == "residential_group" else str(new),
                )
            )
    else:
        plan.households_same += 1


def _group_name(plan: Plan, group_id: int | None) -> str:
    if group_id is None:
        return ""
    for group in plan.groups.values():
        if group.pk == group_id:
            return group.name
    return Area.objects.get(pk=group_id).name


def _plan_status(plan: Plan, household, row: HouseholdRow, statuses) -> None:
    if not row.classification or not plan.year:
        return
    status = statuses.get(household.pk) if household else None
    if status is None:
        plan.statuses_new.append(row)
    elif status.classification != row.classification:
        plan.statuses_changed.append((status, row.classification))
        labels = dict(HouseholdStatus._meta.get_field("classification").flatchoices)
        plan.changes.append(
            Change(
                row.code,
                _("Phân loại %(year)s") % {"year": plan.year},
                str(FIELDS["classification"]),
                str(labels.get(status.classification, status.classification)),
                str(labels.get(row.classification, row.classification)),
            )
        )
    else:
        plan.statuses_same += 1
