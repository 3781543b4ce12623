"""Columns of a list typed in TCVN3 or VNI, found and converted to Unicode before reading.

A column is judged as a whole, over its distinct cells: the cells that could be legacy
bytes (Latin-1 letters, no letter only Unicode has) are decoded with each table, and the
table that turns most of them into Vietnamese syllables wins, if it turns at least half
of them. Each converted cell is a
warning with the text before and after, so the officer sees what will be imported.
Codes, IDs, phone numbers and dates are never converted.
"""

from dataclasses import dataclass, field
from operator import itemgetter

from django.utils.translation import gettext as _

from vn import legacy

from .cells import label
from .rows import Problem

TEXT_FIELDS = (
    "full_name",
    "address",
    "residential_group",
    "relation_to_head",
    "ethnicity",
    "ward",
    "sex",
    "classification",
    "disability_level",
)
EXAMPLES = 2


@dataclass
class Conversion:
    """A column found in a legacy encoding, and its cells' Unicode text."""

    field: str
    encoding: str
    converted: dict[str, str] = field(default_factory=dict)


def find_legacy_columns(rows: list[list], header: int, columns: dict[str, int]) -> list:
    """The text columns (field → index) whose cells are typed in TCVN3 or VNI.

    A column too short to tell by itself ("Khô-me" reads as Unicode and as VNI alike)
    follows the list's other columns, when none of its cells is in Unicode. A column
    without a character Unicode Vietnamese never holds is not scored: a list in Unicode
    costs a search of each column's distinct cells.
    """
    data = rows[header + 1 :]
    shortest = min(map(len, data), default=0)
    found, undecided = [], []
    for name in TEXT_FIELDS:
        index = columns.get(name)
        if index is None:
            continue
        if index < shortest:  # every row has the cell: read at C speed
            cells = set(map(itemgetter(index), data))
        else:
            cells = {r[index] for r in data if len(r) > index}
        texts = [c for c in cells if c.__class__ is str and not c.isascii()]
        if not legacy.has_legacy_only("\n".join(texts)):
            undecided.append((index, name, texts))
            continue
        candidates = [t for t in texts if legacy.may_be_legacy(t)]
        in_unicode = any(legacy.is_unicode_vietnamese(t) for t in texts)
        encoding = _encoding(candidates) if candidates else None
        if encoding is None:
            if not in_unicode:
                undecided.append((index, name, texts))
            continue
        found.append((index, _conversion(name, encoding, candidates, ties=not in_unicode)))
    if found:
        encodings = [c.encoding for _i, c in found]
        encoding = max(encodings, key=encodings.count)
        for index, name, texts in undecided:
            if any(legacy.is_unicode_vietnamese(t) for t in texts):
                continue
            candidates = [t for t in texts if legacy.may_be_legacy(t)]
            conversion = _conversion(name, encoding, candidates, ties=True)
            if conversion.converted:
                found.append((index, conversion))
    return found


def _encoding(candidates: list[str]) -> str | None:
    """The table that turns most cells into Vietnamese syllables, if it turns half."""
    before = {t: legacy.score(t) for t in candidates}
    best, best_key = None, (0, 0)
    for encoding in (legacy.TCVN3, legacy.VNI):
        after = {t: legacy.score(legacy.decode(t, encoding)) for t in candidates}
        key = (sum(after[t] > before[t] for t in candidates), sum(after.values()))
        if key[0] and key > best_key:
            best, best_key = encoding, key
    if best is None or best_key[0] * 2 < len(candidates):
        return None
    return best


def _conversion(name: str, encoding: str, candidates: list[str], *, ties: bool) -> Conversion:
    """The cells that read better in the encoding; with ties, also those that read as well
    (a column without a cell in Unicode follows its encoding)."""
    conversion = Conversion(name, encoding)
    for text in candidates:
        after = legacy.decode(text, encoding)
        gained = legacy.score(after) - legacy.score(text)
        if after != text and (gained > 0 or (gained == 0 and ties)):
            conversion.converted[text] = after
    return conversion


def convert_legacy(rows: list[list], header: int, columns: dict[str, int]):
    """Return the rows with legacy text converted, and a warning for each converted cell.

    The rows given are left as they are (the problems file shows the cells as uploaded);
    a row with a converted cell is a new list.
    """
    found = find_legacy_columns(rows, header, columns)
    if not found:
        return rows, []
    rows = list(rows)
    problems = []
    for index, conversion in found:
        column = label(conversion.field)
        examples = []
        for i in range(header + 1, len(rows)):
            cells = rows[i]
            if len(cells) <= index or cells[index] not in conversion.converted:
                continue
            before = cells[index]
            after = conversion.converted[before]
            rows[i] = cells = list(cells)
            cells[index] = after
            if len(examples) < EXAMPLES:
                examples.append(f"“{before}” → “{after}”")
            problems.append(Problem(i + 1, column, _converted(conversion, before, after), False))
        problems.append(Problem(header + 1, column, _summary(conversion, examples), False))
    return rows, problems


def _converted(conversion: Conversion, before: str, after: str) -> str:
    message = _(
        "Chữ gõ bằng bảng mã %(encoding)s, đã chuyển sang Unicode: “%(before)s” → “%(after)s”."
    )
    return message % {"encoding": conversion.encoding, "before": before, "after": after}


def _summary(conversion: Conversion, examples: list[str]) -> str:
    return _(
        "Cột này gõ bằng bảng mã %(encoding)s (phông %(fonts)s): ansinh đã chuyển sang "
        "Unicode, ví dụ %(examples)s. Hãy xem các ô đã chuyển trước khi ghi vào sổ."
    ) % {
        "encoding": conversion.encoding,
        "fonts": legacy.FONTS[conversion.encoding],
        "examples": "; ".join(examples),
    }
