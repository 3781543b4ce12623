"""The provider's returned list read back, matched by STT, ID and amount, and applied:
lines paid or unpaid, the payroll reconciled, the unpaid run written to the case so the
worklist proposes a suspension after three months."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from beneficiaries.worklists import worklists
from benefits.exports import PersonRow, payroll_people, provider_workbook
from benefits.models import PaymentStatus, Payroll
from benefits.reconciliation import (
    Match,
    match_rows,
    matches_from_data,
    matches_to_data,
    read_returned,
)
from benefits.services.payrolls import (
    PayrollError,
    payroll_approve,
    payroll_generate,
    payroll_send,
)
from benefits.services.reconciliation import line_mark, reconciliation_apply
from vn.dates import month_start

from .conftest import granted, poor_person

NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)
TODAY = date(2026, 11, 18)
NAMES = ("An Văn Một", "Bùi Thị Hai", "Cao Văn Ba")  # STT 1, 2, 3


def sent(user, ward, month):
    payroll = payroll_generate(user=user, ward=ward, month=month).payroll
    payroll_approve(user=user, payroll=payroll)
    payroll_send(user=user, payroll=payroll)
    return payroll


@pytest.fixture
def payroll(ward_officer, ward, paying_from):
    """November's payroll of three persons, sent to the provider."""
    paying_from(NOV)
    for name in NAMES:
        granted(ward_officer, poor_person(ward, full_name=name), decided_on=NOV)
    return sent(ward_officer, ward, NOV)


def returned(payroll, results: dict, *, edit=None, extra=()) -> bytes:
    """The provider's list filled in: STT → (Kết quả, Ngày nhận); `edit` (STT → {column:
    value}) retypes cells; `extra` rows are added at the end."""
    book = load_workbook(io.BytesIO(provider_workbook(payroll, today=TODAY)))
    sheet = book.active
    top = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "STT")
    header = [c.value for c in sheet[top]]
    column = {name: header.index(name) + 1 for name in header}
    result, day = column["Kết quả (Đã nhận / Chưa nhận)"], column["Ngày nhận"]
    for row in range(top + 1, sheet.max_row + 1):
        number = sheet.cell(row, 1).value
        if number in results:
            sheet.cell(row, result).value, sheet.cell(row, day).value = results[number]
        for name, value in (edit or {}).get(number, {}).items():
            sheet.cell(row, column[name]).value = value
    for row in extra:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_wrong_amount_and_an_unknown_stt_are_refused_with_their_rows(payroll, ward_officer):
    listed = payroll_people(payroll)
    content = returned(
        payroll,
        {1: ("Đã nhận", "10/11/2026"), 2: ("Chưa nhận", None), 3: ("x", "12/11/2026")},
        edit={2: {"Số tiền": 700_000}},
        extra=[
            [9, "Người Lạ", None, listed[0].national_id, None, None, 750_000, None, None, None, "x"]
        ],
    )

    reading = read_returned(payroll, content, "tra-ve.xlsx", today=TODAY)

    assert not reading.ok
    assert [(p.row, p.message) for p in reading.problems] == [
        (8, "Số tiền 700.000\u00a0₫ khác số tiền trong danh sách 750.000\u00a0₫ (STT 2)."),
        (12, "STT 9 không có trong danh sách chi trả tháng này."),
    ]
    assert [m.number for m in reading.matches] == [1, 3]
    tampered = Match(8, 2, listed[1].national_id, 700_000, False, None)
    with pytest.raises(PayrollError, match="Các dòng 8 không khớp"):
        reconciliation_apply(user=ward_officer, payroll=payroll, matches=[tampered], today=TODAY)
    assert set(payroll.lines.values_list("status", flat=True)) == {PaymentStatus.PENDING}
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.SENT


def test_a_good_file_marks_two_unpaid_reconciles_and_carries_them_over(payroll, ward_officer, ward):
    content = returned(
        payroll,
        {1: ("Đã nhận", "10/11/2026"), 2: ("Chưa nhận", None), 3: ("không", None)},
    )
    reading = read_returned(payroll, content, "tra-ve.xlsx", today=TODAY)
    assert reading.ok and (reading.count(True), reading.count(False)) == (1, 2)

    applied = reconciliation_apply(
        user=ward_officer,
        payroll=payroll,
        matches=matches_from_data(matches_to_data(reading.matches)),  # through the session
        today=TODAY,
    )

    payroll.refresh_from_db()
    assert (applied.paid, applied.unpaid, applied.reconciled) == (1, 2, True)
    assert payroll.status == Payroll.Status.RECONCILED and payroll.reconciled_at
    by_name = {line.full_name: line for line in payroll.lines.select_related("case")}
    assert (by_name[NAMES[0]].status, by_name[NAMES[0]].paid_on) == ("paid", date(2026, 11, 10))
    assert [by_name[n].status for n in NAMES[1:]] == ["unpaid", "unpaid"]
    assert [by_name[n].case.unpaid_since for n in NAMES] == [None, NOV, NOV]
    december = payroll_generate(user=ward_officer, ward=ward, month=DEC).payroll
    assert sorted(december.lines.filter(kind="arrears").values_list("full_name", flat=True)) == [
        NAMES[1],
        NAMES[2],
    ]


def test_a_person_missing_from_the_file_is_reported(payroll):
    book = load_workbook(io.BytesIO(returned(payroll, {1: ("x", None), 2: ("x", None)})))
    book.active.delete_rows(9)  # STT 3's row
    buffer = io.BytesIO()
    book.save(buffer)

    reading = read_returned(payroll, buffer.getvalue(), "tra-ve.xlsx", today=TODAY)

    assert [(p.row, p.message) for p in reading.problems] == [
        (None, f"Thiếu STT 3 ({NAMES[2]}) trong tệp trả về.")
    ]


def test_a_csv_return_is_read_the_same(payroll):
    people = payroll_people(payroll)
    lines = ["Danh sách chi trả", "STT;Họ và tên;Số định danh;Số tiền;Kết quả;Ngày nhận"]
    lines += [f"{p.number};{p.full_name};{p.national_id};750.000;có;05/11/2026" for p in people]

    reading = read_returned(payroll, "\n".join(lines).encode("utf-8-sig"), "a.csv", today=TODAY)

    assert reading.ok
    assert {(m.number, m.paid, m.paid_on) for m in reading.matches} == {
        (n, True, date(2026, 11, 5)) for n in (1, 2, 3)
    }


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"result": "hủy"}, "Kết quả “hủy” không rõ: ghi Đã nhận hoặc Chưa nhận."),
        ({"day": "31/02/2026"}, "Ngày nhận “31/02/2026” không đọc được: ghi ngày/tháng/năm."),
        ({"day": date(2026, 11, 19)}, "Ngày nhận 19/11/2026 ở tương lai."),
        ({"id": "089049000000"}, "Số định danh 089049000000 không phải của STT 1"),
        ({"amount": "bảy trăm"}, "Số tiền “bảy trăm” không đọc được."),
    ],
)
def test_each_unreadable_cell_is_a_row_problem(cells, message):
    person = PersonRow(
        1, 7, "A", 1949, "089049000123", "", "", "cash_ward", "", "", "", 750_000, 0, (1,)
    )
    row = [
        1,
        cells.get("id", "089049000123"),
        cells.get("amount", 750_000),
        cells.get("result", "Đã nhận"),
        cells.get("day", ""),
    ]
    rows = [["STT", "Số định danh", "Số tiền", "Kết quả", "Ngày nhận"], row]

    reading = match_rows(rows, [person], today=TODAY)

    assert reading.matches == []
    assert [p.row for p in reading.problems] == [2]
    assert reading.problems[0].message.startswith(message)


def test_only_a_sent_payroll_takes_results_and_only_from_its_wards_officer(
    ward_officer, approver, ward, paying_from
):
    paying_from(NOV)
    granted(ward_officer, poor_person(ward), decided_on=NOV)
    payroll = payroll_generate(user=ward_officer, ward=ward, month=NOV).payroll
    payroll_approve(user=ward_officer, payroll=payroll)
    line = payroll.lines.get()

    with pytest.raises(PayrollError, match="đã gửi tổ chức chi trả"):
        line_mark(user=ward_officer, line=line, paid=True, paid_on=TODAY, today=TODAY)
    payroll_send(user=ward_officer, payroll=payroll)
    with pytest.raises(PayrollError, match="không có quyền"):
        line_mark(user=approver, line=line, paid=True, paid_on=TODAY, today=TODAY)
    line.refresh_from_db()
    assert line.status == PaymentStatus.PENDING


def months_back(n: int) -> date:
    month = month_start(timezone.localdate())
    for _ in range(n):
        month = month_start(month - timedelta(days=1))
    return month


def unpaid_months(user, ward, paying_from, count: int):
    """A case whose `count` payrolls up to this month were all returned unpaid."""
    first = months_back(count - 1)
    paying_from(first)
    case = granted(user, poor_person(ward), decided_on=first)
    today = timezone.localdate()
    for n in range(count - 1, -1, -1):
        payroll = sent(user, ward, months_back(n))
        line = payroll.lines.filter(kind="regular").get()
        line_mark(user=user, line=line, paid=False, paid_on=None, today=today)
    case.refresh_from_db()
    return case


def unpaid_list(user, ward):
    return worklists(user, today=timezone.localdate(), ward_id=ward.pk).unpaid.rows


def test_three_unpaid_months_propose_a_suspension(ward_officer, ward, paying_from):
    case = unpaid_months(ward_officer, ward, paying_from, 3)

    assert case.unpaid_since == months_back(2)
    assert case in unpaid_list(ward_officer, ward)


def test_two_unpaid_months_do_not_yet(ward_officer, ward, paying_from):
    case = unpaid_months(ward_officer, ward, paying_from, 2)

    assert case.unpaid_since == months_back(1)
    assert case not in unpaid_list(ward_officer, ward)


def test_collecting_again_ends_the_unpaid_run(ward_officer, ward, paying_from):
    paying_from(months_back(1))
    case = granted(ward_officer, poor_person(ward), decided_on=months_back(1))
    today = timezone.localdate()
    before = sent(ward_officer, ward, months_back(1))
    line_mark(user=ward_officer, line=before.lines.get(), paid=False, paid_on=None, today=today)
    case.refresh_from_db()
    assert case.unpaid_since == months_back(1)

    now = sent(ward_officer, ward, months_back(0))
    applied = reconciliation_apply(
        user=ward_officer,
        payroll=now,
        matches=[
            Match(7, p.number, p.national_id, p.amount, True, today) for p in payroll_people(now)
        ],
        today=today,
    )

    case.refresh_from_db()
    assert applied.collected_cases == [case.pk] and case.unpaid_since is None
    assert set(now.lines.values_list("status", flat=True)) == {"paid"}  # the arrears too
