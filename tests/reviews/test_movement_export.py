"""The movements table as .xlsx, and an approver's movements per ward with the total."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from areas.models import AreaPopulation
from reviews.queries.movements import movement_table

from ..factories import HouseholdFactory, HouseholdStatusFactory, WardFactory

START, END = date(2026, 1, 1), date(2026, 12, 31)
URL = reverse("reviews:movements_xlsx")
QUERY = {"start": "01/01/2026", "end": "31/12/2026"}


def poor(ward, n, *, escaping=0):
    """n poor households of the ward at the start of 2026; `escaping` of them escape in June."""
    for i in range(n):
        household = HouseholdFactory(ward=ward)
        HouseholdStatusFactory(household=household, year=2026, classification="poor")
        if i < escaping:
            HouseholdStatusFactory(
                household=household,
                year=2027,
                valid_from=date(2026, 6, 1),
                classification="none",
                previous="poor",
                movement="escaped_poor",
            )


@pytest.fixture
def register(ward, other_ward, far_ward):
    poor(ward, 6, escaping=2)
    poor(other_ward, 3, escaping=1)
    poor(far_ward, 5)
    AreaPopulation.objects.create(
        area=ward, valid_from=START, households=300, persons=1200, source="Công an phường"
    )


def book_of(client, user, area):
    client.force_login(user)
    response = client.get(URL, {"area": area.pk, **QUERY})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def values(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_the_table_has_the_pages_columns_figures_and_footnote(client, ward_officer, ward, register):
    book = book_of(client, ward_officer, ward)
    assert book.sheetnames == ["Biến động"]
    rows = values(book["Biến động"])
    assert rows[0][0] == "PHƯỜNG LONG XUYÊN"
    assert rows[1][0] == "BIẾN ĐỘNG HỘ NGHÈO, HỘ CẬN NGHÈO"
    assert rows[2][0] == "Từ ngày 01/01/2026 đến ngày 31/12/2026"
    assert rows[4][2] == "Tăng trong kỳ" and rows[4][7] == "Giảm trong kỳ"
    assert rows[5][:3] == ("Hộ nghèo", "Đầu kỳ", "Phát sinh mới")
    assert rows[5][7:] == ("Thoát nghèo", "Sang hộ cận nghèo", "Chuyển đi", "Cuối kỳ")
    table = movement_table(ward_officer, ward, START, END)
    counts = rows[6]
    assert counts[0] == "số hộ"
    assert counts[1] == table.rows["poor"]["at_start"] == 6
    assert counts[7] == table.rows["poor"]["escaped"] == 2
    assert counts[10] == table.rows["poor"]["at_end"] == 4
    assert rows[7][1] == 2.0 and rows[7][10] == pytest.approx(1.33)  # 6 and 4 of 300
    assert rows[8][0] == "Hộ cận nghèo" and rows[8][3] == "Tái cận nghèo"
    assert "300 hộ (nguồn Công an phường, ngày 01/01/2026)" in rows[-1][0]
    assert book["Biến động"]["B7"].number_format == "#,##0"


def test_an_approver_gets_each_ward_in_scope_and_the_total(client, approver, province, register):
    book = book_of(client, approver, province)
    assert book.sheetnames == ["Biến động", "Theo xã, phường"]
    rows = values(book["Theo xã, phường"])
    assert rows[0][0] == "AN GIANG"
    assert rows[4][2] == "Hộ nghèo"
    assert rows[5][:4] == ("STT", "Xã, phường", "Đầu kỳ", "Phát sinh mới")
    body = rows[6:9]
    assert rows[9] == (None,) * len(rows[9]) and rows[10][0].startswith("Tỷ lệ của mỗi xã")
    assert rows[11][0].startswith("Chưa có tổng số hộ của địa bàn tại ngày 01/01/2026")
    assert [r[1] for r in body] == ["Phường Bình Đức", "Phường Long Xuyên", "Cộng An Giang"]
    at_start, escaped, at_end = 2, 8, 11  # the columns of the poor
    assert [(r[at_start], r[escaped], r[at_end]) for r in body] == [(3, 1, 2), (6, 2, 4), (9, 3, 6)]
    assert body[1][12] == 2.0 and body[0][12] == "—"  # Bình Đức has no total households
    assert body[2][12] == "—"  # nor has the province then
    table = movement_table(approver, province, START, END)
    assert body[2][at_start] == table.rows["poor"]["at_start"]


def test_a_ward_officer_cannot_export_the_province(client, ward_officer, province, register):
    client.force_login(ward_officer)
    assert client.get(URL, {"area": province.pk, **QUERY}).status_code == 404


def test_a_formula_like_ward_name_is_text(client, approver, province, register):
    poor(WardFactory(parent=province, code="30999", name="=1+1"), 1)
    sheet = book_of(client, approver, province)["Theo xã, phường"]
    cell = next(row[1] for row in sheet.iter_rows(min_row=7) if row[1].value == "=1+1")
    assert cell.data_type == "s"


def test_the_counts_take_the_same_queries_for_more_wards(client, approver, province, register):
    client.force_login(approver)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"area": province.pk, **QUERY})
    for n in range(3):
        poor(WardFactory(parent=province, code=f"3100{n}", name=f"Xã Thử {n}"), 2)
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"area": province.pk, **QUERY})
    assert len(many) == len(few)


def test_the_page_links_to_the_export(client, approver, province, register):
    client.force_login(approver)
    page = client.get(reverse("reviews:movements"), {"area": province.pk, **QUERY})
    assert f"{URL}?area={province.pk}" in page.content.decode()
    assert "Tải Excel (kèm theo từng xã, phường)" in page.content.decode()
