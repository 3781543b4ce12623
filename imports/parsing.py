"""Turn the rows of a list into households and persons, with every problem found.

Pure: values in, values out. What the database already holds is checked in planning.py.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

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


def parse_rows(rows: list[list], header: int, mapping: dict[int, str], ctx: Context) -> ParsedList:
    """Read every data row below the header row into households and their members."""
    households: dict[str, HouseholdRow] = {}
    problems: list[Problem] = []
    columns = {f: i for i, f in sorted(mapping.items(), reverse=True) if f != IGNORED}
    read = 0
    for index in range(header + 1, len(rows)):
        cells = rows[index]
        line = index + 1
        get = _getter(cells, columns)
        if _is_blank_or_total(cells, get):
            continue
        read += 1
        row_problems: list[Problem] = []
        household = _household(get, line, households, row_problems, ctx)
        person = _person(get, line, row_problems, ctx)
        problems.extend(row_problems)
        if household is not None:
            if person is None:
                household.incomplete = True
            else:
                household.persons.append(person)
    problems.extend(_check_households(households))
    problems.sort(key=lambda p: (p.row, not p.blocking))
    return ParsedList(households=households, problems=problems, rows_read=read)


def _getter(cells: list, columns: dict[str, int]):
    def get(name: str):
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    return get


def _is_blank_or_total(cells: list, get) -> bool:
    if all(c in ("", None) for c in cells):
        return True
    if values.text(get("household_code")):
        return False
    # A footer such as "Tổng cộng: 81 hộ, 338 nhân khẩu", wherever it is written.
    return any(
        search_key(c).startswith(("tong", "cong:", "total")) for c in cells if isinstance(c, str)
    )


def _label(name: str) -> str:
    return str(FIELDS[name])


def _household(get, line, households, problems, ctx: Context) -> HouseholdRow | None:
    code = clean_name(values.text(get("household_code"))).upper()
    if not code:
        problems.append(Problem(line, _label("household_code"), _("Thiếu mã hộ.")))
        return None
    household = households.get(code)
    if household is None:
        household = households[code] = HouseholdRow(code=code, row=line)
    ward = values.text(get("ward"))
    if ward and values.ward_key(ward) not in ctx.ward_keys:
        problems.append(
            Problem(
                line,
                _label("ward"),
                _("Dòng này thuộc “%(ward)s”, không phải xã, phường đang nhập.") % {"ward": ward},
            )
        )
    group = values.text(get("residential_group"))
    if group:
        key = values.group_key(group)
        if household.group_key and household.group_key != key:
            problems.append(
                Problem(
                    line,
                    _label("residential_group"),
                    _("Hộ %(code)s được ghi ở hai tổ khác nhau.") % {"code": code},
                )
            )
        elif not household.group_key:
            household.group_key, household.group_name = key, values.group_display(group)
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
                            "Chưa có tổ dân phố, khóm “%(group)s” trong xã, phường: "
                            "chọn “Tạo tổ mới” rồi xem trước lại, hoặc sửa tên cho đúng."
                        )
                        % {"group": group},
                    )
                )
    household.address = household.address or clean_name(values.text(get("address")))
    household.phone = household.phone or values.text(get("phone"))
    raw_class = values.text(get("classification"))
    if raw_class and not household.classification:
        try:
            household.classification = values.classification(raw_class)
        except ValueError as e:
            problems.append(Problem(line, _label("classification"), str(e)))
    return household


def _person(get, line, problems, ctx: Context) -> PersonRow | None:
    name = clean_name(values.text(get("full_name")))
    if not name:
        problems.append(Problem(line, _label("full_name"), _("Thiếu họ và tên.")))
        return None
    ok = True
    relation_raw = values.text(get("relation_to_head"))
    relation, known = values.relation(relation_raw)
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
    sex = ""
    try:
        sex = values.sex(get("sex"))
    except ValueError as e:
        problems.append(
            Problem(
                line, _label("sex"), str(e) if values.text(get("sex")) else _("Thiếu giới tính.")
            )
        )
        ok = False
    birth_date, year_only = None, False
    try:
        birth_date, year_only = values.birth(get("birth"), today=ctx.today)
    except ValueError as e:
        problems.append(Problem(line, _label("birth"), str(e)))
        ok = False
    national_id = legacy_id = ""
    raw_id, padded = values.national_id_text(get("national_id"))
    if raw_id:
        try:
            parsed = parse_national_id(
                raw_id,
                birth_year=birth_date.year if birth_date else None,
                sex=sex or None,
                province_codes=ctx.province_codes,
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
    disability = ""
    try:
        disability = values.disability(get("disability_level"))
    except ValueError as e:
        problems.append(Problem(line, _label("disability_level"), str(e)))
        ok = False
    if not ok:
        return None
    return PersonRow(
        row=line,
        full_name=name,
        search_name=search_key(name),
        relation_to_head=relation,
        sex=sex,
        birth_date=birth_date,
        birth_year_only=year_only,
        national_id=national_id,
        legacy_id=legacy_id,
        ethnicity=clean_name(values.text(get("ethnicity"))),
        disability_level=disability,
    )


def _check_households(households: dict[str, HouseholdRow]) -> list[Problem]:
    problems: list[Problem] = []
    for household in households.values():
        problems.extend(_check_heads(household))
    problems.extend(_check_duplicates(households))
    return problems


def _check_heads(household: HouseholdRow) -> list[Problem]:
    heads = [p for p in household.persons if p.relation_to_head == "head"]
    column = _label("relation_to_head")
    if household.persons and not heads and not household.incomplete:
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
