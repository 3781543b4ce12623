"""Spreadsheet cells that Excel never evaluates: text that looks like a formula stays text.

A cell starting with = + - @ tab or CR is a formula to Excel (CSV/formula injection).
In .xlsx such text is written as a string cell, unchanged, so a file read back gives the
same value; in CSV, which carries no types, it gets a leading apostrophe.
"""

import io
from datetime import date, datetime

import xlsxwriter
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


class XlsxBook:
    """A workbook written with XlsxWriter in memory, for the big lists (a province's payment
    lists are 50,000 rows: five times as fast as openpyxl's write-only mode). Text is always
    written as text, never read as a formula, a number or a link; control characters, which
    make a file unreadable, become spaces."""

    OPTIONS = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "remove_timezone": True,
    }

    def __init__(self):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, self.OPTIONS)
        self.formats: dict[tuple, object] = {}
        self.date = self.format(num_format="DD/MM/YYYY")

    def format(self, **properties):
        """One format per set of properties (XlsxWriter keeps every one it is given)."""
        key = tuple(sorted(properties.items()))
        if key not in self.formats:
            self.formats[key] = self.book.add_format(properties)
        return self.formats[key]

    def sheet(self, name: str, widths: tuple = ()) -> "XlsxSheet":
        worksheet = self.book.add_worksheet(name)
        for column, width in enumerate(widths):
            worksheet.set_column(column, column, width)
        return XlsxSheet(self, worksheet)

    def content(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


class XlsxSheet:
    """A sheet filled row by row: `append(values, formats)`, formats by column index."""

    def __init__(self, book: XlsxBook, worksheet):
        self.book, self.worksheet, self.rows = book, worksheet, 0

    def append(self, values, formats: dict | None = None, *, height: float | None = None):
        write, row = self.worksheet, self.rows
        for column, value in enumerate(values):
            style = formats.get(column) if formats else None
            if value is None or value == "":
                if style is not None:
                    write.write_blank(row, column, None, style)
            elif value.__class__ is str:
                write.write_string(row, column, ILLEGAL_CHARACTERS_RE.sub(" ", value), style)
            elif isinstance(value, bool):
                write.write_boolean(row, column, value, style)
            elif isinstance(value, (int, float)):
                write.write_number(row, column, value, style)
            elif isinstance(value, date):
                write.write_datetime(row, column, value, style or self.book.date)
            else:
                write.write_string(row, column, ILLEGAL_CHARACTERS_RE.sub(" ", str(value)), style)
        if height is not None:
            write.set_row(row, height)
        self.rows += 1
