"""Turn the rows of a list into households and persons, with every problem found.

Pure: values in, values out. What the database already holds is checked in planning.py.
"""

from django.utils.translation import gettext as _

from households.rules import InvalidNationalId, parse_national_id
from ui.bulk import without_gc

from .cells import (
    MAX_LENGTHS,
    ROW_FIELDS,
    Readers,
    Row,
    is_blank_or_total,
    label,
    national_id_text,
)
from .columns import IGNORED
from .encodings import convert_legacy
from .list_checks import check_households
from .rows import Context, HouseholdRow, ParsedList, PersonRow, Problem
from .values import text as values_text


@without_gc
def parse_rows(
    rows: list[list], header: int, mapping: dict[int, str], ctx: Context, *, formulas=None
) -> ParsedList:
    """Read every data row below the header row into households and their members.

    formulas: the sheet's formula cells, (row, column) index → "=…", as read_upload gives.
    """
    households: dict[str, HouseholdRow] = {}
    columns = {f: i for i, f in sorted(mapping.items(), reverse=True) if f != IGNORED}
    rows, problems = convert_legacy(rows, header, columns)
    indexes = [columns.get(name) for name in ROW_FIELDS]
    in_formulas = _formulas_by_row(formulas or {}, header, indexes)
    read_ = Readers(ctx)
    read = 0
    skipped = set()
    for index in range(header + 1, len(rows)):
        cells = rows[index]
        line = index + 1
        n = len(cells)
        row = Row._make([cells[i] if i is not None and i < n else "" for i in indexes])
        code = read_.code[row.household_code]
        if not code and is_blank_or_total(cells):
            skipped.add(line)
            continue
        read += 1
        row_problems: list[Problem] = []
        household = _household(row, code, line, households, row_problems, read_)
        person = _person(row, line, row_problems, read_)
        if index in in_formulas:
            _formula_problems(in_formulas[index], row, line, row_problems)
        problems.extend(row_problems)
        if household is not None:
            if person is not None:
                household.persons.append(person)
            elif read_.relation[row.relation_to_head][1] == "head":
                household.refused_heads.append(line)
    if problems and skipped:  # a total line converted from TCVN3 is no cell of the list
        problems = [p for p in problems if p.row not in skipped]
    problems.extend(check_households(households))
    problems.sort(key=lambda p: (p.row, not p.blocking))
    return ParsedList(households=households, problems=problems, rows_read=read)


def _formulas_by_row(formulas: dict, header: int, indexes: list) -> dict[int, list]:
    """Row index → (field, formula) of each cell of an imported column holding a formula."""
    fields = {i: name for name, i in zip(ROW_FIELDS, indexes, strict=True) if i is not None}
    by_row: dict[int, list[tuple[str, str]]] = {}
    for (r, c), formula in formulas.items():
        if r > header and c in fields:
            by_row.setdefault(r, []).append((fields[c], formula))
    return by_row


def _formula_problems(formulas: list, row: Row, line: int, problems: list) -> None:
    """A formula's stored result is read with a warning; one with none is an error, in place
    of what its empty cell would be called ("Thiếu họ và tên")."""
    for name, formula in formulas:
        column = label(name)
        shown = formula if len(formula) <= 60 else formula[:59] + "…"
        value = getattr(row, name)
        if value in ("", None):
            problems[:] = [p for p in problems if p.column != column]
            message = _(
                "Ô này là công thức %(formula)s, không có kết quả lưu sẵn: hãy dán giá trị "
                "(Dán đặc biệt → Giá trị) thay cho công thức."
            ) % {"formula": shown}
            problems.append(Problem(line, column, message))
        else:
            message = _(
                "Ô này là công thức %(formula)s: đã lấy kết quả Excel lưu sẵn “%(value)s”; "
                "hãy dán giá trị thay cho công thức."
            ) % {"formula": shown, "value": _shown_value(value)}
            problems.append(Problem(line, column, message, blocking=False))


def _shown_value(value) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return values_text(value)


def _household(row: Row, code: str, line, households, problems, read: Readers):
    if not code:
        problems.append(Problem(line, label("household_code"), _("Thiếu mã hộ.")))
        return None
    if not _fits(code, "household_code", line, problems):
        return None
    household = households.get(code)
    if household is None:
        household = households[code] = HouseholdRow(code=code, row=line)
    ward = read.text[row.ward]
    if ward and not read.ward_known[ward]:
        problems.append(
            Problem(
                line,
                label("ward"),
                _("Dòng này thuộc “%(ward)s”, không phải xã, phường đang nhập.") % {"ward": ward},
            )
        )
    group = read.text[row.residential_group]
    if group and _fits(group, "residential_group", line, problems):
        _take_group(household, group, line, problems, read)
    if not household.address and _fits(
        address := read.clean[row.address], "address", line, problems
    ):
        household.address = address
    if not household.phone and _fits(phone := read.text[row.phone], "phone", line, problems):
        household.phone = phone
    raw_class = "" if household.classification else read.text[row.classification]
    if raw_class:
        classification, error = read.classification[raw_class]
        if error:
            problems.append(Problem(line, label("classification"), error))
        else:
            household.classification = classification
    return household


def _take_group(household: HouseholdRow, group: str, line, problems, read: Readers) -> None:
    """Give the household the row's residential group, or say why the group cannot be."""
    key, display = read.group[group]
    column = label("residential_group")
    if household.group_key and household.group_key != key:
        message = _("Hộ %(code)s được ghi ở hai tổ khác nhau.") % {"code": household.code}
        problems.append(Problem(line, column, message))
        return
    if household.group_key:
        return
    household.group_key, household.group_name = key, display
    if key in read.ctx.group_keys:
        return
    if read.ctx.create_groups:
        message = _("Sẽ tạo tổ dân phố, khóm mới “%(group)s”.") % {"group": group}
        problems.append(Problem(line, column, message, blocking=False))
    else:
        message = _(
            "Chưa có tổ dân phố, khóm “%(group)s” trong xã, phường: đánh dấu "
            "“Tạo các tổ dân phố, khóm chưa có” rồi xem trước lại, hoặc sửa tên "
            "cho đúng."
        ) % {"group": group}
        problems.append(Problem(line, column, message))


def _person(row: Row, line, problems, read: Readers) -> PersonRow | None:
    """The row's person, or None when a blocking problem refuses the row's person."""
    name, search_name = read.name[row.full_name]
    if not name:
        problems.append(Problem(line, label("full_name"), _("Thiếu họ và tên.")))
        return None
    found = len(problems)  # problems of the person are those appended from here on
    _fits(name, "full_name", line, problems)
    ethnicity = read.clean[row.ethnicity]
    _fits(ethnicity, "ethnicity", line, problems)
    relation = _relation(row.relation_to_head, line, problems, read)
    sex = _sex(row.sex, line, problems, read)
    birth, error = read.birth[row.birth]
    birth_date, year_only = birth or (None, False)
    if error:
        problems.append(Problem(line, label("birth"), error))
    national_id, legacy_id = _ids(row.national_id, line, problems, read, birth_date, sex)
    disability, error = read.disability[row.disability_level]
    if error:
        problems.append(Problem(line, label("disability_level"), error))
    if any(p.blocking for p in problems[found:]):
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
        ethnicity=ethnicity,
        disability_level=disability,
    )


def _fits(value: str, field: str, line, problems) -> bool:
    """Whether the text fits its column; a blocking problem when it does not."""
    limit = MAX_LENGTHS[field]
    if len(value) <= limit:
        return True
    message = _("Dài %(n)d ký tự, quá %(limit)d ký tự mà sổ lưu được: hãy viết gọn lại.")
    problems.append(Problem(line, label(field), message % {"n": len(value), "limit": limit}))
    return False


def _relation(value, line, problems, read: Readers) -> str:
    raw, relation, known = read.relation[value]
    if not raw:
        problems.append(Problem(line, label("relation_to_head"), _("Thiếu quan hệ với chủ hộ.")))
    elif not known:
        message = _("Quan hệ “%(v)s” không có trong danh mục: ghi là “Khác”.") % {"v": raw}
        problems.append(Problem(line, label("relation_to_head"), message, blocking=False))
    return relation


def _sex(value, line, problems, read: Readers) -> str:
    sex, error = read.sex[value]
    if not error:
        return sex
    missing = not read.text[value]
    problems.append(Problem(line, label("sex"), _("Thiếu giới tính.") if missing else error))
    return ""


def _ids(value, line, problems, read: Readers, birth_date, sex: str) -> tuple[str, str]:
    """The cell's national ID and legacy ID, one of them set; both "" if empty or refused."""
    raw_id, padded = national_id_text(value)
    if not raw_id:
        return "", ""
    column = label("national_id")
    try:
        parsed = parse_national_id(
            raw_id,
            birth_year=birth_date.year if birth_date else None,
            sex=sex or None,
            province_codes=read.ctx.province_codes,
        )
    except InvalidNationalId as e:
        problems.append(Problem(line, column, str(e)))
        return "", ""
    for warning in parsed.warnings:
        problems.append(Problem(line, column, warning, blocking=False))
    if padded:
        message = _("Excel đã bỏ số 0 đầu của số định danh: đã thêm lại.")
        problems.append(Problem(line, column, message, blocking=False))
    national_id = parsed.value if parsed.kind == "national_id" else ""
    legacy_id = parsed.value if parsed.kind == "legacy_id" else ""
    return national_id, legacy_id
