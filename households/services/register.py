"""Writes to the household register. Each runs in one transaction and leaves history."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from areas.scope import can_write_ward
from vn.names import clean_name, search_key

from ..models import Household, HouseholdStatus, Person
from ..rules import escaped_lines, head_count_error, movement
from .deletion import household_deletion_refusal, person_deletion_refusal
from .memberships import memberships_extend_back, memberships_sync

HOUSEHOLD_FIELDS = ("ward", "residential_group", "code", "address", "phone", "notes")
BLANK_FIELDS = ("address", "phone", "notes")
PERSON_FIELDS = (
    "full_name",
    "national_id",
    "legacy_id",
    "birth_date",
    "birth_year_only",
    "sex",
    "ethnicity",
    "relation_to_head",
    "disability_level",
    "has_health_insurance",
    "health_insurance_number",
    "in_school",
    "education",
    "deceased_on",
    "moved_out_on",
)


class RegisterError(Exception):
    """A write refused for a reason the user can act on; the message is Vietnamese."""


class StaleEdit(RegisterError):
    pass


@dataclass(frozen=True)
class MemberData:
    """One member as the form or an import delivers it; id is None for a new person."""

    id: int | None
    values: dict
    delete: bool = False

    @classmethod
    def from_cleaned(cls, data: dict) -> "MemberData":
        return cls(
            id=data.get("id"),
            values={f: data.get(f) for f in PERSON_FIELDS},
            delete=bool(data.get("DELETE")),
        )


def prepare_person(person: Person) -> Person:
    """Normalise the name and derive its search key (also used by bulk loaders)."""
    person.full_name = clean_name(person.full_name)
    person.search_name = search_key(person.full_name)
    person.ethnicity = clean_name(person.ethnicity)
    return person


@transaction.atomic
def household_save(
    *,
    user,
    household: Household | None,
    values: dict,
    members: list[MemberData],
    version: int | None = None,
) -> Household:
    """Create or update a household and its members in one step.

    An update carries the version the user started from; if someone saved in between,
    StaleEdit is raised and nothing is written.
    """
    if not can_write_ward(user, values["ward"].pk):
        raise RegisterError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))
    if household is None:
        household = Household()
    else:
        _check_open(household)
        claimed = Household.objects.filter(pk=household.pk, version=version).update(
            version=F("version") + 1
        )
        if not claimed:
            raise StaleEdit(
                _(
                    "Hộ này vừa được người khác sửa và lưu sau khi bạn mở trang. "
                    "Thay đổi của bạn chưa được lưu: hãy tải lại trang để xem bản mới nhất "
                    "rồi sửa lại."
                )
            )
        household.version = version + 1
    for name in HOUSEHOLD_FIELDS:
        value = values.get(name) if name != "code" else values["code"]
        # An import may leave optional text out: blank, never NULL (which the code
        # uniqueness handler below would misreport as a duplicate code).
        setattr(household, name, "" if value is None and name in BLANK_FIELDS else value)
    household._history_user = user
    try:
        with transaction.atomic():
            household.save()
    except IntegrityError:
        raise RegisterError(
            _("Mã hộ %(code)s đã có ở xã, phường này.") % {"code": household.code}
        ) from None
    _members_save(user=user, household=household, members=members)
    memberships_sync(user=user, household_ids=[household.pk])
    return household


def _check_open(household: Household) -> None:
    """A closed household keeps what it was: no edit, no new status (its successor, if
    any, is where life goes on)."""
    if household.closed_on:
        raise RegisterError(
            _("Hộ %(code)s đã đóng sổ từ ngày %(day)s: không sửa được nữa.")
            % {"code": household.code, "day": f"{household.closed_on:%d/%m/%Y}"}
        )


def _members_save(*, user, household: Household, members: list[MemberData]) -> None:
    existing = {p.pk: p for p in household.members.all()} if household.pk else {}
    unknown = [m.id for m in members if m.id is not None and m.id not in existing]
    if unknown:
        raise RegisterError(_("Một nhân khẩu trong biểu mẫu không thuộc hộ này."))
    after = _relations_after(existing, members)
    error = head_count_error(after) if after or not members else None  # all gone: no head
    if error:
        raise RegisterError(error)
    _members_delete(user=user, people=[existing[m.id] for m in members if m.delete and m.id])
    # Demote old heads before anyone else is saved, so at most one head exists at any
    # moment; everyone else keeps the order given (the register lists members by pk).
    kept = sorted(
        (m for m in members if not m.delete), key=lambda m: not _demotes_head(existing, m)
    )
    for m in kept:
        person = existing.get(m.id) or Person(household=household)
        for name, value in m.values.items():
            setattr(person, name, value if value is not None else _blank(name))
        prepare_person(person)
        check_national_id_free(person)
        person._history_user = user
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            raise RegisterError(
                _("Số định danh %(id)s đã được ghi cho một người khác.")
                % {"id": person.national_id}
            ) from None


def _demotes_head(existing: dict[int, Person], m: MemberData) -> bool:
    was_head = m.id is not None and existing[m.id].relation_to_head == "head"
    return was_head and m.values["relation_to_head"] != "head"


def _relations_after(existing: dict[int, Person], members: list[MemberData]) -> list[str]:
    """Return every member's relation to the head as the save would leave it."""
    # Those who died or moved away are no longer counted: they keep their last relation.
    relations = {pk: p.relation_to_head for pk, p in existing.items() if not _gone(p.__dict__)}
    added = []
    for m in members:
        if m.delete or _gone(m.values):
            relations.pop(m.id, None)
        elif m.id is None:
            added.append(m.values["relation_to_head"])
        else:
            relations[m.id] = m.values["relation_to_head"]
    return [*relations.values(), *added]


def _gone(values: dict) -> bool:
    return bool(values.get("deceased_on") or values.get("moved_out_on"))


def _blank(name: str):
    text = ("national_id", "legacy_id", "ethnicity", "disability_level")
    return "" if name in (*text, "health_insurance_number", "education") else None


def check_national_id_free(person: Person) -> None:
    if not person.national_id:
        return
    other = Person.objects.filter(national_id=person.national_id).exclude(pk=person.pk)
    if other.exists():
        raise RegisterError(
            _(
                "Số định danh %(id)s đã thuộc một người ở hộ khác: mỗi người chỉ thuộc một hộ. "
                "Hãy chuyển người đó khỏi hộ cũ trước."
            )
            % {"id": person.national_id}
        )


def _members_delete(*, user, people: list[Person]) -> None:
    """Delete members typed in by mistake; anyone something refers to is refused, all
    together, before anything is deleted."""
    refusals = [r for p in people if (r := person_deletion_refusal(p))]
    if refusals:
        raise RegisterError(" ".join(str(r) for r in refusals))
    for person in people:
        person._history_user = user
        person.delete()


@transaction.atomic
def household_delete(*, user, household: Household, today: date | None = None) -> None:
    """Delete a household typed in by mistake, with its members, memberships and statuses,
    keeping their history; refused (RegisterError) once anything refers to it."""
    if not can_write_ward(user, household.ward_id):
        raise RegisterError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))
    household = Household.objects.select_for_update().get(pk=household.pk)
    refusal = household_deletion_refusal(household, today=today)
    if refusal:
        raise RegisterError(str(refusal))
    for obj in [*household.statuses.all(), *household.members.all(), household]:
        obj._history_user = user
        obj.delete()


@transaction.atomic
def household_status_record(*, user, household: Household, values: dict) -> HouseholdStatus:
    """Record (or correct) a classification: for a year, held from 1 January unless the
    values say from when."""
    _check_open(household)
    held_from = values.get("valid_from") or date(values["year"], 1, 1)
    status = household.statuses.filter(valid_from=held_from).first() or HouseholdStatus(
        household=household, valid_from=held_from
    )
    for name, value in values.items():
        setattr(status, name, value)
    if "movement" not in values:
        status.previous, status.movement = _movement_from(household, status)
    status._history_user = user
    status.save()
    status_ranges_refresh(household_ids=[household.pk])
    return status


def _movement_from(household: Household, status: HouseholdStatus) -> tuple[str, str]:
    """(previous, movement) of a status typed in, from the household's earlier ones, as a
    decision or an import computes them (a first record has neither)."""
    earlier = list(
        household.statuses.filter(valid_from__lt=status.valid_from)
        .order_by("valid_from")
        .values_list("classification", flat=True)
    )
    if not earlier:
        return "", ""
    moved = movement(earlier[-1], status.classification, escaped=escaped_lines(earlier))
    return earlier[-1], moved


@transaction.atomic
def statuses_record(*, user, statuses: list[HouseholdStatus], reason: str) -> None:
    """Record many decided statuses at once (a decision's list), each with its history.

    Raises IntegrityError, rolling back, when a household already has a status that day.
    """
    HouseholdStatus.objects.bulk_create(statuses)
    HouseholdStatus.history.bulk_history_create(
        statuses, default_user=user, default_change_reason=reason
    )
    status_ranges_refresh(household_ids={s.household_id for s in statuses})


def status_ranges_refresh(*, household_ids) -> None:
    """Close each status of the households on the day their next one starts.

    Every write of statuses calls it: superseded_on is derived, never typed, so it is
    recomputed rather than patched (a correction or an import may insert in the middle).
    """
    household_ids = list(household_ids)
    following = HouseholdStatus.objects.filter(
        household=OuterRef("household"), valid_from__gt=OuterRef("valid_from")
    ).order_by("valid_from")
    HouseholdStatus.objects.filter(household_id__in=list(household_ids)).update(
        superseded_on=Subquery(following.values("valid_from")[:1])
    )
    # Registered members count from the earliest status, now known.
    memberships_extend_back(household_ids=household_ids)


def households_reviewed(*, user, household_ids, on: date) -> None:
    """The review decided on the day looked at the households again: the events recorded
    up to that day no longer put them on the next review's worklist."""
    for household in Household.objects.filter(pk__in=household_ids, changed_on__lte=on):
        household.changed_on = None
        household._history_user = user
        household._change_reason = _("Đã rà soát lại")
        household.save(update_fields=["changed_on", "updated_at"])
