"""What reading a list gives: its households, their persons and every problem found, and
what the list is read against."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Problem:
    row: int  # the sheet's row number, as Excel shows it
    column: str
    message: str
    blocking: bool = True


@dataclass
class PersonRow:
    row: int
    full_name: str
    search_name: str
    relation_to_head: str
    sex: str
    birth_date: date | None
    birth_year_only: bool
    national_id: str
    legacy_id: str
    ethnicity: str
    disability_level: str


@dataclass
class HouseholdRow:
    code: str
    row: int
    group_key: str = ""
    group_name: str = ""
    address: str = ""
    phone: str = ""
    classification: str = ""
    persons: list[PersonRow] = field(default_factory=list)
    refused_heads: list[int] = field(default_factory=list)  # refused rows naming the head


@dataclass
class ParsedList:
    households: dict[str, HouseholdRow]
    problems: list[Problem]
    rows_read: int


@dataclass(frozen=True)
class Context:
    today: date
    group_keys: frozenset[str]  # residential groups the ward has, as values.group_key
    ward_keys: frozenset[str]  # names the target ward goes by, now and before 2025
    province_codes: frozenset[str]
    create_groups: bool = False  # unknown residential groups are created, not refused


def problems_by_row(problems: list[Problem]) -> dict[int, list[Problem]]:
    grouped = defaultdict(list)
    for p in problems:
        grouped[p.row].append(p)
    return grouped
