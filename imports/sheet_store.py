"""The cells of an uploaded sheet, kept as JSON so preview and commit need not read it again.

Reading a workbook is the slowest step of a preview (python-calamine plus the checks on the
zip: over a second for 35,000 rows); the upload has done it once already. Dates, which JSON
lacks, travel as {"d": "2025-01-20"} or {"t": "2025-01-20T08:00:00"}: a sheet's cells are
never dicts, so the object hook cannot mistake one. A sheet with formula cells is kept as
{"rows": […], "formulas": [[row, column, "=…"], …]}.
"""

import json
from datetime import date, datetime


def dump_rows(rows: list[list], formulas: dict | None = None) -> bytes:
    kept = rows
    if formulas:
        kept = {"rows": rows, "formulas": [[r, c, f] for (r, c), f in formulas.items()]}
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"), default=_encode).encode()


def load_sheet(data: bytes) -> tuple[list[list], dict[tuple[int, int], str]]:
    """The rows and the formula cells kept at upload."""
    kept = json.loads(data, object_hook=_decode)
    if isinstance(kept, dict):
        return kept["rows"], {(r, c): f for r, c, f in kept["formulas"]}
    return kept, {}


def load_rows(data: bytes) -> list[list]:
    return load_sheet(data)[0]


def _encode(value) -> dict:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    raise TypeError(f"a sheet cell cannot be {type(value).__name__}")


def _decode(obj: dict):
    if "d" in obj:
        return date.fromisoformat(obj["d"])
    if "t" in obj:
        return datetime.fromisoformat(obj["t"])
    return obj
