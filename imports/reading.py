"""Read an uploaded list into rows of cell values, refusing what could hurt the server.

Excel files are read with python-calamine. Before it sees an .xlsx, the zip is checked:
its declared and real sizes, its compression ratio, and where the last cell of each part
lies, because calamine builds a dense grid from the first to the last cell and a single
cell at XFD1048576 would ask for billions of them (the process aborts; no exception).
Every part is scanned, not only xl/worksheets/: calamine reads a sheet wherever the
workbook's relationships point, and accepts prefixed tags, any attribute order, either
quote, lower-case references and cells or rows without a reference.
"""

import codecs
import csv
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from vn import legacy

from .formulas import Formulas, formula_cells

MAX_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 200_000
MAX_COLUMNS = 200
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Any <row> or <c> start tag, with or without a namespace prefix.
_TAG_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:row|c)(?=[\s/>])")
_LAST_TAG_START = re.compile(rb"(?s).*(" + _TAG_START.pattern + rb")")
# The whole tag; quoted values may hold ">" (and "<": calamine accepts it).
_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])((?:[^>"']+|"[^"]*"|'[^']*')*)>""")
# Every "r" in a tag; calamine takes the last of duplicates, so all of them count.
_R = re.compile(rb"""(?:^|\s)(?:[A-Za-z_][\w.-]*:)?r\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'/>]+))""")
_REF = re.compile(rb"\s*([A-Za-z]{0,3})(\d*)")
# The tags Excel, LibreOffice and openpyxl write: r first, then plain attributes other than r
# (a name not starting with "r", or longer than "r"): no duplicate, no hidden tag.
_CANONICAL = re.compile(
    rb'<(row|c) r="([A-Za-z]{0,3})(\d*)"'
    rb'(?:\s+(?:[\w.-]+:)?(?:[A-Za-qs-z_][\w.-]*|r[\w.-]+)="[^"<>]*")*\s*/?>'
)
_LONGEST_TAG = 1 << 20


class UploadRefused(ValueError):
    """The file cannot be read safely; the message says why, in Vietnamese."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # cell values: str, float, int, bool, date, datetime or ""
    # The .xlsx's formula cells, (row, column) index in rows → "=…"; rows hold their results.
    formulas: Formulas = field(default_factory=dict)


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
        with_formulas = _check_xlsx(data)
        sheet, first_column = _read_excel(data)
        if with_formulas:
            sheet.formulas = formula_cells(data, sheet.name, first_column, with_formulas)
        return sheet
    if extension == "xls":
        if not data.startswith(_XLS_MAGIC):
            raise UploadRefused(_("Tệp có đuôi .xls nhưng không phải là tệp Excel 97–2003."))
        return _read_excel(data)[0]
    if extension in ("csv", "txt"):
        if data.startswith((_XLSX_MAGIC, _XLS_MAGIC)):
            raise UploadRefused(_("Tệp có đuôi .csv nhưng thực ra là tệp Excel: hãy đổi đuôi."))
        return Sheet(name=filename, rows=_read_csv(data))
    raise UploadRefused(_("Chỉ nhận tệp .xlsx, .xls hoặc .csv."))


def _check_xlsx(data: bytes) -> set[str]:
    """Refuse what could hurt the server; return the entries that hold a formula tag."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
        total = sum(e.file_size for e in entries)
        packed = sum(e.compress_size for e in entries) or 1
        if len(entries) > 2000 or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
            raise UploadRefused(_("Tệp Excel có cấu trúc bất thường (quá lớn khi giải nén)."))
        if any(e.filename.lower().endswith((".zip", ".xlsx", ".xlsm")) for e in entries):
            raise UploadRefused(_("Tệp Excel chứa tệp nén lồng bên trong: không nhận."))
        return {
            entry.filename
            for entry in entries
            if not entry.is_dir() and _check_sheet_extent(archive, entry)
        }
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError):
        raise UploadRefused(_("Tệp Excel bị hỏng, không mở được.")) from None
    except (RuntimeError, NotImplementedError):  # encrypted, or an unknown compression
        raise UploadRefused(
            _("Tệp Excel có mật khẩu hoặc nén theo cách không đọc được: hãy lưu lại tệp.")
        ) from None


class _Extent:
    """Where calamine puts cells: at their reference, else one after the previous one."""

    def __init__(self) -> None:
        self.row = self.col = self.max_row = self.max_col = 0
        self._columns: dict[bytes, int] = {}

    def place(self, name: bytes, refs: list[tuple[bytes, bytes]]) -> None:
        """Move to the next row or cell; refs are its references split in letters and digits."""
        if name == b"row":
            numbers = [int(d) for letters, d in refs if d and not letters]
            self.row = max(numbers) if numbers else self.row + 1
            self.col = 0
            self.max_row = max(self.max_row, self.row)
            return
        columns = [self._column(letters) for letters, _d in refs if letters]
        self.col = max(columns) if columns else self.col + 1
        self.max_col = max(self.max_col, self.col)
        self.max_row = max(self.max_row, self.row, *(int(d) for _l, d in refs if d))

    def _column(self, letters: bytes) -> int:
        if letters not in self._columns:
            self._columns[letters] = _column_number(letters.upper())
        return self._columns[letters]

    def scan(self, block: bytes) -> int:
        """Place every complete tag of the block; return where the unread rest begins."""
        last = _last_tag_start(block)
        if last is None:
            return max(0, len(block) - 64)  # the start of a tag may be cut at the end
        final = _CANONICAL.match(block, last)
        end = final.end() if final else last
        canonical = _CANONICAL.findall(block, 0, end)
        if len(canonical) == len(_TAG_START.findall(block, 0, end)):
            self._scan_canonical(canonical)  # every tag is plain: none hides another
            return end
        return self._scan_slowly(block)

    def _scan_canonical(self, tags: list[tuple[bytes, bytes, bytes]]) -> None:
        """place() for plain tags, unrolled: a list of 50,000 rows has 600,000 of them."""
        row, col, max_row, max_col = self.row, self.col, self.max_row, self.max_col
        row_digits = b""
        for name, letters, digits in tags:
            if name == b"row":
                row = int(digits) if digits and not letters else row + 1
                row_digits, col = digits, 0
                if row > max_row:
                    max_row = row
                continue
            col = self._columns.get(letters) or self._column(letters) if letters else col + 1
            if col > max_col:
                max_col = col
            if digits and digits != row_digits and int(digits) > max_row:
                max_row = int(digits)
        self.row, self.col, self.max_row, self.max_col = row, col, max_row, max_col

    def scan_rest(self, tail: bytes) -> None:
        """Place the complete tags left after the last block."""
        self._scan_slowly(tail)

    def _scan_slowly(self, block: bytes) -> int:
        position = 0
        while start := _TAG_START.search(block, position):
            tag = _TAG.match(block, start.start())
            if tag is None:  # unfinished at the end of the block
                return start.start()
            refs = [b"".join(r.groups(b"")) for r in _R.finditer(tag[2])]
            self.place(tag[1], [_REF.match(ref).groups() for ref in refs])
            position = tag.end()
        return max(position, len(block) - 64)


def _last_tag_start(block: bytes) -> int | None:
    if _TAG_START.search(block) is None:  # shared strings, styles, images: quickly done
        return None
    return _LAST_TAG_START.match(block).start(1)


def _check_sheet_extent(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Refuse a part whose cells reach too far; return whether it holds a formula tag."""
    extent = _Extent()
    tail = b""
    formulas = False
    with archive.open(entry) as stream:
        while chunk := stream.read(1 << 20):
            block = tail + chunk
            formulas = formulas or b"<f" in block or b":f" in block
            tail = block[extent.scan(block) :]
            if len(tail) > _LONGEST_TAG:
                raise UploadRefused(_("Tệp Excel có cấu trúc bất thường."))
            _check_limits(extent)
    extent.scan_rest(tail)
    _check_limits(extent)
    return formulas


def _check_limits(extent: _Extent) -> None:
    if extent.max_row > MAX_ROWS or extent.max_col > MAX_COLUMNS:
        raise UploadRefused(
            _(
                "Trang tính quá lớn (%(rows)s dòng, %(cols)s cột): ansinh nhận tối đa "
                "%(max_rows)s dòng và %(max_cols)s cột."
            )
            % {
                "rows": extent.max_row,
                "cols": extent.max_col,
                "max_rows": MAX_ROWS,
                "max_cols": MAX_COLUMNS,
            }
        )


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + c - 64
    return n


def _read_excel(data: bytes) -> tuple[Sheet, int]:
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
    # Rows start at the sheet's first row, cells at its first column holding a value.
    return Sheet(name=sheet.name, rows=rows), (sheet.start or (0, 0))[1]


def _read_csv(data: bytes) -> list[list]:
    text = decode_text(data)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text)):
            if len(rows) >= MAX_ROWS:
                raise UploadRefused(_("Tệp CSV có quá nhiều dòng."))
            rows.append([_clean(v) for v in row[:MAX_COLUMNS]])
    except csv.Error:
        raise UploadRefused(_("Tệp CSV bị hỏng hoặc có ô dài bất thường.")) from None
    return rows


def _delimiter(text: str) -> str:
    """The separator that splits the top rows into the most columns.

    csv.Sniffer looks for a character that occurs equally often on every line; the title
    rows above the header have no separator at all, and the commas inside addresses then
    make a tab- or semicolon-separated list look comma-separated.
    """
    sample = text[:20000].splitlines()[:50]

    def width(delimiter: str) -> tuple[int, int]:
        try:
            widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            return 0, 0
        widest = max(widths, default=0)
        return widest, widths.count(widest)

    return max(("\t", ";", ","), key=width)


def decode_text(data: bytes) -> str:
    """Decode CSV bytes as Excel saves them: UTF-8 (BOM or not), UTF-16, or Windows-1258;
    or as Windows-1252 when the bytes read as Vietnamese typed in TCVN3 or VNI, which the
    preview then converts, cell by cell, with a warning."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[3:].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return _eight_bit(data)
    except UnicodeDecodeError:
        raise UploadRefused(
            _("Không đọc được bảng mã của tệp CSV: hãy lưu lại dưới dạng CSV UTF-8.")
        ) from None


def _eight_bit(data: bytes) -> str:
    """Windows-1258, unless the bytes read better as TCVN3 or VNI."""
    try:
        vietnamese = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        vietnamese = None
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("cp1258")  # raises: in no encoding a Vietnamese list is saved in
    sample = latin[:20000]
    plain = legacy.score(vietnamese[:20000] if vietnamese is not None else sample)
    if any(legacy.score(legacy.decode(sample, e)) > plain for e in (legacy.TCVN3, legacy.VNI)):
        return latin
    if vietnamese is None:
        return data.decode("cp1258")
    return vietnamese


# Characters no .xlsx may hold (openpyxl refuses them), as Excel's line breaks in some CSVs.
# Other invisible characters are dropped by values.text, after the legacy encodings (whose
# letters include some, such as TCVN3's soft hyphen) are converted.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]+")


def _clean(value):
    """NFC text without outer spaces or control characters; numbers, dates as they are."""
    if isinstance(value, str):
        return _CONTROL.sub(" ", unicodedata.normalize("NFC", value)).strip()
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, (float, int, date, bool)):
        return value
    return "" if value is None else str(value)
