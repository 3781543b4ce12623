"""The household list as .xlsx: the page's filters and scope, the office's layout."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
)

URL = reverse("households:list_xlsx")
HEADERS = [
    "STT",
    "Mã hộ",
    "Tổ dân phố, khóm",
    "Chủ hộ",
    "Địa chỉ",
    "Xã, phường",
    "Số nhân khẩu",
    "Phân loại",
    "Năm",
]


def household(ward, code, head, *, members=1, classification="poor", group=None, address=""):
    h = HouseholdFactory(ward=ward, code=code, residential_group=group, address=address)
    PersonFactory(household=h, full_name=head)
    for _ in range(members - 1):
        PersonFactory(household=h, relation_to_head="child")
    HouseholdStatusFactory(household=h, year=2026, classification=classification)
    return h


def sheet_of(client, user, **query):
    client.force_login(user)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return load_workbook(io.BytesIO(response.content)).active


def rows(sheet) -> list[tuple]:
    """The household rows: after the headers (row 5), up to the total."""
    return [r for r in sheet.iter_rows(min_row=6, values_only=True) if r[0] != "Tổng cộng"]


def total(sheet) -> tuple:
    return next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Tổng cộng")


@pytest.fixture
def register(ward, other_ward):
    group = ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An")
    household(ward, "LX-001", "Nguyễn Văn An", members=3, group=group, address="12 Lê Lợi")
    household(ward, "LX-002", "Lê Thị Bé", members=2, classification="near_poor")
    household(ward, "LX-003", '=HYPERLINK("http://x")', members=1)
    household(other_ward, "BD-001", "Phạm Văn Cường", members=4)


def test_title_headers_rows_and_total(client, ward_officer, register):
    sheet = sheet_of(client, ward_officer)

    assert sheet["A1"].value == "PHƯỜNG LONG XUYÊN"
    assert sheet["A2"].value == "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO"
    assert sheet["A3"].value.startswith("Ngày lập: ")
    assert [c.value for c in sheet[5]] == HEADERS
    found = rows(sheet)
    assert found[0] == (
        1,
        "LX-001",
        "Khóm Đông An",
        "Nguyễn Văn An",
        "12 Lê Lợi",
        "Phường Long Xuyên",
        3,
        "Hộ nghèo",
        2026,
    )
    assert found[1][1:4] == ("LX-002", None, "Lê Thị Bé")
    assert found[1][6:] == (2, "Hộ cận nghèo", 2026)
    assert total(sheet)[3] == "3 hộ" and total(sheet)[6] == 6
    assert sheet["G9"].number_format == "#,##0"  # the total of members


def test_a_ward_officer_never_gets_another_wards_rows(client, ward_officer, other_ward, register):
    codes = [r[1] for r in rows(sheet_of(client, ward_officer))]
    assert codes == ["LX-001", "LX-002", "LX-003"]

    # A ward outside the scope is not a choice: the filter is dropped, the scope stays.
    codes = [r[1] for r in rows(sheet_of(client, ward_officer, ward=other_ward.pk))]
    assert "BD-001" not in codes


def test_the_filters_are_the_pages(client, approver, ward, register):
    sheet = sheet_of(client, approver)
    assert sheet["A1"].value == "AN GIANG"
    assert sorted(r[1] for r in rows(sheet)) == ["BD-001", "LX-001", "LX-002", "LX-003"]

    sheet = sheet_of(client, approver, ward=ward.pk, classification="near_poor", year=2026)
    assert sheet["A1"].value == "PHƯỜNG LONG XUYÊN"
    assert sheet["A2"].value == "DANH SÁCH HỘ CẬN NGHÈO NĂM 2026"
    assert [r[1] for r in rows(sheet)] == ["LX-002"]

    sheet = sheet_of(client, approver, q="Phạm Văn Cường")
    assert [r[1] for r in rows(sheet)] == ["BD-001"]


def test_a_formula_like_name_is_text(client, ward_officer, register):
    sheet = sheet_of(client, ward_officer)
    cell = sheet["D8"]
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_the_query_count_does_not_grow_with_the_rows(client, ward_officer, ward, register):
    client.force_login(ward_officer)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(20):
        household(ward, f"LX-1{n:02d}", f"Hộ thêm {n}", members=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(rows(load_workbook(io.BytesIO(response.content)).active)) == 23
    assert len(many) == len(few)


def test_the_list_page_links_to_the_export_with_its_filters(client, ward_officer, register):
    client.force_login(ward_officer)
    page = client.get(reverse("households:list"), {"classification": "poor", "page": "1"})
    assert f'href="{URL}?classification=poor"' in page.content.decode()
