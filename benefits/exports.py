"""The payment provider's list of a ward's payroll and the province's summary, as .xlsx.

The provider's list has one row per person (the payroll's STT), grouped by residential
group with a subtotal each, and the columns the provider fills in and returns: the result,
the day and the signature. benefits/reconciliation.py reads the same file back.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ui.spreadsheets import CellStyle, xlsx_cell, xlsx_value

from . import rules
from .models import Funding, Kind, Method, Payroll, PayrollLine, PayrollPolicy, RecoveryPolicy

MONEY = "#,##0"
LETTERS = "ABCDEFGHIJKLM"
WIDTHS = (6, 24, 8, 15, 28, 36, 13, 16, 17, 20, 11, 12, 22)
SIGNATURE_ROW_HEIGHT = 36  # points: room for a signature or a thumbprint
LINE_ROW_HEIGHT = 15  # Excel's own for a line of text


def provider_headers() -> list[str]:
    """The list's column headers, in order; the reconciliation finds its columns by them."""
    return [
        _("STT"),
        _("Họ và tên"),
        _("Năm sinh"),
        _("Số định danh"),
        _("Địa chỉ"),
        _("Khoản chi trả"),
        _("Số tiền"),
        _("Hình thức nhận"),
        _("Số tài khoản"),
        _("Người nhận thay"),
        _("Kết quả (Đã nhận / Chưa nhận)"),
        _("Ngày nhận"),
        _("Ký nhận"),
    ]


@dataclass
class PersonRow:
    """One person of the payroll as the provider's list prints them."""

    number: int
    person_id: int
    full_name: str
    birth_year: int | None
    national_id: str
    address: str
    group_name: str
    method: str  # a Method value
    account_number: str
    receiver: str
    items: str  # "Trợ cấp xã hội hằng tháng 12/2026; truy lĩnh 10/2026"
    amount: int  # what the provider pays
    to_recover: int
    case_ids: tuple[int, ...]


LINE_FIELDS = (
    "number",
    "person_id",
    "case_id",
    "full_name",
    "birth_year",
    "national_id",
    "address",
    "group_name",
    "method",
    "account_number",
    "receiver",
    "kind",
    "for_month",
    "amount",
    "explanation",
    "benefit_type__name",
    "benefit_type__order",
)


def payroll_people(payroll: Payroll) -> list[PersonRow]:
    """Every person of the payroll in its order (group, name), from its lines in one query."""
    netted = payroll.recoveries == RecoveryPolicy.NETTED
    lines = payroll.lines.order_by("number", "pk").values(*LINE_FIELDS)
    people = []
    for _number, group in groupby(lines, key=lambda line: line["number"]):
        group = list(group)
        first = group[0]
        pay, recover = rules.payable([line["amount"] for line in group], netted=netted)
        people.append(
            PersonRow(
                number=first["number"],
                person_id=first["person_id"],
                full_name=first["full_name"],
                birth_year=first["birth_year"],
                national_id=first["national_id"],
                address=first["address"],
                group_name=first["group_name"],
                method=first["method"],
                account_number=first["account_number"],
                receiver=first["receiver"],
                items=items_text(group, netted=netted),
                amount=pay,
                to_recover=recover,
                case_ids=tuple(sorted({line["case_id"] for line in group} - {None})),
            )
        )
    return people


def items_text(lines: list[dict], *, netted: bool) -> str:
    """What a person is paid for: each benefit type with its months, arrears and (netted)
    recoveries, as "Trợ cấp xã hội hằng tháng 12/2026; truy lĩnh 10/2026"."""
    by_type: dict[tuple[int, str], dict[str, list[date]]] = {}
    for line in lines:
        if line["amount"] < 0 and not netted:
            continue  # listed apart, on the sheet of recoveries
        key = (line["benefit_type__order"], line["benefit_type__name"])
        by_type.setdefault(key, {}).setdefault(line["kind"], []).append(line["for_month"])
    words = {Kind.ARREARS: _("truy lĩnh"), Kind.RECOVERY: _("truy thu")}
    parts = []
    for (_order, name), kinds in sorted(by_type.items()):
        pieces = []
        for kind in (Kind.REGULAR, Kind.ONE_OFF, Kind.ARREARS, Kind.RECOVERY):
            if kind not in kinds:
                continue
            months = ", ".join(f"{m:%m/%Y}" for m in sorted(set(kinds[kind])))
            pieces.append(f"{words[kind]} {months}" if kind in words else months)
        head = pieces[0] if kinds.keys() & {Kind.REGULAR, Kind.ONE_OFF} else ""
        rest = pieces[1:] if head else pieces
        parts.append("; ".join([f"{name} {head}".strip(), *rest]))
    return "; ".join(parts)


def provider_groups(people: Iterable[PersonRow]) -> list[tuple[str, list[PersonRow]]]:
    """The persons the provider pays (a payable amount above zero), by residential group."""
    paid = [p for p in people if p.amount > 0]
    return [(name, list(rows)) for name, rows in groupby(paid, key=lambda p: p.group_name)]


def list_title(payroll: Payroll) -> str:
    return _("Danh sách chi trả trợ cấp, hỗ trợ tháng %(m)s") % {"m": f"{payroll.month:%m/%Y}"}


def group_heading(name: str) -> str:
    return name or _("Chưa xếp tổ dân phố, khóm")


def provider_name(payroll: Payroll) -> str:
    policy = PayrollPolicy.objects.filter(ward_id=payroll.ward_id).select_related("provider")
    policy = policy.first()
    return policy.provider.name if policy and policy.provider else ""


def provider_workbook(payroll: Payroll, *, today: date | None = None) -> bytes:
    """The provider's list: title rows, headers, a row per person by group with subtotals,
    the grand total; the recoveries on a sheet of their own when the ward lists them."""
    today = today or timezone.localdate()
    people = payroll_people(payroll)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Danh sách chi trả"))
    for letter, width in zip(LETTERS, WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    styles = (CellStyle(sheet, alignment=wrap), CellStyle(sheet, number_format=MONEY))
    methods = {value: str(label) for value, label in Method.choices}
    titles = [(_("UBND %(ward)s") % {"ward": payroll.ward.name}).upper(), list_title(payroll)]
    titles = [t.upper() for t in titles]
    provider = provider_name(payroll)
    if provider:
        titles.append(_("Tổ chức chi trả: %(name)s") % {"name": provider})
    titles.append(_("Ngày lập: %(d)s") % {"d": f"{today:%d/%m/%Y}"})
    # Every row is tall enough for a signature by default (one setting, not one per row of
    # 50,000); the few others are set back to a line's height.
    sheet.sheet_format.defaultRowHeight, sheet.sheet_format.customHeight = SIGNATURE_ROW_HEIGHT, 1
    row_number = 0

    def line(cells) -> None:
        nonlocal row_number
        row_number += 1
        sheet.row_dimensions[row_number].height = LINE_ROW_HEIGHT
        sheet.append(cells)

    for title in titles:
        line([xlsx_cell(sheet, title, font=bold)])
    line([])
    header_row = len(titles) + 2
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = f"C{header_row + 1}"
    sheet.append([xlsx_cell(sheet, h, font=bold, alignment=wrap) for h in provider_headers()])
    row_number, count, total = header_row, 0, 0
    for name, rows in provider_groups(people):
        line([None, xlsx_cell(sheet, group_heading(name), font=bold)])
        for person in rows:
            sheet.append(_person_cells(sheet, person, styles, methods))
        row_number += len(rows)
        subtotal = sum(p.amount for p in rows)
        label = _("Cộng %(group)s: %(n)d người") % {"group": group_heading(name), "n": len(rows)}
        line(_total_cells(sheet, label, subtotal, bold))
        count, total = count + len(rows), total + subtotal
    label = _("Tổng cộng: %(n)d người") % {"n": count}
    line(_total_cells(sheet, label, total, bold))
    if payroll.recoveries == RecoveryPolicy.LISTED:
        _recoveries_sheet(book, payroll, bold, wrap)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _person_cells(sheet, person: PersonRow, styles: tuple, methods: dict) -> list:
    """A person's row: plain values where openpyxl writes them as they are (a str stays
    text, so an ID keeps its leading zero), a styled cell only where a style is needed:
    a province's lists are 50,000 rows."""
    return [
        person.number,
        xlsx_value(sheet, person.full_name),
        person.birth_year,
        xlsx_value(sheet, person.national_id),
        xlsx_value(sheet, person.address),
        styles[0].cell(person.items) if person.items else None,
        styles[1].cell(person.amount),
        xlsx_value(sheet, methods.get(person.method, person.method)),
        xlsx_value(sheet, person.account_number),
        xlsx_value(sheet, person.receiver),
        None,  # Kết quả: the provider writes Đã nhận / Chưa nhận
        None,  # Ngày nhận
        None,  # Ký nhận
    ]


def _text(sheet, value):
    return xlsx_value(sheet, value) if value is not None else None


def _total_cells(sheet, label: str, amount: int, bold: Font) -> list:
    cells = [None, xlsx_cell(sheet, label, font=bold), None, None, None, None]
    return [*cells, xlsx_cell(sheet, amount, font=bold, number_format=MONEY)]


def _recoveries_sheet(book: Workbook, payroll: Payroll, bold: Font, wrap: Alignment) -> None:
    """The amounts to recover, collected apart from the payment (the ward's policy)."""
    lines = payroll.lines.filter(amount__lt=0).order_by("number", "for_month", "pk")
    lines = list(
        lines.values("number", "full_name", "national_id", "for_month", "amount", "explanation")
    )
    if not lines:
        return
    sheet = book.create_sheet(_("Truy thu"))
    title = _("Danh sách truy thu tháng %(m)s") % {"m": f"{payroll.month:%m/%Y}"}
    for letter, width in zip("ABCDEF", (6, 24, 15, 10, 14, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([xlsx_cell(sheet, title.upper(), font=bold)])
    sheet.append([])
    headers = [_("STT"), _("Họ và tên"), _("Số định danh"), _("Tháng"), _("Số tiền"), _("Lý do")]
    sheet.append([xlsx_cell(sheet, h, font=bold, alignment=wrap) for h in headers])
    for line in lines:
        sheet.append(
            [
                line["number"],
                _text(sheet, line["full_name"]),
                xlsx_cell(sheet, line["national_id"]) if line["national_id"] else None,
                f"{line['for_month']:%m/%Y}",
                xlsx_cell(sheet, -line["amount"], number_format=MONEY),
                _text(sheet, line["explanation"]),
            ]
        )
    total = -sum(line["amount"] for line in lines)
    sheet.append(
        [
            None,
            xlsx_cell(sheet, _("Tổng cộng"), font=bold),
            None,
            None,
            xlsx_cell(sheet, total, font=bold, number_format=MONEY),
        ]
    )


def province_workbook(payrolls: Iterable[Payroll], *, today: date | None = None) -> bytes:
    """For an approver: a row per ward's payroll with the province's total, and a sheet of
    the amounts by benefit type and funding source."""
    today = today or timezone.localdate()
    payrolls = sorted(payrolls, key=lambda p: p.ward.name)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Các xã, phường"))
    for letter, width in zip("ABCDEF", (6, 32, 24, 10, 18, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    month = f"{payrolls[0].month:%m/%Y}" if payrolls else ""
    title = _("Tình hình chi trả trợ cấp, hỗ trợ tháng %(m)s") % {"m": month}
    sheet.append([xlsx_cell(sheet, title.upper(), font=bold)])
    if payrolls and payrolls[0].ward.parent_id:
        sheet.append([xlsx_value(sheet, payrolls[0].ward.parent.name)])
    sheet.append([xlsx_cell(sheet, _("Ngày lập: %(d)s") % {"d": f"{today:%d/%m/%Y}"})])
    sheet.append([])
    headers = [
        _("STT"),
        _("Xã, phường"),
        _("Trạng thái"),
        _("Số người"),
        _("Tổng tiền chi trả"),
        _("Truy thu"),
    ]
    sheet.append([xlsx_cell(sheet, h, font=bold, alignment=wrap) for h in headers])
    for n, payroll in enumerate(payrolls, start=1):
        sheet.append(
            [
                n,
                xlsx_value(sheet, payroll.ward.name),
                xlsx_value(sheet, str(payroll.get_status_display())),
                payroll.people,
                xlsx_cell(sheet, payroll.total, number_format=MONEY),
                xlsx_cell(sheet, payroll.recovered, number_format=MONEY),
            ]
        )
    sums = [sum(getattr(p, f) for p in payrolls) for f in ("people", "total", "recovered")]
    sheet.append(
        [
            None,
            xlsx_cell(sheet, _("Toàn tỉnh"), font=bold),
            None,
            xlsx_cell(sheet, sums[0], font=bold),
            xlsx_cell(sheet, sums[1], font=bold, number_format=MONEY),
            xlsx_cell(sheet, sums[2], font=bold, number_format=MONEY),
        ]
    )
    _types_sheet(book, [p.pk for p in payrolls], bold, wrap)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _types_sheet(book: Workbook, payroll_ids: list[int], bold: Font, wrap: Alignment) -> None:
    rows = (
        PayrollLine.objects.filter(payroll_id__in=payroll_ids)
        .values("benefit_type__name", "benefit_type__funding", "benefit_type__order")
        .annotate(
            people=Count("person", distinct=True),
            paid=Sum("amount", filter=Q(amount__gt=0), default=0),
            recovered=Sum("amount", filter=Q(amount__lt=0), default=0),
        )
        .order_by("benefit_type__order", "benefit_type__name")
    )
    sheet = book.create_sheet(_("Theo khoản chi"))
    for letter, width in zip("ABCDE", (48, 26, 10, 18, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    headers = [_("Khoản chi trả"), _("Nguồn kinh phí"), _("Số người"), _("Số tiền"), _("Truy thu")]
    sheet.append([xlsx_cell(sheet, h, font=bold, alignment=wrap) for h in headers])
    labels = dict(Funding.choices)
    paid = recovered = 0
    for row in rows:
        funding = row["benefit_type__funding"]
        sheet.append(
            [
                xlsx_value(sheet, row["benefit_type__name"]),
                xlsx_value(sheet, str(labels.get(funding, funding))),
                row["people"],
                xlsx_cell(sheet, row["paid"], number_format=MONEY),
                xlsx_cell(sheet, -row["recovered"], number_format=MONEY),
            ]
        )
        paid, recovered = paid + row["paid"], recovered - row["recovered"]
    sheet.append(
        [
            xlsx_cell(sheet, _("Tổng cộng"), font=bold),
            None,
            None,
            xlsx_cell(sheet, paid, font=bold, number_format=MONEY),
            xlsx_cell(sheet, recovered, font=bold, number_format=MONEY),
        ]
    )
