"""The provider's list of a ward's payroll (.xlsx and the PDF of a cash session), and the
province's summary: one row per person by group with subtotals, the signature column,
text cells that stay text."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from beneficiaries.services import case_terminate
from benefits.documents import payment_list_context
from benefits.exports import provider_headers, provider_workbook, province_workbook
from benefits.models import PayrollPolicy, Provider
from benefits.services.payrolls import payroll_approve, payroll_generate, payroll_send
from ui.documents import render_pdf

from ..factories import ResidentialGroupFactory
from ..reviews.documents import one_line, pdf_text
from .conftest import granted, poor_person

AUG, SEP, OCT, NOV = (date(2026, m, 1) for m in (8, 9, 10, 11))
TODAY = date(2026, 11, 12)


def in_group(person, group):
    person.household.residential_group = group
    person.household.save()
    return person


@pytest.fixture
def payroll(ward_officer, ward, province, paying_from):
    """November's payroll: Khóm 1 with two persons (one with arrears), Khóm 2 with one
    whose name looks like a formula; one person only recovered from (listed apart)."""
    paying_from(AUG)
    one, two = (ResidentialGroupFactory(parent=ward, name=f"Khóm {n}") for n in (1, 2))
    gone = in_group(poor_person(ward, full_name="Lê Văn Thôi"), one)
    case = granted(ward_officer, gone, decided_on=date(2026, 8, 5))
    for month in (AUG, SEP, OCT):
        generated = payroll_generate(user=ward_officer, ward=ward, month=month).payroll
        payroll_approve(user=ward_officer, payroll=generated)
    case_terminate(
        user=ward_officer,
        case=case,
        reason="ineligible",
        happened_on=date(2026, 8, 20),
        decided_on=date(2026, 11, 2),
        signer="Nguyễn Văn An",
    )
    late = in_group(poor_person(ward, full_name="Nguyễn Văn An"), one)
    granted(ward_officer, late, decided_on=date(2026, 10, 10))  # October as arrears
    granted(
        ward_officer, in_group(poor_person(ward, full_name="Trần Thị Bình"), one), decided_on=NOV
    )
    granted(ward_officer, in_group(poor_person(ward, full_name="=1+2"), two), decided_on=NOV)
    PayrollPolicy.objects.filter(ward=ward).update(
        provider=Provider.objects.create(
            name="Bưu điện tỉnh An Giang", kind="post", province=province
        )
    )
    return payroll_generate(user=ward_officer, ward=ward, month=NOV).payroll


def rows_of(content: bytes, sheet: int = 0):
    book = load_workbook(io.BytesIO(content))
    return book.worksheets[sheet], [list(r) for r in book.worksheets[sheet].iter_rows()]


def values(row):
    return [cell.value for cell in row]


def test_the_list_has_its_titles_and_the_providers_columns(payroll):
    sheet, rows = rows_of(provider_workbook(payroll, today=TODAY))

    assert [values(r)[0] for r in rows[:4]] == [
        "UBND PHƯỜNG LONG XUYÊN",
        "DANH SÁCH CHI TRẢ TRỢ CẤP, HỖ TRỢ THÁNG 11/2026",
        "Tổ chức chi trả: Bưu điện tỉnh An Giang",
        "Ngày lập: 12/11/2026",
    ]
    assert values(rows[5]) == provider_headers()
    assert provider_headers()[:7] == [
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Số định danh",
        "Địa chỉ",
        "Khoản chi trả",
        "Số tiền",
    ]
    assert provider_headers()[-3:] == ["Kết quả (Đã nhận / Chưa nhận)", "Ngày nhận", "Ký nhận"]


def test_it_lists_one_row_per_person_by_group_with_subtotals(payroll):
    sheet, rows = rows_of(provider_workbook(payroll, today=TODAY))
    body = [values(r) for r in rows[6:]]

    assert [(r[0], r[1], r[6]) for r in body] == [
        (None, "Khóm 1", None),
        (2, "Nguyễn Văn An", 1_500_000),
        (3, "Trần Thị Bình", 750_000),
        (None, "Cộng Khóm 1: 2 người", 2_250_000),
        (None, "Khóm 2", None),
        (4, "=1+2", 750_000),
        (None, "Cộng Khóm 2: 1 người", 750_000),
        (None, "Tổng cộng: 3 người", 3_000_000),
    ]
    assert body[1][5] == "Trợ cấp xã hội hằng tháng 11/2026; truy lĩnh 10/2026"
    assert body[1][7] == "Tiền mặt tại điểm chi trả"
    assert body[1][3].isdigit() and len(body[1][3]) == 12  # the ID as text
    assert rows[7][6].number_format == "#,##0"


def test_a_person_with_nothing_to_pay_is_left_to_the_recoveries_sheet(payroll):
    content = provider_workbook(payroll, today=TODAY)
    _sheet, rows = rows_of(content)
    _sheet, recoveries = rows_of(content, 1)

    national_id = payroll.lines.filter(number=1).first().national_id

    assert "Lê Văn Thôi" not in [values(r)[1] for r in rows]  # STT 1: recovered only
    assert [values(r)[:5] for r in recoveries[3:5]] == [
        [1, "Lê Văn Thôi", national_id, "09/2026", 750_000],
        [1, "Lê Văn Thôi", national_id, "10/2026", 750_000],
    ]
    assert load_workbook(io.BytesIO(content)).sheetnames == ["Danh sách chi trả", "Truy thu"]


def test_a_name_starting_with_equals_stays_text(payroll):
    sheet, rows = rows_of(provider_workbook(payroll, today=TODAY))
    cell = next(r[1] for r in rows if r[1].value == "=1+2")

    assert cell.data_type == "s"


def test_the_signature_column_is_wide_and_its_rows_tall(payroll):
    sheet, rows = rows_of(provider_workbook(payroll, today=TODAY))

    assert rows[5][12].value == "Ký nhận"
    assert sheet.column_dimensions["M"].width >= 20
    assert sheet.row_dimensions[8].height >= 30  # Nguyễn Văn An's row
    assert sheet.row_dimensions[1].height == 15  # a title is one line
    assert rows[7][12].value is None and rows[7][10].value is None  # for the provider


def test_the_pdf_has_a_table_per_group_with_the_signature_column(payroll, tmp_path):
    context = payment_list_context(payroll, today=TODAY)
    text = one_line(pdf_text(render_pdf("benefits/docs/payment_list.html", context), tmp_path))

    assert "DANH SÁCH" in text and "Chi trả trợ cấp, hỗ trợ tháng 11/2026" in text
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "=1+2", "Khóm 1", "Khóm 2", "Ký nhận"):
        assert name in text
    assert "Lê Văn Thôi" not in text
    assert "Tổng cộng: 3 người, số tiền 3.000.000 đồng" in text


def test_the_province_workbook_totals_the_wards_and_the_benefit_types(payroll, ward_officer, ward):
    payroll_approve(user=ward_officer, payroll=payroll)
    payroll_send(user=ward_officer, payroll=payroll)
    content = province_workbook([payroll], today=TODAY)
    _sheet, wards = rows_of(content)
    _sheet, types = rows_of(content, 1)

    assert values(wards[4])[:2] == ["STT", "Xã, phường"]
    assert values(wards[5]) == [
        1,
        "Phường Long Xuyên",
        "Đã gửi tổ chức chi trả",
        4,
        3_000_000,
        1_500_000,
    ]
    assert values(wards[6])[1:] == ["Toàn tỉnh", None, 4, 3_000_000, 1_500_000]
    assert values(types[1]) == [
        "Trợ cấp xã hội hằng tháng",
        "Ngân sách tỉnh",
        4,
        3_000_000,
        1_500_000,
    ]
