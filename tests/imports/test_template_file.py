"""The standard list template: the columns ansinh reads, with the ward's drop-down lists."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from households.models import Household, Person
from imports.models import ImportJob

from ..factories import ResidentialGroupFactory
from .jobs import commit, preview, upload

TEMPLATE = reverse("imports:template")
HEADERS = [
    "Mã hộ",
    "Tổ dân phố/Khóm/Thôn",
    "Địa chỉ",
    "Điện thoại",
    "Họ và tên",
    "Quan hệ với chủ hộ",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Dân tộc",
    "Mức độ khuyết tật",
    "Phân loại hộ",
    "Ghi chú",
]
RANGE = re.compile(
    r"'(?P<sheet>[^']+)'!\$(?P<col>[A-Z]+)\$(?P<first>\d+):\$(?P=col)\$(?P<last>\d+)"
)


@pytest.fixture
def groups(ward, other_ward):
    ResidentialGroupFactory(parent=other_ward, name="Khóm Bình Đức 1")
    return [
        ResidentialGroupFactory(parent=ward, name=name).name
        for name in ("Khóm Đông Hưng", "Khóm Đông An")
    ]


def download(client, user, **params):
    client.force_login(user)
    return client.get(TEMPLATE, params)


def drop_downs(book) -> dict[str, list[str]]:
    """Each column's header → the options its drop-down offers, for rows 2 to 2001."""
    sheet = book["Danh sách"]
    found = {}
    for check in sheet.data_validations.dataValidation:
        # OOXML stores formulas without the "=" typed in Excel (ECMA-376 §18.3.1.40).
        source = RANGE.fullmatch(check.formula1)
        assert check.type == "list" and source, check.formula1
        options_sheet = book[source["sheet"]]
        column = column_index_from_string(source["col"])
        options = [
            options_sheet.cell(r, column).value
            for r in range(int(source["first"]), int(source["last"]) + 1)
        ]
        for cells in str(check.sqref).split():
            first, last = cells.split(":")
            letters = first.rstrip("0123456789")
            assert (first, last) == (f"{letters}2", f"{letters}2001")
            found[sheet[f"{letters}1"].value] = options
    return found


def test_the_template_opens_with_the_columns_ansinh_reads(client, ward_officer, ward, groups):
    response = download(client, ward_officer)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-danh-sach-30307.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    assert [c.value for c in book["Danh sách"][1]] == HEADERS


def test_the_template_offers_the_wards_groups_and_the_registers_choices(
    client, ward_officer, ward, groups
):
    book = load_workbook(io.BytesIO(download(client, ward_officer).content))

    options = drop_downs(book)

    assert options["Tổ dân phố/Khóm/Thôn"] == ["Khóm Đông An", "Khóm Đông Hưng"]
    assert options["Giới tính"] == ["Nam", "Nữ"]
    assert options["Quan hệ với chủ hộ"][:3] == ["Chủ hộ", "Vợ/chồng", "Con"]
    assert "Con dâu/con rể" in options["Quan hệ với chủ hộ"]
    assert options["Phân loại hộ"] == [
        "Hộ nghèo",
        "Hộ cận nghèo",
        "Hộ thoát nghèo",
        "Hộ thoát cận nghèo",
        "Hộ có mức sống trung bình",
        "Không thuộc diện",
    ]
    assert options["Mức độ khuyết tật"] == ["Đặc biệt nặng", "Nặng", "Nhẹ"]
    assert {"Kinh", "Khmer", "Hoa", "Chăm"} <= set(options["Dân tộc"])


def test_the_template_keeps_ids_and_codes_as_text(client, ward_officer, ward, groups):
    sheet = load_workbook(io.BytesIO(download(client, ward_officer).content))["Danh sách"]

    for column in ("A", "D", "G", "I"):  # code, phone, birth, ID
        assert sheet[f"{column}2"].number_format == "@"


def test_the_template_explains_how_to_fill_it(client, ward_officer, ward, groups):
    sheet = load_workbook(io.BytesIO(download(client, ward_officer).content))["Hướng dẫn"]

    lines = [row[0].value for row in sheet.iter_rows() if row[0].value]
    assert lines[0] == "Mẫu danh sách hộ gia đình – Phường Long Xuyên"
    assert "Mỗi hộ có đúng một người “Chủ hộ”." in lines


def test_an_officer_gets_the_template_of_their_own_ward_whatever_they_ask(
    client, ward_officer, other_ward, groups
):
    book = load_workbook(io.BytesIO(download(client, ward_officer, ward=other_ward.pk).content))

    assert "Khóm Bình Đức 1" not in drop_downs(book)["Tổ dân phố/Khóm/Thôn"]
    assert book["Hướng dẫn"]["A1"].value.endswith("Phường Long Xuyên")


def test_a_user_who_may_import_nowhere_gets_no_template(client, approver, groups):
    assert download(client, approver).status_code == 404


def test_anonymous_users_are_sent_to_login_for_the_template(client):
    response = client.get(TEMPLATE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_filled_template_imports_back(client, ward_officer, ward, groups):
    book = load_workbook(io.BytesIO(download(client, ward_officer).content))
    sheet = book["Danh sách"]
    for row, values in enumerate(
        [
            [
                "LX-100",
                "Khóm Đông An",
                "5 Trần Hưng Đạo",
                "0912345678",
                "Lê Văn Tám",
                "Chủ hộ",
                "12/03/1958",
                "Nam",
                "089058000123",
                "Kinh",
                "",
                "Hộ nghèo",
                "",
            ],
            [
                "LX-100",
                "Khóm Đông An",
                "",
                "",
                "Lê Văn Sáu",
                "Con",
                "1985",
                "Nam",
                "",
                "Kinh",
                "Nặng",
                "Hộ nghèo",
                "",
            ],
            [
                "LX-100",
                "Khóm Đông An",
                "",
                "",
                "Phạm Thị Bảy",
                "Con dâu/con rể",
                "1987",
                "Nữ",
                "",
                "Khmer",
                "",
                "Hộ nghèo",
                "",
            ],
        ],
        start=2,
    ):
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value or None)
    filled = io.BytesIO()
    book.save(filled)

    job = preview(upload(ward_officer, ward, filled.getvalue(), name="mau.xlsx"), ward_officer)

    assert (job.blocking_count, job.warning_count) == (0, 0), job.problems
    assert commit(job, ward_officer).status == ImportJob.Status.DONE
    household = Household.objects.get(code="LX-100")
    assert (household.residential_group.name, household.phone) == ("Khóm Đông An", "0912345678")
    members = dict(Person.objects.values_list("full_name", "relation_to_head"))
    assert members == {"Lê Văn Tám": "head", "Lê Văn Sáu": "child", "Phạm Thị Bảy": "child_in_law"}
    assert Person.objects.get(full_name="Lê Văn Sáu").disability_level == "severe"
    assert household.statuses.get(year=2025).classification == "poor"


@pytest.mark.parametrize("asked", ["abc", "", "99999999", "99999999999999999999", "²"])
def test_a_malformed_or_unknown_ward_falls_back_to_the_officers_ward(
    client, ward_officer, groups, asked
):
    response = download(client, ward_officer, ward=asked)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-danh-sach-30307.xlsx"'
