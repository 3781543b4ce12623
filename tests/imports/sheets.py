"""Lists as ward offices send them, built in memory: a few title rows, a blank row, the
header, one row per person and a total line at the bottom."""

import csv as _csv
import io
import unicodedata
from datetime import date

from openpyxl import Workbook

from ..factories import national_id_for

HEADER = [
    "STT",
    "Mã hộ",
    "Khóm",
    "Địa chỉ",
    "Họ và tên",
    "Quan hệ với chủ hộ",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Dân tộc",
    "Phân loại hộ",
    "Ghi chú",
]
TITLES = [
    ["ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN"],
    ["DANH SÁCH HỘ CẬN NGHÈO NĂM 2025"],
    ["(Kèm theo Quyết định số 12/QĐ-UBND ngày 20/01/2025 của UBND phường)"],
    [],
]
HEADER_LINE = 5  # the header's row number as Excel shows it
FIRST_LINE = 6  # the first person's row number


def person(
    code: str,
    name: str,
    relation: str = "Chủ hộ",
    birth="17/05/1980",
    sex: str = "Nam",
    national_id: str = "",
    *,
    group: str = "Khóm Đông An",
    address: str = "12 Lê Lợi, khóm Đông An",
    ethnicity: str = "Kinh",
    classification: str = "Hộ cận nghèo",
    notes: str = "",
) -> dict:
    """One person's row, keyed by the header's labels."""
    return {
        "Mã hộ": code,
        "Khóm": group,
        "Địa chỉ": address,
        "Họ và tên": name,
        "Quan hệ với chủ hộ": relation,
        "Ngày sinh": birth,
        "Giới tính": sex,
        "Số CCCD": national_id,
        "Dân tộc": ethnicity,
        "Phân loại hộ": classification,
        "Ghi chú": notes,
    }


def family(code: str, n: int = 1, **household) -> list[dict]:
    """A head, his wife and a child without an ID; IDs match birth year and sex."""
    head_birth, wife_birth = date(1980, 5, 17), date(1983, 2, 1)
    return [
        person(
            code,
            f"Nguyễn Văn An {n}",
            "Chủ hộ",
            head_birth,
            "Nam",
            national_id_for(head_birth, "male", 2 * n),
            **household,
        ),
        person(
            code,
            f"Trần Thị Bình {n}",
            "Vợ",
            wife_birth,
            "Nữ",
            national_id_for(wife_birth, "female", 2 * n + 1),
            **household,
        ),
        person(code, f"Nguyễn Văn Cường {n}", "Con", "2012", "Nam", "", **household),
    ]


def two_families() -> list[dict]:
    """LX-001 and LX-002: six people, each family with a head, his wife and a child."""
    return [*family("LX-001", 1), *family("LX-002", 2)]


def census(people: list[dict], *, header=HEADER, titles=TITLES, total: bool = True) -> list[list]:
    """The sheet's rows: titles, header, numbered persons, a blank row and the total line."""
    rows = [list(t) for t in titles] + [list(header)]
    for n, p in enumerate(people, 1):
        rows.append([n if h == "STT" else p.get(h, "") for h in header])
    if total:
        households = len({p["Mã hộ"] for p in people})
        rows += [[], ["", "", "", "", f"Tổng cộng: {households} hộ, {len(people)} nhân khẩu"]]
    return rows


def xlsx(rows: list[list], *, title: str = "DS") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(rows: list[list], *, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = _csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row])
    return out.getvalue()


def csv(rows: list[list], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    text = csv_text(rows, delimiter=delimiter)
    return cp1258(text) if encoding == "cp1258" else text.encode(encoding)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: â ă ê ô ơ ư precomposed, the five tone marks combining.

    Python's codec has no precomposed "ễ" or "Ộ": the tone is split off as Excel writes it.
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = "".join(c for c in parts if c not in TONE_MARKS)
            tones = "".join(c for c in parts if c in TONE_MARKS)
            out += (unicodedata.normalize("NFC", base) + tones).encode("cp1258")
    return bytes(out)
