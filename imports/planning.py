"""Compare a parsed list with the register: what would be created, changed or left alone.

Households are matched by code within the ward; persons by national ID, else by name and
date of birth within their household. An empty cell never erases what the register holds.
"""

from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from django.db import connection
from django.utils.translation import gettext as _

from areas.models import Area, Level
from households.models import Household, HouseholdStatus, Person

from . import values
from .columns import FIELDS
from .parsing import HouseholdRow, ParsedList, PersonRow, Problem, without_gc

PERSON_FIELDS = (
    "full_name",
    "relation_to_head",
    "sex",
    "birth_date",
    "birth_year_only",
    "national_id",
    "legacy_id",
    "ethnicity",
    "disability_level",
)
CHUNK = 5000


@dataclass
class Change:
    code: str
    subject: str
    field: str
    old: str
    new: str


class StoredHousehold(NamedTuple):
    """A household of the register as the plan compares it (the commit loads the model)."""

    pk: int
    code: str
    residential_group_id: int | None
    address: str
    phone: str


class StoredPerson(NamedTuple):
    """A person of the register as the plan compares it (the commit loads the model)."""

    pk: int
    household_id: int
    search_name: str
    full_name: str
    relation_to_head: str
    sex: str
    birth_date: date | None
    birth_year_only: bool
    national_id: str
    legacy_id: str
    ethnicity: str
    disability_level: str
    household_code: str
    ward_id: int
    ward_name: str


class StoredStatus(NamedTuple):
    pk: int
    household_id: int
    classification: str


_PERSON_COLUMNS = StoredPerson._fields[:-3]  # the person's own columns, in order


@dataclass
class Plan:
    ward: Area
    year: int | None
    groups: dict[str, Area]  # group key → existing group
    new_groups: dict[str, str] = field(default_factory=dict)  # key → name to create
    households_new: list[HouseholdRow] = field(default_factory=list)
    households_changed: list[tuple[Household, HouseholdRow, dict]] = field(default_factory=list)
    households_same: int = 0
    persons_new: list[tuple[HouseholdRow, PersonRow]] = field(default_factory=list)
    persons_changed: list[tuple[Person, HouseholdRow, dict]] = field(default_factory=list)
    persons_same: int = 0
    statuses_new: list[HouseholdRow] = field(default_factory=list)
    statuses_changed: list[tuple[HouseholdStatus, str]] = field(default_factory=list)
    statuses_same: int = 0
    existing: dict[str, int] = field(default_factory=dict)  # code → pk of listed households
    # pk → (classification in force before the list's year, escaped at some time before)
    earlier: dict[int, tuple[str, bool]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "households_new": len(self.households_new),
            "households_changed": len(self.households_changed),
            "households_same": self.households_same,
            "persons_new": len(self.persons_new),
            "persons_changed": len(self.persons_changed),
            "persons_same": self.persons_same,
            "statuses_new": len(self.statuses_new),
            "statuses_changed": len(self.statuses_changed),
            "statuses_same": self.statuses_same,
            "groups_new": len(self.new_groups),
        }


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
        _plan_persons(
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


def _earlier(household_ids, year) -> dict[int, tuple[str, bool]]:
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
    earlier: dict[int, tuple[str, bool]] = {}
    for household_id, classification, movement in sorted(rows, key=lambda r: r[0]):
        escaped = earlier.get(household_id, ("", False))[1]
        escaped = escaped or "escaped" in classification or "escaped" in movement
        earlier[household_id] = (classification, escaped)
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


_SKIPPED = object()  # a row naming a person the import may not take: neither new nor matched


def _plan_persons(plan, household, row: HouseholdRow, members: list, by_id) -> None:
    found = _match_persons(plan, household, row, members, by_id)
    matched = set()
    for p, person in zip(row.persons, found, strict=True):
        if person is _SKIPPED:
            continue
        if person is None:
            plan.persons_new.append((row, p))
            continue
        matched.add(person.pk)
        changed = _person_changes(person, p)
        if changed or household is None or person.household_id != household.pk:
            plan.persons_changed.append((person, row, changed))
            plan.changes.extend(
                Change(row.code, p.full_name, *_shown(name, getattr(person, name), new))
                for name, new in changed.items()
            )
        else:
            plan.persons_same += 1
    _check_unlisted_head(plan, row, members, matched)


def _match_persons(plan, household, row: HouseholdRow, members: list, by_id) -> list:
    """The register's person each listed person is: by national ID, else by name and date
    of birth in the household, else by name alone when one member and one listed person
    without a match share it (a corrected date of birth) and no two IDs disagree."""
    by_name = {}
    for m in members:
        by_name.setdefault((m.search_name, m.birth_date), m)
    found = []
    for p in row.persons:
        if p.national_id and p.national_id in by_id:
            person = by_id[p.national_id]
            found.append(person if _may_take(plan, person, household, row, p) else _SKIPPED)
        else:
            found.append(by_name.get((p.search_name, p.birth_date)))
    if None in found and members:
        taken = {person.pk for person in found if person is not None and person is not _SKIPPED}
        free, unmatched = {}, {}
        for m in members:
            if m.pk not in taken:
                free.setdefault(m.search_name, []).append(m)
        for i, p in enumerate(row.persons):
            if found[i] is None:
                unmatched.setdefault(p.search_name, []).append(i)
        for name, rows in unmatched.items():
            candidates = free.get(name, [])
            if len(rows) == 1 and len(candidates) == 1:
                p, m = row.persons[rows[0]], candidates[0]
                if not (p.national_id and m.national_id and p.national_id != m.national_id):
                    found[rows[0]] = m
    return found


_person_values = attrgetter(*PERSON_FIELDS)


def _person_changes(person: StoredPerson, p: PersonRow) -> dict:
    """The fields the file sets to another value; an empty cell changes nothing."""
    if _person_values(p) == person[3:12]:  # PERSON_FIELDS, in order
        return {}
    changed = {
        name: getattr(p, name)
        for name in PERSON_FIELDS
        if name != "birth_year_only"
        and getattr(p, name) not in ("", None)
        and getattr(p, name) != getattr(person, name)
    }
    if p.birth_date and p.birth_year_only != person.birth_year_only:
        changed["birth_year_only"] = p.birth_year_only
    return changed


def _shown(name: str, old, new) -> tuple[str, str, str]:
    field_ = Person._meta.get_field(name)
    choices = dict(field_.flatchoices)

    def show(value) -> str:
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return str(choices.get(value, value) if value not in (None, "") else "")

    return str(field_.verbose_name), show(old), show(new)


def _check_unlisted_head(plan: Plan, row: HouseholdRow, members, matched: set) -> None:
    """The register's head must appear in the list if the list names another head."""
    listed = [p for p in row.persons if p.relation_to_head == "head"]
    unlisted = [m for m in members if m.relation_to_head == "head" and m.pk not in matched]
    if listed and unlisted:
        plan.problems.append(
            Problem(
                listed[0].row,
                str(FIELDS["relation_to_head"]),
                _(
                    "Trong sổ, chủ hộ %(code)s là %(name)s, người này không có trong danh sách: "
                    "hãy ghi cả người đó (với quan hệ mới) để đổi chủ hộ."
                )
                % {"code": row.code, "name": unlisted[0].full_name},
            )
        )


def _may_take(plan: Plan, person: StoredPerson, household, row: HouseholdRow, p) -> bool:
    """A person registered elsewhere: moved within the ward, never taken from another."""
    if household is not None and person.household_id == household.pk:
        return True
    label = str(FIELDS["national_id"])
    if person.ward_id != plan.ward.pk:
        plan.problems.append(
            Problem(
                p.row,
                label,
                _(
                    "Số định danh %(id)s đã thuộc một hộ ở %(ward)s: ansinh không tự chuyển "
                    "người giữa các xã, phường; hãy liên hệ nơi đó."
                )
                % {"id": p.national_id, "ward": person.ward_name},
            )
        )
        return False
    if person.relation_to_head == "head" and person.household_code not in plan_codes(plan):
        plan.problems.append(
            Problem(
                p.row,
                label,
                _(
                    "%(name)s đang là chủ hộ %(code)s: hãy đổi chủ hộ đó trước khi chuyển sang hộ "
                    "%(new)s."
                )
                % {"name": person.full_name, "code": person.household_code, "new": row.code},
            )
        )
        return False
    plan.problems.append(
        Problem(
            p.row,
            label,
            _("%(name)s sẽ chuyển từ hộ %(old)s sang hộ %(new)s.")
            % {"name": person.full_name, "old": person.household_code, "new": row.code},
            blocking=False,
        )
    )
    return True


def plan_codes(plan: Plan) -> set[str]:
    return set(plan.existing)


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
