"""Reading uploaded lists: every encoding Excel saves, and nothing that could hurt the server."""

import base64
import io
import random
import re
import unicodedata
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from imports import reading
from imports.reading import MAX_BYTES, UploadRefused, read_upload

from .sheets import HEADER, census, csv, family, person, xlsx

NAMES = [
    "Nguyễn Thị Ánh",
    "Đặng Công Tâm",
    "Bùi Văn Nghĩa",
    "Lý Thị Kiều Diễm",
    "Trương Ngọc Hưởng",
]


def people_rows() -> list[list]:
    return census([person("LX-001", name, birth="05/06/1980") for name in NAMES])


@pytest.fixture
def calamine_must_not_run(monkeypatch):
    """A refused sheet never reaches calamine, which would build the whole grid and abort
    the process; failing here keeps a regression from taking the test run down with it."""

    class Refuse:
        @staticmethod
        def from_filelike(_stream):
            raise AssertionError("calamine was handed a sheet the check should have refused")

    monkeypatch.setattr(reading, "CalamineWorkbook", Refuse)


def workbook_bytes(fill) -> bytes:
    book = Workbook()
    fill(book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, entries: dict[str, bytes]) -> bytes:
    """The .xlsx with some entries replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in entries:
                target.writestr(info, source.read(info))
        for name, content in entries.items():
            target.writestr(name, content)
    return out.getvalue()


def with_sheet_data(extra: bytes) -> bytes:
    """A small valid list whose first sheet gets extra XML at the end of its sheetData."""
    data = xlsx(people_rows())
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb"<dimension [^>]*>", b"", sheet).replace(
        b"</sheetData>", extra + b"</sheetData>"
    )
    return rewritten(data, {"xl/worksheets/sheet1.xml": sheet})


# Reading what offices send


def test_it_reads_the_first_sheet_with_its_title_rows():
    sheet = read_upload(xlsx(people_rows()), "ds.xlsx")

    assert sheet.rows[0][0] == "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN"
    assert sheet.rows[4] == HEADER
    assert [r[4] for r in sheet.rows[5:10]] == NAMES


def test_it_reads_date_cells_as_dates_and_keeps_typed_text_as_text():
    rows = census(
        [person("LX-001", "Đặng Công Tâm", birth=date(1962, 8, 27), national_id="089062570386")]
    )

    cells = read_upload(xlsx(rows), "ds.xlsx").rows[5]

    assert cells[6] == date(1962, 8, 27)
    assert cells[8] == "089062570386"


def test_it_normalises_decomposed_text_to_composed_form():
    decomposed = unicodedata.normalize("NFD", "Lý Thị Kiều Diễm")
    rows = census([person("LX-001", f"  {decomposed} ")])

    name = read_upload(xlsx(rows), "ds.xlsx").rows[5][4]

    assert name == "Lý Thị Kiều Diễm"
    assert unicodedata.is_normalized("NFC", name)


def test_it_reads_a_windows_1258_csv():
    data = csv(people_rows(), encoding="cp1258")
    assert b"\xde" in data  # the tilde of "ễ" is a combining mark in Windows-1258

    rows = read_upload(data, "ds.csv").rows

    assert rows[4] == HEADER
    assert [r[4] for r in rows[5:10]] == NAMES


def test_it_reads_a_utf16_csv_with_tabs_as_excel_saves_unicode_text():
    data = csv(people_rows(), encoding="utf-16", delimiter="\t")
    assert data.startswith(b"\xff\xfe")

    rows = read_upload(data, "ds.txt").rows

    assert rows[4] == HEADER
    assert [r[4] for r in rows[5:10]] == NAMES


def test_it_reads_a_utf8_csv_with_a_bom_without_keeping_the_bom():
    rows = read_upload(csv(people_rows(), encoding="utf-8-sig"), "ds.csv").rows

    assert rows[0][0] == "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN"
    assert rows[4] == HEADER


def test_it_reads_a_semicolon_csv_with_commas_inside_quoted_cells():
    people = [
        person("LX-001", name, address="Tổ 2, khóm Đông An; phường Long Xuyên") for name in NAMES
    ]

    rows = read_upload(csv(census(people), delimiter=";"), "ds.csv").rows

    assert rows[4] == HEADER
    assert rows[5][3] == "Tổ 2, khóm Đông An; phường Long Xuyên"
    assert [r[4] for r in rows[5:10]] == NAMES


def test_it_drops_control_characters_excel_cannot_write_back():
    rows = census([person("LX-001", "Bùi Văn\x0bNghĩa", address="Tổ 2\x1a")])

    cells = read_upload(csv(rows), "ds.csv").rows[5]

    assert cells[3:5] == ["Tổ 2", "Bùi Văn Nghĩa"]


def test_it_accepts_a_list_of_five_thousand_people():
    people = [p for n in range(1667) for p in family(f"LX-{n:04d}", n)]

    rows = read_upload(xlsx(census(people)), "ds.xlsx").rows

    assert len(rows) == 5 + 5001 + 2


# Refusals: a Vietnamese reason, never a crash


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(UploadRefused) as refused:
        read_upload(data, name)
    return str(refused.value)


def test_it_refuses_a_file_above_the_size_limit():
    assert "20 MB" in refusal(b"a" * (MAX_BYTES + 1), "ds.csv")


def test_it_refuses_an_empty_file():
    assert refusal(b"", "ds.xlsx") == "Tệp rỗng."


def test_it_refuses_an_xlsx_that_is_really_text():
    assert "không phải là tệp Excel" in refusal(csv(people_rows()), "ds.xlsx")


def test_it_refuses_an_xls_that_is_really_text():
    assert "không phải là tệp Excel 97–2003" in refusal(csv(people_rows()), "ds.xls")


def test_it_refuses_a_csv_that_is_really_an_xlsx():
    assert "thực ra là tệp Excel" in refusal(xlsx(people_rows()), "ds.csv")


def test_it_refuses_other_kinds_of_file():
    assert "Chỉ nhận tệp .xlsx, .xls hoặc .csv" in refusal(b"%PDF-1.7", "ds.pdf")


def test_it_refuses_a_csv_in_no_encoding_it_knows():
    assert "bảng mã" in refusal(b"STT,H\x81 t\x8a\xff\xfe\x00n\n", "ds.csv")


def test_it_refuses_a_broken_zip_behind_an_xlsx_signature():
    assert "bị hỏng" in refusal(b"PK\x03\x04" + b"\x00" * 200, "ds.xlsx")


def test_it_refuses_an_xlsx_whose_sheet_data_is_corrupt():
    data = bytearray(xlsx(people_rows()))
    start = data.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    data[start + 20 : start + 60] = b"\xff" * 40  # the compressed bytes of the first sheet

    assert "bị hỏng" in refusal(bytes(data), "ds.xlsx")


def test_it_refuses_a_sheet_reaching_the_last_cell_excel_has(calamine_must_not_run):
    data = workbook_bytes(lambda sheet: sheet.cell(row=1_048_576, column=16_384, value="x"))

    message = refusal(data, "ds.xlsx")

    assert "Trang tính quá lớn (1048576 dòng, 16384 cột)" in message


@pytest.mark.parametrize(
    "cell",
    [
        b'<row r="1048576"><c t="inlineStr" r="XFD1048576"><is><t>x</t></is></c></row>',
        b'<row r="1048576"><c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        b"<row r='1048576'><c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c></row>",
        b'<row r="1048576"><c  r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        b'<row r="1048576"><c t=">" r="XFD1048576"><is><t>x</t></is></c></row>',
        b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>',
        b'<row r="9">' + b"<c/>" * 300 + b"</row>",
        b'<row r="9"><c r="A9" t="inlineStr" r="XFD1048576"><is><t>x</t></is></c></row>',
        b'<row r="9"><c t="<c r=\'A9\'>" r="XFD1048576"><is><t>x</t></is></c></row>',
    ],
    ids=[
        "attributes-reordered",
        "lower-case-reference",
        "single-quotes",
        "spaces-around-equals",
        "quoted-bracket",
        "row-number-only",
        "cells-without-reference",
        "duplicate-reference",  # calamine takes the last one
        "tag-inside-a-value",
    ],
)
def test_it_refuses_a_huge_sheet_however_its_cells_are_written(cell, calamine_must_not_run):
    assert "Trang tính quá lớn" in refusal(with_sheet_data(cell), "ds.xlsx")


def test_it_refuses_a_huge_cell_whose_tag_straddles_two_blocks_of_the_scan(calamine_must_not_run):
    data = xlsx(people_rows())
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    before = sheet[: sheet.index(b"</sheetData>")] + b'<row r="20"><c r="A20" t="inlineStr"><is><t>'
    after = b'</t></is></c></row><row r="21">'
    # Text that does not compress, long enough for the cell below to start 5 bytes before 1 MiB.
    filler = base64.b64encode(random.Random(0).randbytes(800_000))
    filler = filler[: (1 << 20) - 5 - len(before) - len(after)]
    bomb = b'<c r="XFD21" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    sheet = before + filler + after + bomb + sheet[sheet.index(b"</sheetData>") + 12 :]
    assert sheet.index(b'<c r="XFD') == (1 << 20) - 5

    message = refusal(rewritten(data, {"xl/worksheets/sheet1.xml": sheet}), "ds.xlsx")

    assert "Trang tính quá lớn (21 dòng, 16384 cột)" in message


def test_it_reads_a_sheet_whose_cells_carry_no_reference():
    data = xlsx(people_rows())
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    bare = re.sub(rb'<c r="[A-Z]+\d+"', b"<c", sheet)
    assert b'<c r="' not in bare

    rows = read_upload(rewritten(data, {"xl/worksheets/sheet1.xml": bare}), "ds.xlsx").rows

    assert rows[4] == HEADER
    assert [r[4] for r in rows[5:10]] == NAMES


def test_it_refuses_a_huge_sheet_written_with_a_namespace_prefix(calamine_must_not_run):
    data = xlsx(people_rows())
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    prefixed = re.sub(rb"<(/?)(?!\?)", rb"<\1x:", sheet).replace(
        b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x="
    )
    prefixed = prefixed.replace(
        b"</x:sheetData>",
        b'<x:row r="1048576"><x:c r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>'
        b"</x:row></x:sheetData>",
    )

    message = refusal(rewritten(data, {"xl/worksheets/sheet1.xml": prefixed}), "ds.xlsx")

    assert "Trang tính quá lớn" in message


def test_it_refuses_a_huge_sheet_stored_outside_the_worksheets_folder(calamine_must_not_run):
    data = xlsx(people_rows())
    archive = zipfile.ZipFile(io.BytesIO(data))
    rels = archive.read("xl/_rels/workbook.xml.rels").replace(
        b"worksheets/sheet1.xml", b"data/list.bin"
    )
    sheet = archive.read("xl/worksheets/sheet1.xml").replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    moved = rewritten(data, {"xl/_rels/workbook.xml.rels": rels, "xl/data/list.bin": sheet})

    assert "Trang tính quá lớn" in refusal(moved, "ds.xlsx")


def test_it_refuses_an_xlsx_that_expands_a_hundredfold():
    bomb = rewritten(xlsx(people_rows()), {"xl/media/image1.png": bytes(30 * 1024 * 1024)})
    assert len(bomb) < MAX_BYTES

    assert "quá lớn khi giải nén" in refusal(bomb, "ds.xlsx")


def test_it_refuses_an_xlsx_with_a_zip_inside():
    inner = xlsx(people_rows())
    nested = rewritten(xlsx(people_rows()), {"xl/embeddings/list.zip": inner})

    assert "tệp nén lồng bên trong" in refusal(nested, "ds.xlsx")


def test_it_refuses_a_csv_cell_longer_than_any_list_needs():
    data = b"STT,H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan\n1," + b"a" * 200_000 + b"\n"

    assert refusal(data, "ds.csv")


def test_it_refuses_a_csv_with_more_rows_than_it_reads():
    data = b"a\n" * (reading.MAX_ROWS + 1)

    assert "quá nhiều dòng" in refusal(data, "ds.csv")


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbfSTT,H\xff\xfe\n", b"\xff\xfeS\x00T\x00T"],
    ids=["utf-8-bom-with-broken-bytes", "utf-16-cut-in-half"],
)
def test_it_refuses_a_csv_whose_encoding_mark_lies(data):
    assert "bảng mã" in refusal(data, "ds.csv")
