"""The error file: the list as uploaded, each row's problems beside it, to fix and upload again."""

import io
from datetime import date

from openpyxl import load_workbook

from households.models import Household, Person
from imports.columns import find_header
from imports.models import ImportJob
from imports.problems_file import problems_workbook
from imports.rows import Problem

from ..factories import ResidentialGroupFactory
from .jobs import commit, preview, upload
from .sheets import FIRST_LINE, HEADER, HEADER_LINE, census, csv, family, person

RED, AMBER = "00FDE2E1", "00FFF0D1"


def open_sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_it_adds_a_column_naming_each_rows_problems():
    rows = census([person("LX-001", "Nguyễn Văn An"), person("LX-001", "Lê Thị Hoa", "Con")])
    problems = [
        Problem(FIRST_LINE, "Ngày sinh", "Không đọc được ngày sinh “?”."),
        Problem(FIRST_LINE, "Số CCCD", "Mã tỉnh 999 không có trong danh mục.", blocking=False),
        Problem(FIRST_LINE + 1, "Quan hệ với chủ hộ", "Quan hệ “Bạn” không có.", blocking=False),
    ]

    sheet = open_sheet(problems_workbook(rows, find_header(rows), problems))

    note = len(HEADER) + 1
    assert sheet.title == "Danh sách cần sửa"
    assert sheet.cell(HEADER_LINE, note).value == "Vấn đề cần sửa"
    assert sheet.cell(HEADER_LINE, note).font.bold
    first = sheet.cell(FIRST_LINE, note)
    assert first.value == (
        "Lỗi – Ngày sinh: Không đọc được ngày sinh “?”.\n"
        "Cảnh báo – Số CCCD: Mã tỉnh 999 không có trong danh mục."
    )
    assert first.fill.fgColor.rgb == RED
    second = sheet.cell(FIRST_LINE + 1, note)
    assert second.value == "Cảnh báo – Quan hệ với chủ hộ: Quan hệ “Bạn” không có."
    assert second.fill.fgColor.rgb == AMBER
    assert sheet.cell(1, note).value is None  # title rows keep their place, with no note


def test_it_gives_back_every_row_as_it_was_read():
    rows = census([person("LX-001", "Nguyễn Văn An", birth=date(1980, 5, 17), notes="=1+1")])

    sheet = open_sheet(problems_workbook(rows, find_header(rows), []))

    assert sheet.cell(1, 1).value == "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN"
    assert [c.value for c in sheet[HEADER_LINE]][: len(HEADER)] == HEADER
    assert sheet.cell(FIRST_LINE, 7).value.date() == date(1980, 5, 17)
    assert sheet.cell(FIRST_LINE, 7).number_format == "DD/MM/YYYY"
    formula = sheet.cell(FIRST_LINE, 12)
    assert (formula.value, formula.data_type) == ("=1+1", "s")


def fix(content: bytes, cells: dict[tuple[int, int], object]) -> bytes:
    """Open the error file in a spreadsheet, correct some cells and save it."""
    book = load_workbook(io.BytesIO(content))
    for (row, column), value in cells.items():
        book.active.cell(row, column, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_fixed_error_file_uploads_again_and_commits(ward_officer, ward):
    ResidentialGroupFactory(parent=ward, name="Khóm Đông An")
    people = [*family("LX-001", 1), *family("LX-002", 2)]
    people[2]["Ngày sinh"] = "khoảng 2012"
    people[4]["Giới tính"] = ""
    job = preview(upload(ward_officer, ward, people), ward_officer)
    assert [p["row"] for p in job.problems] == [FIRST_LINE + 2, FIRST_LINE + 4]
    assert Household.objects.count() == 0

    fixed = fix(
        job.problems_file.read(),
        {(FIRST_LINE + 2, 7): "03/09/2012", (FIRST_LINE + 4, 8): "Nữ"},
    )
    again = preview(upload(ward_officer, ward, fixed, name="loi-danh-sach.xlsx"), ward_officer)

    assert again.header_row == HEADER_LINE - 1
    assert (again.blocking_count, again.warning_count) == (0, 0), again.problems
    assert commit(again, ward_officer).status == ImportJob.Status.DONE
    assert Person.objects.count() == 6
    child = Person.objects.get(full_name="Nguyễn Văn Cường 1")
    assert child.birth_date == date(2012, 9, 3)
    assert Person.objects.get(full_name="Trần Thị Bình 2").sex == "female"


def test_the_error_file_of_a_csv_list_keeps_ids_as_text(ward_officer, ward):
    ResidentialGroupFactory(parent=ward, name="Khóm Đông An")
    people = family("LX-001")
    people[2]["Ngày sinh"] = "??"
    job = preview(upload(ward_officer, ward, csv(census(people)), name="ds.csv"), ward_officer)

    sheet = open_sheet(job.problems_file.read())

    head_id = sheet.cell(FIRST_LINE, 9)
    assert (head_id.value, head_id.data_type) == (people[0]["Số CCCD"], "s")
