"""A ward officer makes next month's payroll of the demo ward, approves and sends it,
downloads the provider's list, brings it back with two people unpaid, and finds them
carried over to the month after."""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from benefits.exports import provider_headers
from benefits.models import PaymentStatus, Payroll
from vn.dates import month_start, next_month

pytestmark = pytest.mark.e2e


@pytest.fixture
def paying_ward(demo):
    call_command("seed_demo_population", stdout=io.StringIO())
    call_command("seed_demo_cases", stdout=io.StringIO())
    call_command("seed_demo_payroll", stdout=io.StringIO())


def returned_list(content: bytes, unpaid: int, day: date) -> tuple[bytes, list[str]]:
    """The provider's list filled in: the first `unpaid` people paid a monthly allowance
    ("Trợ cấp…") not paid, the rest paid."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    headers = provider_headers()
    header_row = next(
        row for row in sheet.iter_rows() if [c.value for c in row][: len(headers)] == headers
    )
    columns = {c.value: c.column for c in header_row}
    names = []
    for row in sheet.iter_rows(min_row=header_row[0].row + 1):
        number = row[columns["STT"] - 1].value
        if not isinstance(number, int):
            continue  # a group heading or a total
        result = row[columns["Kết quả (Đã nhận / Chưa nhận)"] - 1]
        monthly = str(row[columns["Khoản chi trả"] - 1].value).startswith("Trợ cấp")
        if len(names) < unpaid and monthly:
            result.value = "Chưa nhận"
            names.append(row[columns["Họ và tên"] - 1].value)
        else:
            result.value = "Đã nhận"
            row[columns["Ngày nhận"] - 1].value = day.strftime("%d/%m/%Y")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), names


def test_officer_pays_a_month_and_carries_the_unpaid_over(
    paying_ward, live_server, page, login, artifacts, tmp_path
):
    today = timezone.localdate()
    month = next_month(month_start(today))
    after = next_month(month)
    login(page, "canbo")

    page.get_by_role("link", name="Chi trả", exact=True).click()
    expect(page.locator("#id_month")).to_have_value(month.strftime("%m/%Y"))
    page.get_by_role("button", name="Lập bảng chi trả").click()
    expect(page.locator(".page-head .badge")).to_have_text("Bản nháp")
    expect(page.locator(".payroll-lines").first).to_contain_text("hệ số")
    expect(page.locator("main")).to_contain_text("Truy thu tháng")  # the late-reported death
    page.get_by_role("button", name="Duyệt bảng chi trả").click()
    expect(page.locator(".page-head .badge")).to_have_text("Đã duyệt")
    page.get_by_role("button", name="Đã gửi tổ chức chi trả").click()
    expect(page.locator(".page-head .badge")).to_have_text("Đã gửi tổ chức chi trả")

    with page.expect_download() as download:
        page.get_by_role("link", name="Danh sách cho tổ chức chi trả (Excel)").click()
    content = download.value.path().read_bytes()
    filled, unpaid = returned_list(content, 2, today)
    path = tmp_path / "tra-ve.xlsx"
    path.write_bytes(filled)
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("main")).to_contain_text("Tệp khớp với danh sách đã gửi")
    page.get_by_role("button", name="Xác nhận, ghi kết quả").click()
    expect(page.locator(".messages, [role=status], main").first).to_contain_text(
        re.compile(r"2 người chưa nhận")
    )
    expect(page.locator(".page-head .badge")).to_have_text("Đã đối chiếu")
    page.screenshot(path=artifacts / "payroll-reconciled.png", full_page=True)

    payroll = Payroll.objects.get(month=month)
    assert payroll.status == "reconciled"
    unpaid_lines = payroll.lines.filter(status=PaymentStatus.UNPAID)
    assert sorted(set(unpaid_lines.values_list("full_name", flat=True))) == sorted(unpaid)

    page.goto(f"{live_server.url}/benefits/payrolls/")
    page.fill("#id_month", after.strftime("%m/%Y"))
    page.get_by_role("button", name="Lập bảng chi trả").click()
    expect(page.locator(".page-head .badge")).to_have_text("Bản nháp")
    for name in unpaid:
        row = page.locator(".payroll-lines tr", has_text=name)
        expect(row).to_contain_text(f"Truy lĩnh {month:%m/%Y}")
    page.screenshot(path=artifacts / "payroll-carried-over.png", full_page=True)
