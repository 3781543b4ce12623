"""The small .xlsx of population figures: the template an office fills in, and its rows read.

One row per area: the ward or one of its residential groups (by code or name), the total
households and persons, the date of the figure and its source. Formula cells are read as
their stored result (openpyxl's data_only); a cell with no value is a missing value.
"""

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ui.spreadsheets import xlsx_cell
from vn.numbers import NumberError, parse_integer

from .models import Area

HEADERS = (
    "Mã hoặc tên địa bàn",
    "Tổng số hộ",
    "Tổng số nhân khẩu",
    "Số liệu tại ngày (nn/tt/nnnn)",
    "Nguồn số liệu",
)
MAX_ROWS = 1000  # a ward has a few dozen groups; more is not this template


@dataclass
class SheetRow:
    line: int
    area: str
    households: object
    persons: object
    valid_from: object
    source: str


def template_workbook(areas: list[Area]) -> bytes:
    """The template with one row per area, its code and name filled in."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Dân số địa bàn"))
    sheet.append([xlsx_cell(sheet, h) for h in HEADERS])
    for area in areas:
        sheet.append([xlsx_cell(sheet, area.name), None, None, None, None])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def read_rows(file) -> list[SheetRow]:
    """The filled rows of the first sheet (blank rows skipped); ValueError when unreadable."""
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as e:
        raise ValueError(_("Không đọc được tệp: hãy tải lên tệp .xlsx theo mẫu.")) from e
    sheet = book.worksheets[0]
    rows = []
    for line, values in enumerate(sheet.iter_rows(min_row=2, max_col=5, values_only=True), 2):
        values = [*values, *[None] * 5][:5]
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValueError(_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS})
        area, households, persons, day, source = values
        rows.append(
            SheetRow(line, str(area or "").strip(), households, persons, day, str(source or ""))
        )
    book.close()
    return rows


def as_count(value) -> int | None:
    """An integer cell, or text of digits as a user types them (1.176, 1176)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    try:
        return parse_integer(str(value or ""), min_value=None, max_value=None)
    except NumberError:
        return None


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parts = str(value or "").strip().split("/")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        return None
    day, month, year = map(int, parts)
    try:
        return date(year, month, day)
    except ValueError:
        return None
