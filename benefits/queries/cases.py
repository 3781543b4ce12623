"""The cases a ward's payroll pays, read as plain rows: hundreds a ward, tens of thousands
a province, where building four model instances a case was a fifth of the generation.

The rows carry what the schedules (beneficiaries.queries.case_schedule), the fingerprints
and the lines' snapshot read, under the models' own attribute names."""

import json
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from beneficiaries.models import Case


@dataclass(frozen=True, slots=True)
class Recipient:
    """A person as a payroll line keeps them, and the facts of theirs the rules read."""

    pk: int
    full_name: str
    national_id: str
    birth_date: date | None
    disability_level: str
    deceased_on: date | None
    address: str
    group_name: str

    @classmethod
    def of(cls, person) -> "Recipient":
        """From a Person (its household and residential group selected)."""
        household = person.household
        group = household.residential_group
        return cls(
            person.pk,
            person.full_name,
            person.national_id,
            person.birth_date,
            person.disability_level,
            person.deceased_on,
            household.address,
            group.name if group else "",
        )


@dataclass(frozen=True, slots=True)
class PayrollCase:
    pk: int
    person_id: int
    ward_id: int
    benefit: str
    status: str
    applied_on: date
    flags: tuple[str, ...]
    children_raised: int
    pension_amount: int
    disability_certified_on: date | None
    start_month: date | None
    end_month: date | None
    person: Recipient


CASE_COLUMNS = tuple(f for f in PayrollCase.__slots__ if f not in ("flags", "person"))
FLAGS = PayrollCase.__slots__.index("flags")
PERSON_COLUMNS = (
    "person__full_name",
    "person__national_id",
    "person__birth_date",
    "person__disability_level",
    "person__deceased_on",
    "person__household__address",
    "person__household__residential_group__name",
)


def payroll_cases(ward_id: int, since: date, month: date):
    """The ward's cases paid at some month from `since` to `month` (a queryset)."""
    return Case.objects.filter(
        ward_id=ward_id, start_month__isnull=False, start_month__lte=month
    ).filter(Q(end_month__isnull=True) | Q(end_month__gt=since))


def case_rows(cases) -> list[PayrollCase]:
    """The cases of `payroll_cases` with their persons, in id order."""
    # The flags as their JSON text, each distinct text read once: a ward's cases share a
    # handful, and decoding every case's was a tenth of reading them.
    flags: dict[str, tuple[str, ...]] = {}
    rows = cases.order_by("pk").annotate(flags_text=Cast("flags", TextField()))
    found = []
    for text, *case, name, national_id, born, level, died, address, group in rows.values_list(
        "flags_text", *CASE_COLUMNS, *PERSON_COLUMNS
    ):
        if text not in flags:
            flags[text] = tuple(json.loads(text) if text else ())
        case.insert(FLAGS, flags[text])
        person = Recipient(case[1], name, national_id, born, level, died, address, group or "")
        found.append(PayrollCase(*case, person))
    return found
