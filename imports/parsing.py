"""Turn the rows of a list into households and persons, with every problem found.

Pure: values in, values out. What the database already holds is checked in planning.py.
"""

import functools
import gc
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from areas.names import clean_name, search_key
from households.rules import InvalidNationalId, parse_national_id

from . import values
from .columns import FIELDS, IGNORED


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
    incomplete: bool = False  # a member's row was refused: its head count is not checked


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


def without_gc(func):
    """Run func with Python's cyclic garbage collector paused. Reading a list allocates
    hundreds of thousands of objects and frees almost none; each allocation burst makes the
    collector walk every object alive again, which took a third of the time of a large list.
    What is left to collect is collected once the function returns."""

    @functools.wraps(func)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@without_gc
def parse_rows(rows: list[list], header: int, mapping: dict[int, str], ctx: Context) -> ParsedList:
    """Read every data row below the header row into households and their members."""
    households: dict[str, HouseholdRow] = {}
    problems: list[Problem] = []
    columns = {f: i for i, f in sorted(mapping.items(), reverse=True) if f != IGNORED}
    indexes = [columns.get(name) for name in _ROW_FIELDS]
    read_ = _Readers(ctx)
    read = 0
    for index in range(header + 1, len(rows)):
        cells = rows[index]
        line = index + 1
        n = len(cells)
        row = _Row._make([cells[i] if i is not None and i < n else "" for i in indexes])
        code = read_.code[row.household_code]
        if not code and _is_blank_or_total(cells):
            continue
        read += 1
        row_problems: list[Problem] = []
        household = _household(row, code, line, households, row_problems, read_)
        person = _person(row, line, row_problems, read_)
        problems.extend(row_problems)
        if household is not None:
            if person is None:
                household.incomplete = True
            else:
                household.persons.append(person)
    problems.extend(_check_households(households))
    problems.sort(key=lambda p: (p.row, not p.blocking))
    return ParsedList(households=households, problems=problems, rows_read=read)


# The cells a row is read from, in this order; a column that is not mapped reads as "".
_ROW_FIELDS = (
    "household_code",
    "ward",
    "residential_group",
    "address",
    "phone",
    "classification",
    "full_name",
    "relation_to_head",
    "sex",
    "birth",
    "national_id",
    "ethnicity",
    "disability_level",
)


class _Row(NamedTuple):
    household_code: Any
    ward: Any
    residential_group: Any
    address: Any
    phone: Any
    classification: Any
    full_name: Any
    relation_to_head: Any
    sex: Any
    birth: Any
    national_id: Any
    ethnicity: Any
    disability_level: Any


class _Memo(dict):
    """A pure reader's result for each distinct cell value, looked up as memo[cell]: a list
    repeats most of its values (relations, sexes, groups, names, household details)."""

    def __init__(self, read):
        super().__init__()
        self.read = read

    def __missing__(self, value):
        result = self.read(value)
        # 1, 1.0 and True are one key but not one cell ("1" and "True" as text): keep the
        # result of a cell that is equal to 0 or 1 to itself.
        if value.__class__ is not bool and not (value == 0 or value == 1):
            self[value] = result
        return result


def _failure(read):
    """Wrap a reader that raises ValueError: return (value, None) or (None, message)."""

    def attempt(value):
        try:
            return read(value), None
        except ValueError as e:
            return None, str(e)

    return attempt


class _Readers:
    """The values module's readers, remembered per distinct cell for one list."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = _Memo(values.text)
        self.code = _Memo(lambda v: clean_name(values.text(v)).upper())
        self.clean = _Memo(lambda v: clean_name(values.text(v)))
        self.ward_known = _Memo(lambda text: values.ward_key(text) in ctx.ward_keys)
        self.group = _Memo(lambda text: (values.group_key(text), values.group_display(text)))
        self.classification = _Memo(_failure(values.classification))
        self.name = _Memo(self._name)
        self.relation = _Memo(lambda v: (values.text(v), *values.relation(values.text(v))))
        self.sex = _Memo(_failure(values.sex))
        self.birth = _Memo(_failure(lambda v: values.birth(v, today=ctx.today)))
        self.disability = _Memo(_failure(values.disability))

    @staticmethod
    def _name(value) -> tuple[str, str]:
        name = clean_name(values.text(value))
        return name, search_key(name)


def _is_blank_or_total(cells: list) -> bool:
    """For a row without a household code: blank, or a footer such as "Tổng cộng: 81 hộ,
    338 nhân khẩu", wherever it is written."""
    if all(c in ("", None) for c in cells):
        return True
    return any(
        search_key(c).startswith(("tong", "cong:", "total")) for c in cells if isinstance(c, str)
    )


def _label(name: str) -> str:
    return str(FIELDS[name])


def _household(row: _Row, code: str, line, households, problems, read: _Readers):
    if not code:
        problems.append(Problem(line, _label("household_code"), _("Thiếu mã hộ.")))
        return None
    ctx = read.ctx
    household = households.get(code)
    if household is None:
        household = households[code] = HouseholdRow(code=code, row=line)
    ward = read.text[row.ward]
    if ward and not read.ward_known[ward]:
        problems.append(
            Problem(
                line,
                _label("ward"),
                _("Dòng này thuộc “%(ward)s”, không phải xã, phường đang nhập.") % {"ward": ward},
            )
        )
    group = read.text[row.residential_group]
    if group:
        key, display = read.group[group]
        if household.group_key and household.group_key != key:
            problems.append(
                Problem(
                    line,
                    _label("residential_group"),
                    _("Hộ %(code)s được ghi ở hai tổ khác nhau.") % {"code": code},
                )
            )
        elif not household.group_key:
            household.group_key, household.group_name = key, display
            if key not in ctx.group_keys and ctx.create_groups:
                problems.append(
                    Problem(
                        line,
                        _label("residential_group"),
                        _("Sẽ tạo tổ dân phố, khóm mới “%(group)s”.") % {"group": group},
                        blocking=False,
                    )
                )
            elif key not in ctx.group_keys:
                problems.append(
                    Problem(
                        line,
                        _label("residential_group"),
                        _(
                            "Chưa có tổ dân phố, khóm “%(group)s” trong xã, phường: đánh dấu "
                            "“Tạo các tổ dân phố, khóm chưa có” rồi xem trước lại, hoặc sửa tên "
                            "cho đúng."
                        )
                        % {"group": group},
                    )
                )
    household.address = household.address or read.clean[row.address]
    household.phone = household.phone or read.text[row.phone]
    raw_class = "" if household.classification else read.text[row.classification]
    if raw_class:
        classification, error = read.classification[raw_class]
        if error:
            problems.append(Problem(line, _label("classification"), error))
        else:
            household.classification = classification
    return household


def _person(row: _Row, line, problems, read: _Readers) -> PersonRow | None:
    name, search_name = read.name[row.full_name]
    if not name:
        problems.append(Problem(line, _label("full_name"), _("Thiếu họ và tên.")))
        return None
    ok = True
    relation_raw, relation, known = read.relation[row.relation_to_head]
    if not relation_raw:
        problems.append(Problem(line, _label("relation_to_head"), _("Thiếu quan hệ với chủ hộ.")))
        ok = False
    elif not known:
        problems.append(
            Problem(
                line,
                _label("relation_to_head"),
                _("Quan hệ “%(v)s” không có trong danh mục: ghi là “Khác”.") % {"v": relation_raw},
                blocking=False,
            )
        )
    sex, error = read.sex[row.sex]
    if error:
        missing = not read.text[row.sex]
        problems.append(Problem(line, _label("sex"), _("Thiếu giới tính.") if missing else error))
        sex, ok = "", False
    birth, error = read.birth[row.birth]
    birth_date, year_only = birth or (None, False)
    if error:
        problems.append(Problem(line, _label("birth"), error))
        ok = False
    national_id = legacy_id = ""
    raw_id, padded = _national_id_text(row.national_id)
    if raw_id:
        try:
            parsed = parse_national_id(
                raw_id,
                birth_year=birth_date.year if birth_date else None,
                sex=sex or None,
                province_codes=read.ctx.province_codes,
            )
        except InvalidNationalId as e:
            problems.append(Problem(line, _label("national_id"), str(e)))
            ok = False
        else:
            national_id = parsed.value if parsed.kind == "national_id" else ""
            legacy_id = parsed.value if parsed.kind == "legacy_id" else ""
            for warning in parsed.warnings:
                problems.append(Problem(line, _label("national_id"), warning, blocking=False))
            if padded:
                problems.append(
                    Problem(
                        line,
                        _label("national_id"),
                        _("Excel đã bỏ số 0 đầu của số định danh: đã thêm lại."),
                        blocking=False,
                    )
                )
    disability, error = read.disability[row.disability_level]
    if error:
        problems.append(Problem(line, _label("disability_level"), error))
        ok = False
    if not ok:
        return None
    return PersonRow(
        row=line,
        full_name=name,
        search_name=search_name,
        relation_to_head=relation,
        sex=sex,
        birth_date=birth_date,
        birth_year_only=year_only,
        national_id=national_id,
        legacy_id=legacy_id,
        ethnicity=read.clean[row.ethnicity],
        disability_level=disability,
    )


def _national_id_text(value) -> tuple[str, bool]:
    """values.national_id_text, with a shortcut for the usual cell: twelve digits as text."""
    if value.__class__ is str and len(value) == 12 and value.isdigit():
        return value, False
    return values.national_id_text(value)


def _check_households(households: dict[str, HouseholdRow]) -> list[Problem]:
    problems: list[Problem] = []
    for household in households.values():
        problems.extend(_check_heads(household))
    problems.extend(_check_duplicates(households))
    return problems


def _check_heads(household: HouseholdRow) -> list[Problem]:
    heads = [p for p in household.persons if p.relation_to_head == "head"]
    if len(heads) == 1 or not household.persons:
        return []
    column = _label("relation_to_head")
    if not heads and not household.incomplete:
        message = _("Hộ %(code)s không có chủ hộ.") % {"code": household.code}
        return [Problem(household.row, column, message)]
    message = _("Hộ %(code)s có hơn một chủ hộ (chủ hộ đầu tiên ở dòng %(row)d).")
    return [
        Problem(extra.row, column, message % {"code": household.code, "row": heads[0].row})
        for extra in heads[1:]
    ]


def _check_duplicates(households: dict[str, HouseholdRow]) -> list[Problem]:
    """One person in two rows: the same national ID anywhere (an error), or the same name
    and birth date in two households (a warning: it may be two people)."""
    problems = []
    by_id: dict[str, tuple[str, int]] = {}
    by_name: dict[tuple, tuple[str, int]] = {}
    same_id = _(
        "Số định danh %(id)s đã ghi ở dòng %(row)d (hộ %(code)s): một người chỉ thuộc một hộ."
    )
    same_name = _(
        "%(name)s, sinh %(birth)s, cũng có ở hộ %(code)s (dòng %(row)d): kiểm tra "
        "xem có phải một người ghi ở hai hộ."
    )
    for household in households.values():
        for p in household.persons:
            if p.national_id:
                code, row = by_id.setdefault(p.national_id, (household.code, p.row))
                if row != p.row:
                    problems.append(
                        Problem(
                            p.row,
                            _label("national_id"),
                            same_id % {"id": p.national_id, "row": row, "code": code},
                        )
                    )
            elif p.birth_date:
                code, row = by_name.setdefault(
                    (p.search_name, p.birth_date), (household.code, p.row)
                )
                if code != household.code:
                    birth = p.birth_date.strftime("%d/%m/%Y")
                    problems.append(
                        Problem(
                            p.row,
                            _label("full_name"),
                            same_name
                            % {"name": p.full_name, "birth": birth, "code": code, "row": row},
                            blocking=False,
                        )
                    )
    return problems


def problems_by_row(problems: list[Problem]) -> dict[int, list[Problem]]:
    grouped = defaultdict(list)
    for p in problems:
        grouped[p.row].append(p)
    return grouped
