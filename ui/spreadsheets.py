"""Spreadsheet cells that Excel never evaluates: text that looks like a formula stays text.

A cell starting with = + - @ tab or CR is a formula to Excel (CSV/formula injection).
In .xlsx such text is written as a string cell, unchanged, so a file read back gives the
same value; in CSV, which carries no types, it gets a leading apostrophe.
"""

from copy import copy
from datetime import date, datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_safe(value):
    return "'" + value if looks_like_formula(value) else value


def xlsx_value(sheet, value):
    """The value itself where openpyxl writes it as it is, else xlsx_cell(): a list of
    35,000 rows is written twice as fast without a cell object for every plain value."""
    if value == "":
        return None  # an empty cell, not an empty string: less for Excel and openpyxl
    if value.__class__ in (int, float, bool) or (
        value.__class__ is str
        and not value.startswith(FORMULA_START)
        and not ILLEGAL_CHARACTERS_RE.search(value)
    ):
        return value
    return xlsx_cell(sheet, value)


def xlsx_cell(sheet, value, **style) -> WriteOnlyCell:
    if isinstance(value, str):
        # Control characters (a vertical tab for a line break, say) make openpyxl refuse the
        # whole file: a space keeps the words apart.
        value = ILLEGAL_CHARACTERS_RE.sub(" ", value)
    cell = WriteOnlyCell(sheet, value)
    if looks_like_formula(value):
        cell.data_type = "s"
    elif isinstance(value, date) and not isinstance(value, datetime):
        cell.number_format = "DD/MM/YYYY"
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


class CellStyle:
    """One style for many cells of a write-only sheet: set once on a model cell and copied
    to each new one. Setting the font, alignment or number format cell by cell looks each
    up in the workbook's style tables, half the time of a 50,000-row list."""

    def __init__(self, sheet, **style):
        self.sheet, self.model = sheet, xlsx_cell(sheet, None, **style)

    def cell(self, value) -> WriteOnlyCell:
        cell = xlsx_cell(self.sheet, value)
        if cell.number_format == "General" and not cell.has_style:
            cell._style = copy(self.model._style)  # the style's indexes in the tables
        else:  # a date's own format, say: set as usual
            for name in ("font", "alignment", "number_format"):
                setattr(cell, name, getattr(self.model, name))
        return cell
