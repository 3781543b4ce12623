"""The plan of an import: what committing a list would create, change or leave alone, and
the register's rows as the plan compares them."""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from areas.models import Area
from households.models import Household, HouseholdStatus, Person

from .rows import HouseholdRow, PersonRow, Problem

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
