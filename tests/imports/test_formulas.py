"""Formula cells in an uploaded list: reported as formulas, kept as text in the problems file;
and a household's own problems shown in the same preview as its rows' problems."""

import io
import re
import zipfile

from openpyxl import load_workbook

from households.rules import known_province_codes
from imports.columns import auto_mapping, find_header
from imports.models import ImportJob
from imports.parsing import parse_rows
from imports.reading import read_upload
from imports.rows import Context

from .jobs import preview, upload
from .sheets import FIRST_LINE, HEADER, census, family, person, xlsx
from .test_parsing import TODAY

NAME = HEADER.index("Họ và tên")
NAME_LETTER = "E"  # HEADER has STT in column A: the name is in E


def with_results(data: bytes, results: dict[str, str]) -> bytes:
    """The .xlsx with a stored text result for the formula cells named ("E6" → "…"), as
    Excel saves a calculated sheet (openpyxl writes formulas without results)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = source.read("xl/worksheets/sheet1.xml").decode()
    for ref, value in results.items():
        sheet, n = re.subn(
            rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v>\s*</v></c>',
            rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v></c>',
            sheet,
        )
        assert n == 1, ref
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else None
            target.writestr(info, content or source.read(info))
    return out.getvalue()


def parse(data: bytes):
    sheet = read_upload(data, "ds.xlsx")
    header = find_header(sheet.rows)
    ctx = Context(
        today=TODAY,
        group_keys=frozenset({"dong an"}),
        ward_keys=frozenset({"long xuyen"}),
        province_codes=known_province_codes(),
    )
    mapping = auto_mapping(sheet.rows[header])
    return parse_rows(sheet.rows, header, mapping, ctx, formulas=sheet.formulas)


def messages(parsed) -> list[tuple[int, str, bool]]:
    return [(p.row, f"{p.column}: {p.message}", p.blocking) for p in parsed.problems]


def a_list_with_a_formula_name(formula: str = '=CONCATENATE("Trần Thị ","Bình")') -> bytes:
    people = family("LX-001")
    people[1]["Họ và tên"] = formula
    return xlsx(census(people))


def test_a_formula_without_a_stored_result_is_an_error_naming_the_formula():
    parsed = parse(a_list_with_a_formula_name())

    assert messages(parsed) == [
        (
            FIRST_LINE + 1,
            'Họ và tên: Ô này là công thức =CONCATENATE("Trần Thị ","Bình"), không có kết quả '
            "lưu sẵn: hãy dán giá trị (Dán đặc biệt → Giá trị) thay cho công thức.",
            True,
        )
    ]


def test_a_formulas_stored_result_is_used_with_a_warning_showing_it():
    data = with_results(
        a_list_with_a_formula_name(), {f"{NAME_LETTER}{FIRST_LINE + 1}": "Trần Thị Bình"}
    )

    parsed = parse(data)

    assert messages(parsed) == [
        (
            FIRST_LINE + 1,
            'Họ và tên: Ô này là công thức =CONCATENATE("Trần Thị ","Bình"): đã lấy kết quả '
            "Excel lưu sẵn “Trần Thị Bình”; hãy dán giá trị thay cho công thức.",
            False,
        )
    ]
    assert parsed.households["LX-001"].persons[1].full_name == "Trần Thị Bình"


def test_a_formula_in_a_column_that_is_not_imported_is_not_reported():
    people = family("LX-001")
    rows = census(people)
    for line in range(FIRST_LINE - 1, FIRST_LINE + 2):
        rows[line][0] = f"=A{line}+1"  # the STT column, numbered by a formula

    assert messages(parse(xlsx(rows))) == []


def test_shared_formulas_are_named_as_each_cell_holds_them():
    data = xlsx(census(family("LX-001")))
    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = source.read("xl/worksheets/sheet1.xml").decode()
    # Column K (classification) of the three persons as one shared formula, as Excel writes a
    # formula filled down: the first cell holds it, the others name it.
    first, second, third = (f"K{FIRST_LINE + i}" for i in range(3))
    sheet = re.sub(
        rf'<c r="{first}"[^>]*>.*?</c>',
        f'<c r="{first}"><f t="shared" ref="{first}:{third}" si="0">C{FIRST_LINE}</f></c>',
        sheet,
    )
    for ref in (second, third):
        sheet = re.sub(
            rf'<c r="{ref}"[^>]*>.*?</c>', f'<c r="{ref}"><f t="shared" si="0"/></c>', sheet
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            name = info.filename
            target.writestr(
                info, sheet if name == "xl/worksheets/sheet1.xml" else source.read(info)
            )

    formulas = read_upload(out.getvalue(), "ds.xlsx").formulas

    column = HEADER.index("Phân loại hộ")
    assert formulas == {
        (FIRST_LINE - 1, column): f"=C{FIRST_LINE}",
        (FIRST_LINE, column): f"=C{FIRST_LINE + 1}",
        (FIRST_LINE + 1, column): f"=C{FIRST_LINE + 2}",
    }


def test_the_problems_file_keeps_a_formula_as_text_never_to_be_evaluated(
    ward_officer, ward, dong_an
):
    job = preview(upload(ward_officer, ward, a_list_with_a_formula_name("=B6&C6")), ward_officer)

    assert job.status == ImportJob.Status.PREVIEWED, job.error
    assert job.problems[0]["message"].startswith("Ô này là công thức =B6&C6")
    cell = load_workbook(job.problems_file.open("rb")).active.cell(FIRST_LINE + 1, NAME + 1)
    assert (cell.value, cell.data_type) == ("=B6&C6", "s")


# A household's problems whatever its rows' problems


def test_a_preview_shows_a_household_without_a_head_together_with_its_rows_errors():
    people = family("LX-001")
    people[0]["Quan hệ với chủ hộ"] = "Anh"
    people[1]["Ngày sinh"] = "??"  # the wife's row is refused
    people[2]["Giới tính"] = ""

    parsed = parse(xlsx(census(people)))

    assert [
        (row, message.split(":")[0], blocking) for row, message, blocking in messages(parsed)
    ] == [
        (FIRST_LINE, "Quan hệ với chủ hộ", True),
        (FIRST_LINE + 1, "Ngày sinh", True),
        (FIRST_LINE + 2, "Giới tính", True),
    ]
    assert "LX-001 không có chủ hộ" in messages(parsed)[0][1]


def test_two_heads_are_reported_when_the_second_heads_row_has_an_error_of_its_own():
    people = [*family("LX-001")]
    people[1]["Quan hệ với chủ hộ"] = "Chủ hộ"
    people[1]["Ngày sinh"] = "??"

    found = messages(parse(xlsx(census(people))))

    assert [row for row, _message, _blocking in found] == [FIRST_LINE + 1, FIRST_LINE + 1]
    assert any("có hơn một chủ hộ" in message for _row, message, _blocking in found)


def test_a_household_whose_head_row_has_no_name_is_not_called_headless():
    people = [person("LX-001", ""), *family("LX-001")[1:]]

    assert [m for _row, m, _b in messages(parse(xlsx(census(people))))] == [
        "Họ và tên: Thiếu họ và tên."
    ]


def test_formulas_are_placed_on_their_cells_when_the_list_starts_in_column_b():
    rows = [["", *row] for row in census(family("LX-001"))]
    rows[FIRST_LINE][1 + NAME] = "=F6"

    sheet = read_upload(xlsx(rows), "ds.xlsx")

    assert sheet.rows[FIRST_LINE - 1][NAME] == "Nguyễn Văn An 1"  # calamine drops column A
    assert sheet.formulas == {(FIRST_LINE, NAME): "=F6"}
