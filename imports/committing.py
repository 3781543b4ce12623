"""Write a plan to the register in one transaction, with history naming the import.

New rows and their history go to PostgreSQL with COPY, their ids drawn from the tables'
sequences first (bulk_create costs more in Python than the database takes to write them);
other databases get bulk_create. Either way each row gets the history record simple_history's
bulk_history_create writes: "+" when created, "~" when changed, with the importing user, the
import as the reason and one date for the whole import.
"""

from datetime import date
from operator import itemgetter

from django.db import connection, transaction
from django.utils import timezone

from areas.models import Area, Kind, Level
from areas.services import residential_group_create
from households import rules
from households.models import Household, HouseholdStatus, Joined, Membership, Person
from households.services import memberships_sync, prepare_person, status_ranges_refresh
from ui.bulk import BATCH, copy_rows, reserve_ids, without_gc

from .plan import PERSON_FIELDS, Plan


@without_gc
@transaction.atomic
def write_plan(plan: Plan, *, user, reason: str, decision: dict) -> None:
    """Create and update what the plan says; a failure anywhere leaves nothing written."""
    now = timezone.now()
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    groups = dict(plan.groups)
    for key, name in plan.new_groups.items():
        groups[key] = residential_group_create(ward=plan.ward, name=name, kind=_kind(plan.ward))
    households = dict(plan.existing)  # code → pk
    _create_households(plan, groups, households, history)
    _update_households(plan, groups, history)
    joined = _write_persons(plan, households, history)
    _write_statuses(plan, households, decision, history)
    _memberships_create(plan, joined, user=user, now=now)
    # People the list moved or whose relation or departure it changed.
    corrected = {households[row.code] for _, row, _ in plan.persons_changed}
    if corrected:
        memberships_sync(user=user, household_ids=corrected, today=timezone.localdate(now))


def _kind(ward: Area) -> str:
    siblings = Area.objects.filter(parent=ward, level=Level.RESIDENTIAL_GROUP)
    first = siblings.values_list("kind", flat=True).first()
    return first or (Kind.STREET_GROUP if ward.is_urban else Kind.VILLAGE)


def _create_households(plan, groups, households, history) -> None:
    new = []
    for row in plan.households_new:
        group = groups.get(row.group_key)
        new.append((plan.ward.pk, row.code, group.pk if group else None, row.address, row.phone))
    columns = ("ward_id", "code", "residential_group_id", "address", "phone")
    ids = _create(Household, columns, new, history)
    households.update((row.code, pk) for row, pk in zip(plan.households_new, ids, strict=True))


def _update_households(plan, groups, history) -> None:
    changed = []
    for household, row, fields in plan.households_changed:
        for name, value in fields.items():
            setattr(
                household, name, groups.get(row.group_key) if name == "residential_group" else value
            )
        household.version += 1
        changed.append(household)
    if changed:
        Household.objects.bulk_update(
            changed, ["residential_group", "address", "phone", "version"], batch_size=BATCH
        )
        Household.history.bulk_history_create(changed, batch_size=BATCH, update=True, **history)


def _write_persons(plan, households, history) -> list[tuple]:
    """Write the changed and the new persons; return the new ones' (id, household id,
    relation to the head)."""
    demoted, changed = [], []
    for person, row, fields in plan.persons_changed:
        was_head = person.relation_to_head == "head"
        for name, value in fields.items():
            setattr(person, name, value)
        person.household_id = households[row.code]
        prepare_person(person)
        (demoted if was_head and person.relation_to_head != "head" else changed).append(person)
    fields = [*PERSON_FIELDS, "search_name", "household"]
    # Demoted heads first: the database allows one head per household at any moment.
    for group in (demoted, changed):
        if group:
            Person.objects.bulk_update(group, fields, batch_size=BATCH)
    prepared = _Prepared()
    new = []
    for row, p in plan.persons_new:
        full_name, search_name, ethnicity = prepared(p.full_name, p.ethnicity)
        new.append(
            (
                households[row.code],
                full_name,
                search_name,
                p.relation_to_head,
                p.sex,
                p.birth_date,
                p.birth_year_only,
                p.national_id,
                p.legacy_id,
                ethnicity,
                p.disability_level,
            )
        )
    columns = (
        "household_id",
        "full_name",
        "search_name",
        "relation_to_head",
        "sex",
        "birth_date",
        "birth_year_only",
        "national_id",
        "legacy_id",
        "ethnicity",
        "disability_level",
    )
    ids = _create(Person, columns, new, history)
    if demoted or changed:
        Person.history.bulk_history_create(
            [*demoted, *changed], batch_size=BATCH, update=True, **history
        )
    return [(pk, row[0], row[3]) for pk, row in zip(ids, new, strict=True)]


class _Prepared(dict):
    """prepare_person's name, search key and ethnicity (a new person's blank ethnicity is
    Kinh): the values the register's own saves store, once per distinct name and ethnicity."""

    def __init__(self):
        super().__init__()
        self.person = Person()  # one instance for prepare_person to work on

    def __call__(self, full_name: str, ethnicity: str) -> tuple[str, str, str]:
        key = (full_name, ethnicity)
        if key not in self:
            self.person.full_name, self.person.ethnicity = full_name, ethnicity or "Kinh"
            done = prepare_person(self.person)
            self[key] = (done.full_name, done.search_name, done.ethnicity)
        return self[key]


def _write_statuses(plan, households, decision, history) -> None:
    columns = ("household_id", "year", "valid_from", "classification", "previous", "movement")
    columns += tuple(decision)
    extra = tuple(decision.values())
    held_from = date(plan.year, 1, 1) if plan.year else None
    new = []
    for row in plan.statuses_new:
        household_id = households[row.code]
        previous, moved = _movement(plan, household_id, row.classification)
        new.append(
            (household_id, plan.year, held_from, row.classification, previous, moved, *extra)
        )
    _create(HouseholdStatus, columns, new, history)
    changed = []
    for status, classification in plan.statuses_changed:
        status.classification = classification
        status.previous, status.movement = _movement(plan, status.household_id, classification)
        for name, value in decision.items():
            setattr(status, name, value)
        changed.append(status)
    if changed:
        HouseholdStatus.objects.bulk_update(
            changed, ["classification", "previous", "movement", *decision], batch_size=BATCH
        )
        HouseholdStatus.history.bulk_history_create(
            changed, batch_size=BATCH, update=True, **history
        )
    touched = {row[0] for row in new} | {status.household_id for status in changed}
    if touched:
        status_ranges_refresh(household_ids=touched)


def _movement(plan, household_id: int, classification: str) -> tuple[str, str]:
    """(previous, movement) of an imported status; a first record has neither."""
    previous, escaped = plan.earlier.get(household_id, ("", frozenset()))
    if not previous:
        return "", ""
    return previous, rules.movement(previous, classification, escaped=escaped)


def _create(model, columns: tuple, rows: list[tuple], history: dict) -> list[int]:
    """Insert rows (values of the columns, field attnames; the other fields take their
    defaults, as a new instance would) with their "+" history records; return their ids."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objs, batch_size=BATCH)
        model.history.bulk_history_create(objs, batch_size=BATCH, **history)
        return [obj.pk for obj in objs]
    now = history["default_date"]
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in model._meta.concrete_fields
        if not f.primary_key and f.attname not in columns
    }
    ids = reserve_ids(model, len(rows))
    rest = tuple(defaults.values())
    table = [(pk, *row, *rest) for pk, row in zip(ids, rows, strict=True)]
    names = ("id", *columns, *defaults)
    copy_rows(model._meta.db_table, names, table)
    user = history["default_user"]
    record = {
        "history_date": now,
        "history_change_reason": history["default_change_reason"],
        "history_type": "+",
        "history_user_id": user.pk if user else None,
    }
    past = model.history.model
    tracked = [
        f.attname
        for f in past._meta.concrete_fields
        if not f.primary_key and f.attname not in record
    ]
    tracked_values = itemgetter(*(names.index(name) for name in tracked))
    extra = tuple(record.values())
    copy_rows(past._meta.db_table, (*tracked, *record), (tracked_values(t) + extra for t in table))
    return ids


def _memberships_create(plan, joined: list[tuple], *, user, now) -> None:
    """The new persons' open memberships: in a household the list creates, from the
    list's year (its statuses hold from 1 January); in one the register had, from today."""
    today = timezone.localdate(now)  # the office's day, not UTC's (7 hours behind)
    new_start = min(today, date(plan.year, 1, 1)) if plan.year else today
    existing = set(plan.existing.values())
    rows = [
        (
            person_id,
            household_id,
            relation,
            today if household_id in existing else new_start,
            Joined.REGISTERED,
            user.pk if user else None,
            now,
        )
        for person_id, household_id, relation in joined
    ]
    columns = (
        "person_id",
        "household_id",
        "relation_to_head",
        "started_on",
        "join_reason",
        "created_by_id",
        "created_at",
    )
    if connection.vendor != "postgresql":
        Membership.objects.bulk_create(
            [Membership(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH
        )
    elif rows:
        ids = reserve_ids(Membership, len(rows))
        copy_rows(
            Membership._meta.db_table,
            ("id", *columns, "leave_reason", "note"),
            ((pk, *row, "", "") for pk, row in zip(ids, rows, strict=True)),
        )
