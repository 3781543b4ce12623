"""Exports Excel opens safely: text that looks like a formula is never evaluated."""

import csv
import io
from datetime import date

import pytest
import tablib
from django.urls import reverse
from openpyxl import load_workbook

from ui.export_formats import SafeCSV, SafeXLSX

from ..factories import WardFactory

FORMULA_LIKE = ["=1+1", "+84 912 345 678", "-5", "@SUM(A1)", "\tĐông An"]


def dataset(*rows) -> tablib.Dataset:
    data = tablib.Dataset(headers=["Mã hộ", "Ghi chú"])
    for row in rows:
        data.append(row)
    return data


def test_csv_starts_with_a_bom_so_excel_reads_vietnamese():
    content = SafeCSV().export_data(dataset(["LX-001", "Hộ cận nghèo"]))

    assert content.startswith("\ufeff")
    assert content.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert "Hộ cận nghèo" in content


@pytest.mark.parametrize("text", [*FORMULA_LIKE, "\r=2"])
def test_csv_neutralises_text_excel_would_evaluate(text):
    content = SafeCSV().export_data(dataset(["LX-001", text]))

    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert rows[1] == ["LX-001", "'" + text]


@pytest.mark.parametrize("value", ["Hộ nghèo", "Nhà số 5 - hẻm 3", "", 5, -5, date(2025, 1, 20)])
def test_csv_leaves_ordinary_values_alone(value):
    content = SafeCSV().export_data(dataset(["LX-001", value]))

    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert rows[1][1] == str(value) and not rows[1][1].startswith("'")


@pytest.mark.parametrize("encode", [str.encode, str], ids=["bytes", "text"])
def test_csv_reads_back_what_it_writes(encode):
    content = SafeCSV().export_data(dataset(["LX-001", "Hộ nghèo"]))

    back = SafeCSV().create_dataset(encode(content))

    assert back.headers == ["Mã hộ", "Ghi chú"]
    assert back[0] == ("LX-001", "Hộ nghèo")


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_xlsx_keeps_formula_like_text_as_a_text_cell(text):
    content = SafeXLSX().export_data(dataset(["LX-001", text]))

    cell = load_workbook(io.BytesIO(content)).active["B2"]
    assert (cell.value, cell.data_type) == (text, "s")


def test_xlsx_writes_dates_day_first_and_numbers_as_numbers():
    content = SafeXLSX().export_data(dataset([12, date(2025, 1, 20)]))

    sheet = load_workbook(io.BytesIO(content)).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == (12, "n")
    assert sheet["B2"].value.date() == date(2025, 1, 20)
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["A1"].font.bold


def test_xlsx_drops_characters_no_spreadsheet_may_hold():
    content = SafeXLSX().export_data(dataset(["LX-001", "Tổ 2\x0bkhóm 3"]))

    assert load_workbook(io.BytesIO(content)).active["B2"].value == "Tổ 2 khóm 3"


@pytest.fixture
def areas(province):
    WardFactory(parent=province, code="30310", name='=HYPERLINK("http://x","Mỹ Hòa")')
    return province


@pytest.mark.parametrize(("index", "reader"), [(0, "csv"), (1, "xlsx")])
def test_the_admin_exports_areas_safely(client, admin_user, areas, index, reader):
    client.force_login(admin_user)
    url = reverse("admin:areas_area_export")
    assert client.get(url).status_code == 200

    fields = ["code", "name", "level", "kind", "parent", "is_urban", "is_active", "path"]
    response = client.post(
        url, {"format": str(index), "resource": "0"} | {f"arearesource_{f}": "on" for f in fields}
    )

    assert response.status_code == 200
    if reader == "csv":
        assert response.content.startswith(b"\xef\xbb\xbf")
        text = response.content.decode("utf-8-sig")
        assert "'=HYPERLINK" in text
        assert "An Giang" in text
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        names = {c.value: c.data_type for c in sheet["B"]}
        assert names['=HYPERLINK("http://x","Mỹ Hòa")'] == "s"
        assert "An Giang" in names


def test_only_administrators_export_areas(client, ward_officer):
    client.force_login(ward_officer)

    response = client.get(reverse("admin:areas_area_export"))

    assert response.status_code == 302
