"""The provider's returned list read back and matched against the payroll: who was paid,
who was not, on which day. Reads only; benefits/services/reconciliation.py writes.

The file is the provider's list as ansinh wrote it (benefits/exports.py), filled in and
saved as .xlsx, .xls or .csv. Its columns are found by their headers; each person row is
matched by STT, and its national ID and amount must be the ones listed, so a row shifted
or retyped never marks the wrong person.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from imports.reading import read_upload
from imports.values import national_id_text, text
from vn.money import vnd
from vn.names import search_key
from vn.numbers import NumberError, parse_integer, parse_money

from .exports import PersonRow, payroll_people
from .models import Payroll

HEADER_SCAN = 50  # title rows above the header: a handful; a provider may add some
# Header words (search keys) each column is found by: ansinh's own, and the usual others.
COLUMNS = {
    "number": ("stt", "so thu tu"),
    "national_id": ("so dinh danh", "so cccd", "cccd", "so cmnd"),
    "amount": ("so tien",),
    "result": ("ket qua",),
    "paid_on": ("ngay nhan",),
}
REQUIRED = ("number", "national_id", "amount", "result")
PAID = {"da nhan", "x", "1", "co", "roi", "da nhan tien"}
UNPAID = {"chua nhan", "0", "khong", "chua", "khong nhan"}
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Match:
    """A person row of the returned list: paid (True), not paid (False) or not stated."""

    row: int  # as Excel numbers it
    number: int
    national_id: str
    amount: int
    paid: bool | None
    paid_on: date | None


@dataclass(frozen=True)
class Problem:
    row: int | None  # as Excel numbers it; None for the file or a person it lacks
    message: str


@dataclass
class Reconciliation:
    matches: list[Match] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing to fix: the matches may be applied."""
        return not self.problems

    def count(self, paid: bool | None) -> int:
        return sum(1 for m in self.matches if m.paid is paid)


def read_returned(payroll: Payroll, data: bytes, filename: str, *, today: date):
    """The returned list matched against the payroll's persons the provider pays.

    Raises imports.reading.UploadRefused when the file cannot be read at all."""
    sheet = read_upload(data, filename)
    listed = [p for p in payroll_people(payroll) if p.amount > 0]
    return match_rows(sheet.rows, listed, today=today)


def match_rows(rows: list[list], listed: list[PersonRow], *, today: date) -> Reconciliation:
    """Match the rows of a returned list with the persons listed (pure)."""
    result = Reconciliation()
    found = find_columns(rows)
    if found is None:
        message = _(
            "Không tìm thấy dòng tiêu đề có các cột STT, Số định danh, Số tiền, Kết quả: "
            "hãy dùng danh sách đã tải về từ ansinh."
        )
        result.problems.append(Problem(None, message))
        return result
    header, columns = found
    expected = {p.number: p for p in listed}
    seen: dict[int, int] = {}
    for index in range(header + 1, len(rows)):
        cells = {name: _cell(rows[index], column) for name, column in columns.items()}
        match, problems = _match_row(index + 1, cells, expected, seen, today)
        result.problems += problems
        if match is not None:
            result.matches.append(match)
    for number, person in expected.items():
        if number not in seen:
            message = _("Thiếu STT %(n)d (%(name)s) trong tệp trả về.") % {
                "n": number,
                "name": person.full_name,
            }
            result.problems.append(Problem(None, message))
    return result


def find_columns(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    """(index of the header row, column index of each field), or None without one."""
    for index, row in enumerate(rows[:HEADER_SCAN]):
        columns: dict[str, int] = {}
        for column, value in enumerate(row):
            key = search_key(text(value))
            for name, words in COLUMNS.items():
                if name not in columns and any(key.startswith(w) for w in words):
                    columns[name] = column
                    break
        if all(name in columns for name in REQUIRED):
            return index, columns
    return None


def _cell(row: list, column: int | None):
    if column is None or column >= len(row):
        return ""
    value = row[column]
    return "" if value is None else value


def _match_row(row, cells, expected, seen, today) -> tuple[Match | None, list[Problem]]:
    number = _number(cells["number"])
    national_id = national_id_text(cells["national_id"])[0] if cells["national_id"] != "" else ""
    if number is None and not national_id:
        return None, []  # a group's heading, a subtotal, a note under the list
    if number is None:
        message = _("STT “%(v)s” không đọc được.") % {"v": text(cells["number"])}
        return None, [Problem(row, message)]
    if number in seen:
        message = _("STT %(n)d đã có ở dòng %(row)d.") % {"n": number, "row": seen[number]}
        return None, [Problem(row, message)]
    person = expected.get(number)
    if person is None:
        message = _("STT %(n)d không có trong danh sách chi trả tháng này.") % {"n": number}
        return None, [Problem(row, message)]
    seen[number] = row
    problems = []
    if national_id != person.national_id:
        message = _("Số định danh %(got)s không phải của STT %(n)d (%(name)s: %(want)s).") % {
            "got": national_id or _("(trống)"),
            "n": number,
            "name": person.full_name,
            "want": person.national_id or _("(trống)"),
        }
        problems.append(Problem(row, message))
    amount, problem = _amount(cells["amount"], person)
    problems += [Problem(row, problem)] if problem else []
    paid, problem = _result(cells["result"])
    problems += [Problem(row, problem)] if problem else []
    paid_on, problem = _day(cells.get("paid_on", ""), today)
    problems += [Problem(row, problem)] if problem else []
    if problems:
        return None, problems
    return Match(row, number, national_id, amount, paid, paid_on if paid else None), []


def _number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value == int(value) and value >= 1 else None
    try:
        return parse_integer(text(value), min_value=1)
    except NumberError:
        return None


def _amount(value, person: PersonRow) -> tuple[int | None, str]:
    amount = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = int(value) if value == int(value) else None
    elif text(value):
        try:
            amount = parse_money(text(value))
        except NumberError:
            amount = None
    if amount is None:
        return None, _("Số tiền “%(v)s” không đọc được.") % {"v": text(value)}
    if amount != person.amount:
        return amount, _("Số tiền %(got)s khác số tiền trong danh sách %(want)s (STT %(n)d).") % {
            "got": vnd(amount),
            "want": vnd(person.amount),
            "n": person.number,
        }
    return amount, ""


def _result(value) -> tuple[bool | None, str]:
    if isinstance(value, bool):
        return value, ""
    key = search_key(text(value))
    if not key:
        return None, ""
    if key in PAID:
        return True, ""
    if key in UNPAID:
        return False, ""
    return None, _("Kết quả “%(v)s” không rõ: ghi Đã nhận hoặc Chưa nhận.") % {"v": text(value)}


def _day(value, today: date) -> tuple[date | None, str]:
    day = None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value <= 80000:  # an Excel serial date in a number cell
            day = _EXCEL_EPOCH + timedelta(days=int(value))
    elif text(value):
        raw = text(value)
        for pattern in _DATE_FORMATS:
            try:
                day = datetime.strptime(raw, pattern).date()  # noqa: DTZ007 (a day, no time)
                break
            except ValueError:
                continue
    elif value in ("", None):
        return None, ""
    if day is None:
        return None, _("Ngày nhận “%(v)s” không đọc được: ghi ngày/tháng/năm.") % {"v": text(value)}
    if day > today:
        return None, _("Ngày nhận %(d)s ở tương lai.") % {"d": f"{day:%d/%m/%Y}"}
    return day, ""


def matches_to_data(matches: list[Match]) -> list[dict]:
    """The matches as JSON values (the session keeps them between reading and confirming)."""
    return [{**vars(m), "paid_on": m.paid_on.isoformat() if m.paid_on else None} for m in matches]


def matches_from_data(data: list[dict]) -> list[Match]:
    return [
        Match(**{**d, "paid_on": date.fromisoformat(d["paid_on"]) if d["paid_on"] else None})
        for d in data
    ]
