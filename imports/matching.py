"""Match the persons of a list with the register's and plan what changes for each.

A person is matched by national ID, else by name and date of birth within the household.
"""

from operator import attrgetter

from django.utils.translation import gettext as _

from households.models import Person

from .columns import FIELDS
from .plan import PERSON_FIELDS, Change, Plan, StoredPerson
from .rows import HouseholdRow, PersonRow, Problem

_SKIPPED = object()  # a row naming a person the import may not take: neither new nor matched


def plan_persons(plan, household, row: HouseholdRow, members: list, by_id) -> None:
    """Plan each person the household's rows list: new, changed, the same or refused."""
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
