"""Write a plan to the register in one transaction, with history naming the import."""

from django.db import transaction
from django.utils import timezone

from areas.models import Area, Kind, Level
from areas.services import residential_group_create
from households.models import Household, HouseholdStatus, Person
from households.services import prepare_person

from .planning import PERSON_FIELDS, Plan

BATCH = 2000


@transaction.atomic
def write_plan(plan: Plan, *, user, reason: str, decision: dict) -> None:
    """Create and update what the plan says; a failure anywhere leaves nothing written."""
    now = timezone.now()
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    groups = dict(plan.groups)
    for key, name in plan.new_groups.items():
        groups[key] = residential_group_create(ward=plan.ward, name=name, kind=_kind(plan.ward))
    households = dict(plan.existing)
    _create_households(plan, groups, households, history)
    _update_households(plan, groups, history)
    _write_persons(plan, households, history)
    _write_statuses(plan, households, decision, history)


def _kind(ward: Area) -> str:
    siblings = Area.objects.filter(parent=ward, level=Level.RESIDENTIAL_GROUP)
    first = siblings.values_list("kind", flat=True).first()
    return first or (Kind.STREET_GROUP if ward.is_urban else Kind.VILLAGE)


def _create_households(plan, groups, households, history) -> None:
    new = [
        Household(
            ward=plan.ward,
            code=row.code,
            residential_group=groups.get(row.group_key),
            address=row.address,
            phone=row.phone,
        )
        for row in plan.households_new
    ]
    Household.objects.bulk_create(new, batch_size=BATCH)
    Household.history.bulk_history_create(new, batch_size=BATCH, **history)
    households.update({h.code: h for h in new})


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


def _write_persons(plan, households, history) -> None:
    demoted, changed = [], []
    for person, row, fields in plan.persons_changed:
        was_head = person.relation_to_head == "head"
        for name, value in fields.items():
            setattr(person, name, value)
        person.household = households[row.code]
        prepare_person(person)
        (demoted if was_head and person.relation_to_head != "head" else changed).append(person)
    fields = [*PERSON_FIELDS, "search_name", "household"]
    # Demoted heads first: the database allows one head per household at any moment.
    for group in (demoted, changed):
        if group:
            Person.objects.bulk_update(group, fields, batch_size=BATCH)
    new = []
    for row, p in plan.persons_new:
        person = Person(household=households[row.code], **{f: getattr(p, f) for f in PERSON_FIELDS})
        person.ethnicity = person.ethnicity or "Kinh"
        new.append(prepare_person(person))
    Person.objects.bulk_create(new, batch_size=BATCH)
    Person.history.bulk_history_create(new, batch_size=BATCH, **history)
    if demoted or changed:
        Person.history.bulk_history_create(
            [*demoted, *changed], batch_size=BATCH, update=True, **history
        )


def _write_statuses(plan, households, decision, history) -> None:
    new = [
        HouseholdStatus(
            household=households[row.code],
            year=plan.year,
            classification=row.classification,
            **decision,
        )
        for row in plan.statuses_new
    ]
    HouseholdStatus.objects.bulk_create(new, batch_size=BATCH)
    HouseholdStatus.history.bulk_history_create(new, batch_size=BATCH, **history)
    changed = []
    for status, classification in plan.statuses_changed:
        status.classification = classification
        for name, value in decision.items():
            setattr(status, name, value)
        changed.append(status)
    if changed:
        HouseholdStatus.objects.bulk_update(
            changed, ["classification", *decision], batch_size=BATCH
        )
        HouseholdStatus.history.bulk_history_create(
            changed, batch_size=BATCH, update=True, **history
        )
