"""The movements table as .xlsx, and for an area above a ward the movements per ward with
the area's total as the last row; the columns and labels are the page's."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from areas.queries import Population
from ui.spreadsheets import xlsx_cell
from vn.numbers import grouped

from . import rules
from .queries.movements import MovementTable

RATE_FORMAT = "0.00"


@dataclass(frozen=True)
class Labels:
    groups: dict  # group → label
    columns: dict  # group → column → label


def movements_workbook(table: MovementTable, labels: Labels, wards=None) -> bytes:
    """The table as the page shows it, with its footnote; with `wards` (tables per ward) a
    second sheet of a row per ward and the area's total last."""
    book = Workbook(write_only=True)
    _table_sheet(book, table, labels)
    if wards is not None:
        _wards_sheet(book, table, wards, labels)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _head(sheet, table: MovementTable, title: str) -> None:
    bold = Font(bold=True)
    period = _("Từ ngày %(start)s đến ngày %(end)s") % {
        "start": f"{table.start:%d/%m/%Y}",
        "end": f"{table.end:%d/%m/%Y}",
    }
    for line in (table.area.name.upper(), title.upper(), period):
        sheet.append([xlsx_cell(sheet, line, font=bold)])
    sheet.append([])


def _table_sheet(book, table: MovementTable, labels: Labels) -> None:
    sheet = book.create_sheet(_("Biến động"))
    sheet.column_dimensions["A"].width = 16
    for letter in "BCDEFGHIJK":
        sheet.column_dimensions[letter].width = 13
    _head(sheet, table, _("Biến động hộ nghèo, hộ cận nghèo"))
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    incoming = len(rules.INCOMING)
    spans = [None, None, _("Tăng trong kỳ"), *[None] * (incoming - 1), _("Giảm trong kỳ")]
    sheet.append([xlsx_cell(sheet, v, font=bold) if v else None for v in spans])
    for group, label in labels.groups.items():
        kinds = [str(labels.columns[group][c]) for c in rules.MOVEMENT_COLUMNS]
        sheet.append([xlsx_cell(sheet, v, font=bold, alignment=wrap) for v in [str(label), *kinds]])
        counts = [table.rows[group][c] for c in rules.MOVEMENT_COLUMNS]
        sheet.append([_("số hộ"), *(xlsx_cell(sheet, n, number_format="#,##0") for n in counts)])
        rates = [table.rate(group, c) for c in rules.MOVEMENT_COLUMNS]
        sheet.append([_("tỷ lệ (%)"), *(_rate_cell(sheet, r) for r in rates)])
    sheet.append([])
    sheet.append([_("%(n)s hộ trong sổ trong kỳ.") % {"n": grouped(table.households)}])
    for line in footnotes(table):
        sheet.append([xlsx_cell(sheet, line)])


def _rate_cell(sheet, rate: float | None):
    return "—" if rate is None else xlsx_cell(sheet, round(rate, 2), number_format=RATE_FORMAT)


def footnotes(table: MovementTable) -> list[str]:
    """The page's footnote on the base of the rates (reviews/_rate_base.html)."""
    if table.population_start == table.population_end:
        return [_rate_base(table.population_start, table.start, "")]
    return [
        _rate_base(table.population_start, table.start, _("Đầu kỳ và các biến động: ")),
        _rate_base(table.population_end, table.end, _("Cuối kỳ: ")),
    ]


def _rate_base(p: Population | None, day, lead: str) -> str:
    if p is None:
        return _(
            "%(lead)sChưa có tổng số hộ của địa bàn tại ngày %(on)s: tỷ lệ để trống (—), "
            "không tính trên danh sách hộ nghèo, cận nghèo."
        ) % {"lead": lead, "on": f"{day:%d/%m/%Y}"}
    values = {
        "lead": lead,
        "n": grouped(p.households),
        "source": p.source,
        "on": f"{p.valid_from:%d/%m/%Y}",
        "parts": p.parts,
    }
    if p.parts:
        return (
            _(
                "%(lead)sTỷ lệ tính trên tổng số hộ của địa bàn: %(n)s hộ (tổng của %(parts)s "
                "địa bàn trực thuộc; nguồn %(source)s, ngày %(on)s)."
            )
            % values
        )
    return (
        _(
            "%(lead)sTỷ lệ tính trên tổng số hộ của địa bàn: %(n)s hộ (nguồn %(source)s, "
            "ngày %(on)s)."
        )
        % values
    )


def _wards_sheet(book, total: MovementTable, wards: list[MovementTable], labels) -> None:
    """A row per ward: per group its columns' counts, then the rates at the start and end."""
    sheet = book.create_sheet(_("Theo xã, phường"))
    sheet.column_dimensions["B"].width = 24
    _head(sheet, total, _("Biến động hộ nghèo, hộ cận nghèo theo xã, phường"))
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    width = len(rules.MOVEMENT_COLUMNS) + 2
    spans = [None, None]
    heads = [_("STT"), _("Xã, phường")]
    for group, label in labels.groups.items():
        spans += [str(label), *[None] * (width - 1)]
        heads += [str(labels.columns[group][c]) for c in rules.MOVEMENT_COLUMNS]
        heads += [_("Tỷ lệ đầu kỳ (%)"), _("Tỷ lệ cuối kỳ (%)")]
    sheet.append([xlsx_cell(sheet, v, font=bold) if v else None for v in spans])
    sheet.append([xlsx_cell(sheet, v, font=bold, alignment=wrap) for v in heads])
    for n, table in enumerate(wards, 1):
        sheet.append([n, xlsx_cell(sheet, table.area.name), *_ward_cells(sheet, table, labels)])
    label = _("Cộng %(area)s") % {"area": total.area.name}
    cells = [xlsx_cell(sheet, v, font=bold) for v in _ward_cells(sheet, total, labels, raw=True)]
    for cell in cells:
        cell.number_format = RATE_FORMAT if isinstance(cell.value, float) else "#,##0"
    sheet.append([None, xlsx_cell(sheet, label, font=bold), *cells])
    sheet.append([])
    note = _("Tỷ lệ của mỗi xã, phường tính trên tổng số hộ của xã, phường đó; dòng cộng:")
    for line in (note, *footnotes(total)):
        sheet.append([xlsx_cell(sheet, line)])


def _ward_cells(sheet, table: MovementTable, labels: Labels, raw: bool = False) -> list:
    cells = []
    for group in labels.groups:
        for column in rules.MOVEMENT_COLUMNS:
            n = table.rows[group][column]
            cells.append(n if raw else xlsx_cell(sheet, n, number_format="#,##0"))
        for column in ("at_start", "at_end"):
            rate = table.rate(group, column)
            value = "—" if rate is None else round(rate, 2)
            cells.append(value if raw or rate is None else _rate_cell(sheet, rate))
    return cells
