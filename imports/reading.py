"""Read an uploaded list into rows of cell values, refusing what could hurt the server.

Excel files are read with python-calamine. Before it sees an .xlsx, the zip is checked:
its declared and real sizes, its compression ratio, and the largest cell reference of each
sheet, because calamine builds a dense grid from the first to the last cell and a single
cell at XFD1048576 would ask for billions of them.
"""

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

MAX_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 200_000
MAX_COLUMNS = 200
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')


class UploadRefused(ValueError):
    """The file cannot be read safely; the message says why, in Vietnamese."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # cell values: str, float, int, bool, date, datetime or ""


def read_upload(data: bytes, filename: str) -> Sheet:
    """Return the first sheet of an .xlsx, .xls or .csv file as rows of values."""
    if len(data) > MAX_BYTES:
        raise UploadRefused(
            _("Tệp lớn hơn %(mb)d MB: hãy chia danh sách thành nhiều tệp.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if not data:
        raise UploadRefused(_("Tệp rỗng."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in ("xlsx", "xlsm"):
        if not data.startswith(_XLSX_MAGIC):
            raise UploadRefused(_("Tệp có đuôi .xlsx nhưng không phải là tệp Excel."))
        _check_xlsx(data)
        return _read_excel(data)
    if extension == "xls":
        if not data.startswith(_XLS_MAGIC):
            raise UploadRefused(_("Tệp có đuôi .xls nhưng không phải là tệp Excel 97–2003."))
        return _read_excel(data)
    if extension in ("csv", "txt"):
        if data.startswith((_XLSX_MAGIC, _XLS_MAGIC)):
            raise UploadRefused(_("Tệp có đuôi .csv nhưng thực ra là tệp Excel: hãy đổi đuôi."))
        return Sheet(name=filename, rows=_read_csv(data))
    raise UploadRefused(_("Chỉ nhận tệp .xlsx, .xls hoặc .csv."))


def _check_xlsx(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise UploadRefused(_("Tệp Excel bị hỏng, không mở được.")) from None
    total = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if len(entries) > 2000 or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise UploadRefused(_("Tệp Excel có cấu trúc bất thường (quá lớn khi giải nén)."))
    if any(e.filename.lower().endswith((".zip", ".xlsx", ".xlsm")) for e in entries):
        raise UploadRefused(_("Tệp Excel chứa tệp nén lồng bên trong: không nhận."))
    for entry in entries:
        if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
            _check_sheet_extent(archive, entry)


def _check_sheet_extent(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    max_row = max_col = 0
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(1 << 20):
            block = tail + chunk
            for col, row in _CELL_REF.findall(block):
                max_row = max(max_row, int(row))
                max_col = max(max_col, _column_number(col))
            tail = block[-32:]
    if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
        raise UploadRefused(
            _(
                "Trang tính quá lớn (%(rows)s dòng, %(cols)s cột): ansinh nhận tối đa "
                "%(max_rows)s dòng và %(max_cols)s cột."
            )
            % {"rows": max_row, "cols": max_col, "max_rows": MAX_ROWS, "max_cols": MAX_COLUMNS}
        )


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + c - 64
    return n


def _read_excel(data: bytes) -> Sheet:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise UploadRefused(_("Tệp Excel không có trang tính nào."))
        sheet = book.get_sheet_by_index(0)
        if sheet.height > MAX_ROWS or sheet.width > MAX_COLUMNS:
            raise UploadRefused(_("Trang tính quá lớn."))
        rows = [[_clean(v) for v in row] for row in sheet.iter_rows()]
    except CalamineError:
        raise UploadRefused(_("Tệp Excel bị hỏng, không đọc được.")) from None
    return Sheet(name=sheet.name, rows=rows)


def _read_csv(data: bytes) -> list[list]:
    text = decode_text(data)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        if len(rows) >= MAX_ROWS:
            raise UploadRefused(_("Tệp CSV có quá nhiều dòng."))
        rows.append([_clean(v) for v in row[:MAX_COLUMNS]])
    return rows


def decode_text(data: bytes) -> str:
    """Decode CSV bytes as Excel saves them: UTF-8 (BOM or not), UTF-16, or Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise UploadRefused(
            _("Không đọc được bảng mã của tệp CSV: hãy lưu lại dưới dạng CSV UTF-8.")
        ) from None


def _clean(value):
    """NFC text without outer spaces; numbers, dates and booleans as they are."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, (float, int, date, bool)):
        return value
    return "" if value is None else str(value)
