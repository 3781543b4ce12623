"""The payment provider's list of a ward's payroll and the province's summary, as .xlsx.

The provider's list has one row per person (the payroll's STT), grouped by residential
group with a subtotal each, and the columns the provider fills in and returns: the result,
the day and the signature. benefits/reconciliation.py reads the same file back.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ui.spreadsheets import XlsxBook, XlsxSheet

from . import rules
from .models import Funding, Kind, Method, Payroll, PayrollLine, PayrollPolicy, RecoveryPolicy

MONEY = "#,##0"
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
    words = kind_words()  # translated once, not twice a person
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
                items=items_text(group, netted=netted, words=words),
                amount=pay,
                to_recover=recover,
                case_ids=tuple(sorted({line["case_id"] for line in group} - {None})),
            )
        )
    return people


def kind_words() -> dict[str, str]:
    return {Kind.ARREARS: _("truy lĩnh"), Kind.RECOVERY: _("truy thu")}


def items_text(lines: list[dict], *, netted: bool, words: dict[str, str]) -> str:
    """What a person is paid for: each benefit type with its months, arrears and (netted)
    recoveries, as "Trợ cấp xã hội hằng tháng 12/2026; truy lĩnh 10/2026"."""
    if len(lines) == 1 and lines[0]["kind"] == Kind.REGULAR:  # most people: one month
        return f"{lines[0]['benefit_type__name']} {lines[0]['for_month']:%m/%Y}"
    by_type: dict[tuple[int, str], dict[str, list[date]]] = {}
    for line in lines:
        if line["amount"] < 0 and not netted:
            continue  # listed apart, on the sheet of recoveries
        key = (line["benefit_type__order"], line["benefit_type__name"])
        by_type.setdefault(key, {}).setdefault(line["kind"], []).append(line["for_month"])
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


class Formats:
    """The list's cell formats, made once per workbook."""

    def __init__(self, book: XlsxBook):
        self.bold = book.format(bold=True)
        self.header = book.format(bold=True, text_wrap=True, valign="vcenter")
        self.wrap = book.format(text_wrap=True, valign="vcenter")
        self.money = book.format(num_format=MONEY)
        self.bold_money = book.format(bold=True, num_format=MONEY)


def provider_workbook(payroll: Payroll, *, today: date | None = None) -> bytes:
    """The provider's list: title rows, headers, a row per person by group with subtotals,
    the grand total; the recoveries on a sheet of their own when the ward lists them."""
    today = today or timezone.localdate()
    people = payroll_people(payroll)
    book = XlsxBook()
    f = Formats(book)
    sheet = book.sheet(_("Danh sách chi trả"), WIDTHS)
    sheet.worksheet.set_landscape()
    sheet.worksheet.set_paper(9)  # A4
    # Every row is tall enough for a signature by default (one setting, not one per row of
    # 50,000); the few others are set back to a line's height.
    sheet.worksheet.set_default_row(SIGNATURE_ROW_HEIGHT)
    methods = {value: str(label) for value, label in Method.choices}
    titles = [(_("UBND %(ward)s") % {"ward": payroll.ward.name}).upper(), list_title(payroll)]
    titles = [t.upper() for t in titles]
    provider = provider_name(payroll)
    if provider:
        titles.append(_("Tổ chức chi trả: %(name)s") % {"name": provider})
    titles.append(_("Ngày lập: %(d)s") % {"d": f"{today:%d/%m/%Y}"})
    for title in titles:
        sheet.append([title], {0: f.bold}, height=LINE_ROW_HEIGHT)
    sheet.append([], height=LINE_ROW_HEIGHT)
    header_row = sheet.rows  # 0-based: the next row
    sheet.worksheet.repeat_rows(header_row)
    sheet.worksheet.freeze_panes(header_row + 1, 2)
    headers = provider_headers()
    sheet.append(headers, dict.fromkeys(range(len(headers)), f.header))
    person_formats = {5: f.wrap, 6: f.money}
    count, total = 0, 0
    for name, rows in provider_groups(people):
        sheet.append([None, group_heading(name)], {1: f.bold}, height=LINE_ROW_HEIGHT)
        for person in rows:
            sheet.append(_person_cells(person, methods), person_formats)
        subtotal = sum(p.amount for p in rows)
        label = _("Cộng %(group)s: %(n)d người") % {"group": group_heading(name), "n": len(rows)}
        _total_row(sheet, f, label, subtotal)
        count, total = count + len(rows), total + subtotal
    _total_row(sheet, f, _("Tổng cộng: %(n)d người") % {"n": count}, total)
    if payroll.recoveries == RecoveryPolicy.LISTED:
        _recoveries_sheet(book, f, payroll)
    return book.content()


def _person_cells(person: PersonRow, methods: dict) -> list:
    return [
        person.number,
        person.full_name,
        person.birth_year,
        person.national_id,  # text: an ID keeps its leading zero
        person.address,
        person.items,
        person.amount,
        methods.get(person.method, person.method),
        person.account_number,
        person.receiver,
        None,  # Kết quả: the provider writes Đã nhận / Chưa nhận
        None,  # Ngày nhận
        None,  # Ký nhận
    ]


def _total_row(sheet: XlsxSheet, f: Formats, label: str, amount: int) -> None:
    cells = [None, label, None, None, None, None, amount]
    sheet.append(cells, {1: f.bold, 6: f.bold_money}, height=LINE_ROW_HEIGHT)


def _recoveries_sheet(book: XlsxBook, f: Formats, payroll: Payroll) -> None:
    """The amounts to recover, collected apart from the payment (the ward's policy)."""
    lines = payroll.lines.filter(amount__lt=0).order_by("number", "for_month", "pk")
    lines = list(
        lines.values("number", "full_name", "national_id", "for_month", "amount", "explanation")
    )
    if not lines:
        return
    sheet = book.sheet(_("Truy thu"), (6, 24, 15, 10, 14, 60))
    title = _("Danh sách truy thu tháng %(m)s") % {"m": f"{payroll.month:%m/%Y}"}
    sheet.append([title.upper()], {0: f.bold})
    sheet.append([])
    headers = [_("STT"), _("Họ và tên"), _("Số định danh"), _("Tháng"), _("Số tiền"), _("Lý do")]
    sheet.append(headers, dict.fromkeys(range(len(headers)), f.header))
    for line in lines:
        sheet.append(
            [
                line["number"],
                line["full_name"],
                line["national_id"],
                f"{line['for_month']:%m/%Y}",
                -line["amount"],
                line["explanation"],
            ],
            {4: f.money},
        )
    total = -sum(line["amount"] for line in lines)
    sheet.append([None, _("Tổng cộng"), None, None, total], {1: f.bold, 4: f.bold_money})


def province_workbook(payrolls: Iterable[Payroll], *, today: date | None = None) -> bytes:
    """For an approver: a row per ward's payroll with the province's total, and a sheet of
    the amounts by benefit type and funding source."""
    today = today or timezone.localdate()
    payrolls = sorted(payrolls, key=lambda p: p.ward.name)
    book = XlsxBook()
    f = Formats(book)
    sheet = book.sheet(_("Các xã, phường"), (6, 32, 24, 10, 18, 16))
    month = f"{payrolls[0].month:%m/%Y}" if payrolls else ""
    title = _("Tình hình chi trả trợ cấp, hỗ trợ tháng %(m)s") % {"m": month}
    sheet.append([title.upper()], {0: f.bold})
    if payrolls and payrolls[0].ward.parent_id:
        sheet.append([payrolls[0].ward.parent.name])
    sheet.append([_("Ngày lập: %(d)s") % {"d": f"{today:%d/%m/%Y}"}])
    sheet.append([])
    headers = [
        _("STT"),
        _("Xã, phường"),
        _("Trạng thái"),
        _("Số người"),
        _("Tổng tiền chi trả"),
        _("Truy thu"),
    ]
    sheet.append(headers, dict.fromkeys(range(len(headers)), f.header))
    money = {4: f.money, 5: f.money}
    for n, payroll in enumerate(payrolls, start=1):
        status = str(payroll.get_status_display())
        cells = [n, payroll.ward.name, status, payroll.people, payroll.total, payroll.recovered]
        sheet.append(cells, money)
    sums = [sum(getattr(p, n) for p in payrolls) for n in ("people", "total", "recovered")]
    bold = {1: f.bold, 3: f.bold, 4: f.bold_money, 5: f.bold_money}
    sheet.append([None, _("Toàn tỉnh"), None, *sums], bold)
    _types_sheet(book, f, [p.pk for p in payrolls])
    return book.content()


def _types_sheet(book: XlsxBook, f: Formats, payroll_ids: list[int]) -> None:
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
    sheet = book.sheet(_("Theo khoản chi"), (48, 26, 10, 18, 16))
    headers = [_("Khoản chi trả"), _("Nguồn kinh phí"), _("Số người"), _("Số tiền"), _("Truy thu")]
    sheet.append(headers, dict.fromkeys(range(len(headers)), f.header))
    labels = dict(Funding.choices)
    paid = recovered = 0
    money = {3: f.money, 4: f.money}
    for row in rows:
        funding = row["benefit_type__funding"]
        name, source = row["benefit_type__name"], str(labels.get(funding, funding))
        sheet.append([name, source, row["people"], row["paid"], -row["recovered"]], money)
        paid, recovered = paid + row["paid"], recovered - row["recovered"]
    sheet.append(
        [_("Tổng cộng"), None, None, paid, recovered], {0: f.bold, 3: f.bold_money, 4: f.bold_money}
    )
