"""The formula cells of an uploaded .xlsx: python-calamine gives only their stored results.

A formula whose result Excel never stored (a sheet written by a program, or saved without
calculating) reads as an empty cell, and one with a result reads as that value: either way
the officer should paste values instead. The sheet's XML is searched for its <f> elements
directly, which takes a few hundredths of a second for 35,000 rows where openpyxl needs
seconds; a sheet written in another way than Excel, LibreOffice and openpyxl write it is
read with openpyxl instead.
"""

import html
import io
import logging
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

from openpyxl import load_workbook
from openpyxl.formula.translate import Translator

log = logging.getLogger(__name__)

# A cell as Excel writes it, whose first child is its formula: r first, then attributes.
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f((?:\s[^>]*?)?)\s*(?:/>|>([^<]*)</f>)'
)
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"

Formulas = dict[tuple[int, int], str]  # (row index, column index) as the rows → "=…"


def formula_cells(
    data: bytes, sheet_name: str, first_column: int, with_formulas: set[str] | None = None
) -> Formulas:
    """The formulas of the named sheet, keyed as read_upload's rows index its cells.

    with_formulas: the zip entries known to hold a formula tag, if the caller has looked.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        name = _sheet_part(archive, sheet_name)
        if with_formulas is not None and name not in with_formulas:
            return {}
        part = archive.read(name)
    except (KeyError, ValueError, StopIteration, ET.ParseError, zipfile.BadZipFile):
        part = None
    if part is not None:
        if b"<f" not in part and b":f" not in part:
            return {}
        found = _canonical(part)
        tags = part.count(b"<f>") + part.count(b"<f ") + part.count(b"<f/")
        if found is not None and len(found) == tags and b":f>" not in part:
            return _indexed(found, first_column)
    return _indexed(_with_openpyxl(data, sheet_name), first_column)


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str:
    """The zip entry of the sheet, through the package's and the workbook's relations."""
    package = ET.fromstring(archive.read("_rels/.rels"))
    workbook = next(
        r.get("Target").lstrip("/")
        for r in package.iter(f"{_PACKAGE}Relationship")
        if r.get("Type", "").endswith("/officeDocument")
    )
    folder, name = posixpath.split(workbook)
    relations = ET.fromstring(archive.read(posixpath.join(folder, "_rels", name + ".rels")))
    targets = {r.get("Id"): r.get("Target") for r in relations.iter(f"{_PACKAGE}Relationship")}
    for sheet in ET.fromstring(archive.read(workbook)).iter(f"{_MAIN}sheet"):
        if sheet.get("name") == sheet_name:
            target = targets[sheet.get(_RELATION_ID)]
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(folder, target))
    raise KeyError(sheet_name)


def _canonical(part: bytes) -> dict[tuple[int, int], str] | None:
    """(row, column) numbers → formula, shared formulas translated to their cell."""
    found: dict[tuple[int, int], str] = {}
    shared: dict[bytes, tuple[str, str]] = {}
    for letters, digits, attributes, text in _FORMULA_CELL.findall(part):
        attrs = dict(_ATTRIBUTE.findall(attributes))
        coordinate = (letters + digits).decode()
        formula = "=" + html.unescape(text.decode("utf-8", "replace"))
        if attrs.get(b"t") == b"shared":
            si = attrs.get(b"si", b"")
            if text or si not in shared:
                shared[si] = (formula, coordinate)
            else:
                formula = _translated(*shared[si], coordinate)
        found[(int(digits), _column_number(letters))] = formula
    return found


def _translated(formula: str, origin: str, coordinate: str) -> str:
    try:
        return Translator(formula, origin).translate_formula(coordinate)
    except Exception:  # a formula the translator cannot parse: the shared one as written
        return formula


def _with_openpyxl(data: bytes, sheet_name: str) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    try:
        book = load_workbook(io.BytesIO(data), read_only=True)
        for row in book[sheet_name].iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    value = cell.value
                    found[(cell.row, cell.column)] = getattr(value, "text", None) or str(value)
        book.close()
    except Exception:  # the values are read already; the formulas are a warning's detail
        log.warning("formulas of sheet %r not read", sheet_name, exc_info=True)
    return found


def _indexed(found: dict[tuple[int, int], str], first_column: int) -> Formulas:
    indexed = {(row - 1, column - 1 - first_column): f for (row, column), f in found.items()}
    return {key: f for key, f in indexed.items() if key[1] >= 0}


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + c - 64
    return n
