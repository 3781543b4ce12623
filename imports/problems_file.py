"""The uploaded sheet given back with a column of problems, to fix and upload again."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ui.spreadsheets import xlsx_cell, xlsx_value

from .rows import Problem, problems_by_row


def problems_workbook(
    rows: list[list], header: int, problems: list[Problem], *, formulas: dict | None = None
) -> bytes:
    """Return an .xlsx: the rows as read, plus a last column naming each row's problems.

    A formula cell gives its formula as text, never a formula Excel would evaluate.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Danh sách cần sửa"))
    width = max((len(r) for r in rows), default=0)
    by_row = problems_by_row(problems)
    formulas = formulas or {}
    by_cell: dict[int, list[int]] = {}
    for r, c in formulas:
        if c < width:
            by_cell.setdefault(r, []).append(c)
    red = PatternFill("solid", fgColor="FDE2E1")
    amber = PatternFill("solid", fgColor="FFF0D1")
    bold = Font(bold=True)
    for index, cells in enumerate(rows):
        line = index + 1
        out = [xlsx_value(sheet, v) for v in cells] + [None] * (width - len(cells))
        for column in by_cell.get(index, ()):
            out[column] = xlsx_cell(sheet, formulas[(index, column)])
        if index == header:
            note = xlsx_cell(sheet, _("Vấn đề cần sửa"), font=bold)
        elif found := by_row.get(line):
            note = xlsx_cell(
                sheet,
                "\n".join(
                    f"{_('Lỗi') if p.blocking else _('Cảnh báo')} – {p.column}: {p.message}"
                    for p in found
                ),
                fill=red if any(p.blocking for p in found) else amber,
            )
        else:
            note = None
        sheet.append([*out, note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
