"""The list of beneficiaries by category as .xlsx; K3 and K8 are named by their code and
"Đối tượng theo quy định" only (ND 20/2021 Điều 8 khoản 1b)."""

import io
from dataclasses import dataclass, replace
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from areas.models import Area
from households.queries.on_day import classifications_on
from ui.spreadsheets import xlsx_cell, xlsx_value
from vn.dates import month_end

from ..access import with_household_code
from ..models import Case, CaseStatus, Category
from ..queries import RuleData, case_facts, rule_data
from .wording import PENSION_CODE, Terms, month_terms, month_text


@dataclass(frozen=True)
class ListRow:
    terms: Terms
    name: str
    birth: date | str | None
    national_id: str
    household_code: str
    ward: str
    start_month: date | None
    sort_name: str


def beneficiary_rows(user, *, month: date, ward: Area | None = None) -> list[ListRow]:
    """Every active case in scope (or of the ward) with what it pays in the month, by
    category, then ward, then name."""
    cases = Case.objects.visible_to(user).filter(status=CaseStatus.ACTIVE)
    if ward is not None:
        cases = cases.filter(ward=ward)
    cases = list(with_household_code(cases.select_related("person__household", "ward")))
    statuses = classifications_on({c.person_id for c in cases}, month_end(month))
    orders = dict(Category.objects.values_list("code", "order"))
    data: dict[int | None, RuleData] = {}
    rows = []
    for case in cases:
        province = case.ward.parent_id
        if province not in data:
            data[province] = rule_data(province)
        household = statuses.get(case.person_id, "")
        facts = case_facts(case, month, household=household)
        terms = month_terms(facts, month, data[province], benefit=case.benefit)
        if case.start_month is None or case.start_month > month:
            terms = replace(terms, amount=0)
        if terms.code and terms.code != PENSION_CODE:
            terms = replace(terms, order=orders.get(terms.code.split(" ")[0], 0))
        person = case.person
        rows.append(
            ListRow(
                terms=terms,
                name=person.full_name,
                birth=str(person.birth_date.year)
                if person.birth_year_only and person.birth_date
                else person.birth_date,
                national_id=person.national_id or person.legacy_id,
                household_code=case.household_code,
                ward=case.ward.name,
                start_month=case.start_month,
                sort_name=f"{case.ward.name}\n{person.search_name}\n{case.pk:09d}",
            )
        )
    rows.sort(key=lambda r: (r.terms.order, r.terms.code, r.sort_name))
    return rows


LIST_WIDTHS = (6, 12, 40, 26, 12, 16, 12, 22, 11, 8, 16)


def beneficiaries_workbook(rows: list[ListRow], *, month: date, scope: str) -> bytes:
    """The list as one sheet: a block per category closed by its total, then the total."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Danh sách đối tượng"))
    for n, width in enumerate(LIST_WIDTHS):
        sheet.column_dimensions["ABCDEFGHIJK"[n]].width = width
    _write_head(sheet, month=month, scope=scope)
    count, group_size, group_amount = 0, 0, 0
    for n, row in enumerate(rows, 1):
        sheet.append(_row_cells(sheet, n, row))
        group_size += 1
        group_amount += row.terms.amount
        following = rows[n] if n < len(rows) else None
        if following is None or following.terms.code != row.terms.code:
            code = row.terms.code
            label = _("Cộng nhóm %(code)s") % {"code": code or "—"}
            _write_total(sheet, label, group_size, group_amount, code)
            count += group_size
            group_size, group_amount = 0, 0
    _write_total(sheet, _("Tổng cộng"), count, sum(r.terms.amount for r in rows))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_head(sheet, *, month: date, scope: str) -> None:
    """The title, the scope and the month, then the column headers."""
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    title = _("Danh sách đối tượng hưởng trợ cấp xã hội hằng tháng, trợ cấp hưu trí xã hội")
    for line in (title.upper(), scope, month_text(month).capitalize()):
        sheet.append([xlsx_cell(sheet, line, font=bold)])
    sheet.append([])
    headers = [
        _("STT"),
        _("Mã nhóm"),
        _("Nhóm đối tượng"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Số định danh cá nhân"),
        _("Mã hộ"),
        _("Xã, phường"),
        _("Hưởng từ tháng"),
        _("Hệ số"),
        _("Mức trợ cấp %(m)s (đồng)") % {"m": f"{month:%m/%Y}"},
    ]
    sheet.append([xlsx_cell(sheet, h, font=bold, alignment=wrap) for h in headers])


def _row_cells(sheet, n: int, row: ListRow) -> list:
    terms = row.terms
    values = [
        n,
        terms.code,
        terms.label,
        row.name,
        row.birth,
        row.national_id,
        row.household_code,
        row.ward,
    ]
    cells = [None if v in (None, "") else xlsx_value(sheet, v) for v in values]
    if isinstance(row.birth, date):
        cells[4] = xlsx_cell(sheet, row.birth)
    cells.append(
        xlsx_cell(sheet, row.start_month, number_format="MM/YYYY") if row.start_month else None
    )
    cells.append(
        xlsx_cell(sheet, terms.coefficient, number_format="0.0#")
        if terms.coefficient is not None
        else None
    )
    cells.append(xlsx_cell(sheet, terms.amount, number_format="#,##0"))
    return cells


def _write_total(sheet, label: str, count: int, amount: int, code: str = "") -> None:
    bold = Font(bold=True)
    people = _("%(n)d người") % {"n": count}
    cells = [None, code or None, label, people, *[None] * 6, amount]
    sheet.append(
        [
            None if v is None else xlsx_cell(sheet, v, font=bold, number_format="#,##0")
            for v in cells
        ]
    )
