"""django-import-export formats whose files Excel opens safely and in Vietnamese.

The library's own ESCAPE_FORMULAE only strips a leading "=" and turns every cell into
text; these keep the values and neutralise only what Excel would evaluate.
"""

import io

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.styles import Font

from .spreadsheets import csv_safe, xlsx_cell, xlsx_value


class SafeCSV(base_formats.CSV):
    """CSV with a BOM, without which Excel reads UTF-8 Vietnamese as mojibake."""

    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            safe.append([csv_safe(v) for v in row])
        return "\ufeff" + super().export_data(safe, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        # Read back what export_data writes, whether handed bytes or text: tablib wants text.
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode("utf-8-sig")
        return super().create_dataset(in_stream.removeprefix("\ufeff"), **kwargs)


class SafeXLSX(base_formats.XLSX):
    """XLSX whose formula-looking text is written as text, dates as dd/mm/yyyy."""

    def export_data(self, dataset, **kwargs):
        book = Workbook(write_only=True)
        sheet = book.create_sheet(dataset.title or "Sheet1")
        bold = Font(bold=True)
        sheet.append([xlsx_cell(sheet, h, font=bold) for h in dataset.headers or []])
        for row in dataset:
            sheet.append([xlsx_value(sheet, v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


FORMATS = [SafeCSV, SafeXLSX]
