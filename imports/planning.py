"""Compare a parsed list with the register: what would be created, changed or left alone.

Households are matched by code within the ward; persons by national ID, else by name and
date of birth within their household. An empty cell never erases what the register holds.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from areas.models import Area, Level
from households.models import Household, HouseholdStatus, Person

from . import values
from .columns import FIELDS
from .parsing import HouseholdRow, ParsedList, PersonRow, Problem

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
    existing: dict[str, Household] = field(default_factory=dict)
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


def plan_import(parsed: ParsedList, *, ward: Area, year: int | None, create_groups: bool) -> Plan:
    """Return what committing the parsed list would do, with the problems the register shows."""
    plan = Plan(ward=ward, year=year, groups=ward_groups(ward))
    codes = list(parsed.households)
    plan.existing = {
        h.code: h
        for chunk in _chunks(codes)
        for h in Household.objects.filter(ward=ward, code__in=chunk)
    }
    members = _members_of(plan.existing.values())
    by_id = _persons_by_national_id(parsed, ward)
    statuses = _statuses(plan.existing.values(), year)
    for row in parsed.households.values():
        if row.group_key and row.group_key not in plan.groups and create_groups:
            plan.new_groups.setdefault(row.group_key, row.group_name)
        household = plan.existing.get(row.code)
        if household is None:
            plan.households_new.append(row)
        else:
            _plan_household(plan, household, row)
        _plan_persons(
            plan, household, row, members.get(household.pk, []) if household else [], by_id
        )
        _plan_status(plan, household, row, statuses)
    return plan


def _chunks(items: list):
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _members_of(households) -> dict[int, list[Person]]:
    ids = [h.pk for h in households]
    result: dict[int, list[Person]] = {}
    for chunk in _chunks(ids):
        for p in Person.objects.filter(household_id__in=chunk):
            result.setdefault(p.household_id, []).append(p)
    return result


def _persons_by_national_id(parsed: ParsedList, ward: Area) -> dict[str, Person]:
    ids = [p.national_id for h in parsed.households.values() for p in h.persons if p.national_id]
    found = {}
    for chunk in _chunks(ids):
        people = Person.objects.filter(national_id__in=chunk).select_related("household__ward")
        found.update({p.national_id: p for p in people})
    return found


def _statuses(households, year) -> dict[int, HouseholdStatus]:
    if not year:
        return {}
    ids = [h.pk for h in households]
    return {
        s.household_id: s
        for chunk in _chunks(ids)
        for s in HouseholdStatus.objects.filter(household_id__in=chunk, year=year)
    }


def _plan_household(plan: Plan, household: Household, row: HouseholdRow) -> None:
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
            old = getattr(household, name)
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


def _plan_persons(plan, household, row: HouseholdRow, members: list[Person], by_id) -> None:
    by_name = {}
    for m in members:
        by_name.setdefault((m.search_name, m.birth_date), m)
    matched = set()
    for p in row.persons:
        person = None
        if p.national_id and p.national_id in by_id:
            person = by_id[p.national_id]
            if not _may_take(plan, person, household, row, p):
                continue
        if person is None:
            person = by_name.get((p.search_name, p.birth_date))
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


def _person_changes(person: Person, p: PersonRow) -> dict:
    """The fields the file sets to another value; an empty cell changes nothing."""
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


def _may_take(plan: Plan, person: Person, household, row: HouseholdRow, p: PersonRow) -> bool:
    """A person registered elsewhere: moved within the ward, never taken from another."""
    if household is not None and person.household_id == household.pk:
        return True
    label = str(FIELDS["national_id"])
    if person.household.ward_id != plan.ward.pk:
        plan.problems.append(
            Problem(
                p.row,
                label,
                _(
                    "Số định danh %(id)s đã thuộc một hộ ở %(ward)s: ansinh không tự chuyển "
                    "người giữa các xã, phường; hãy liên hệ nơi đó."
                )
                % {"id": p.national_id, "ward": person.household.ward.name},
            )
        )
        return False
    if person.relation_to_head == "head" and person.household.code not in plan_codes(plan):
        plan.problems.append(
            Problem(
                p.row,
                label,
                _(
                    "%(name)s đang là chủ hộ %(code)s: hãy đổi chủ hộ đó trước khi chuyển sang hộ "
                    "%(new)s."
                )
                % {"name": person.full_name, "code": person.household.code, "new": row.code},
            )
        )
        return False
    plan.problems.append(
        Problem(
            p.row,
            label,
            _("%(name)s sẽ chuyển từ hộ %(old)s sang hộ %(new)s.")
            % {"name": person.full_name, "old": person.household.code, "new": row.code},
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
        plan.changes.append(
            Change(
                row.code,
                _("Phân loại %(year)s") % {"year": plan.year},
                str(FIELDS["classification"]),
                status.get_classification_display(),
                row.classification,
            )
        )
    else:
        plan.statuses_same += 1
