"""Administrative documents as PDF, laid out as ND 30/2020/NĐ-CP asks (DOMAIN.md §10).

A document is a template extending documents/base.html, rendered by WeasyPrint in the
Tinos font (Times New Roman's metrics with every Vietnamese letter; Debian fonts-croscore).
Static files resolve from the project's own files; WeasyPrint never reaches the network.
"""

import functools
import logging
import mimetypes
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from vn.names import clean_name, search_key

PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The base every relative URL of a document resolves against: a reserved name that is never
# looked up, because the fetcher below serves static files only, from the disk.
BASE_URL = "https://ansinh.invalid/"
# Where a number or a day is left for the records office or the signer to write by hand.
BLANK = "\u00a0" * 6
# WeasyPrint logs each rendering step at INFO: seven lines per document in the server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The common noun of a unit's name, dropped in the place of a date (ND 30/2020 Phụ lục I:
# "Long Xuyên, ngày …") and written in lower case inside sentences (Phụ lục II).
_UNIT_NOUNS = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
)
_UNIT_RE = re.compile(rf"^({'|'.join(_UNIT_NOUNS)})\s+(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Letterhead:
    """The header block of page 1: who issues the document, its number, place and date."""

    issuing_body: tuple[str, ...]  # lines, printed bold upper-case: ("Ủy ban nhân dân", "Phường X")
    symbol: str  # after "Số: …/": "BC-UBND"
    place_date: str  # place_and_date()
    parent_body: tuple[str, ...] = ()  # lines, printed upright upper-case above the body
    number: str = ""  # given by the records office when the document is registered

    @property
    def number_or_blank(self) -> str:
        return self.number or BLANK


@dataclass(frozen=True)
class Signer:
    """A signature block: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / the name."""

    title: str
    authority: str = ""
    name: str = ""


_DEPUTY_RE = re.compile(r"^(kt\.?\s*chu tich\s*[-–,/]?\s*)?(pho chu tich|pct)\b[\s.,:–-]*")
_CHAIR_RE = re.compile(r"^(chu tich|ct)\b[\s.,:–-]*")


def chair_signer(text: str) -> Signer:
    """The ward chair's signature block from the signer as recorded: "Phó Chủ tịch Lê Văn B"
    (or "PCT …") signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", anyone else "CHỦ TỊCH" (Mẫu 1.2)."""
    name = clean_name(text)
    key = search_key(name)  # as long as the name: one letter for one letter
    deputy = _DEPUTY_RE.match(key)
    if deputy:
        return Signer(
            authority=_("KT. Chủ tịch"), title=_("Phó Chủ tịch"), name=name[deputy.end() :]
        )
    chair = _CHAIR_RE.match(key)
    return Signer(title=_("Chủ tịch"), name=name[chair.end() :] if chair else name)


def address_text(parts) -> str:
    """An address from its parts (house and street, residential group, ward, province),
    each said once: "11/3 Trần Hưng Đạo, khóm Đông Phú" already names its group."""
    kept: list[str] = []
    for part in filter(None, parts):
        if search_key(part) not in search_key(", ".join(kept)):
            kept.append(part)
    return ", ".join(kept)


def split_number(number: str) -> tuple[str, str]:
    """ "05/QĐ-UBND" as the number and the symbol the letterhead prints after "Số:"."""
    head, slash, symbol = number.partition("/")
    return (head, symbol) if slash else (number, "QĐ-UBND")


@dataclass(frozen=True)
class Recipients:
    """The "Nơi nhận" list: one "- …;" line each, then "- Lưu: <archive>."."""

    lines: tuple[str, ...] = ()
    archive: str = "VT"


def place_name(unit_name: str) -> str:
    """The place a unit writes before its dates: "Phường Long Xuyên" gives "Long Xuyên".

    A numbered unit keeps its noun ("Phường 1"), as a bare number names no place.
    """
    name = " ".join(unit_name.split())
    match = _UNIT_RE.match(name)
    if match is None or match[2].isdigit():
        return name
    return match[2]


def unit_in_text(unit_name: str) -> str:
    """A unit's name inside a sentence: "phường Long Xuyên", but "Phường 1" (Phụ lục II)."""
    name = " ".join(unit_name.split())
    match = _UNIT_RE.match(name)
    if match is None or match[2].isdigit():
        return name
    return f"{match[1].lower()} {match[2]}"


def document_date(day: date | None, *, year: int | None = None) -> str:
    """ "ngày 05 tháng 01 năm 2026": days below 10 and months 1 and 2 take a leading zero
    (ND 30/2020 Phụ lục I). Without a day, blanks for the signer's pen, with the year."""
    if day is None:
        return _("ngày %(d)s tháng %(m)s năm %(y)s") % {
            "d": BLANK,
            "m": BLANK,
            "y": year if year is not None else BLANK,
        }
    return _("ngày %(d)s tháng %(m)s năm %(y)s") % {
        "d": f"{day.day:02d}",
        "m": f"{day.month:02d}" if day.month <= 2 else str(day.month),
        "y": day.year,
    }


def place_and_date(unit_name: str, day: date | None, *, year: int | None = None) -> str:
    """ "Long Xuyên, ngày 05 tháng 01 năm 2026" for a document of Phường Long Xuyên."""
    return f"{place_name(unit_name)}, {document_date(day, year=year)}"


def ascii_filename(text: str, extension: str) -> str:
    """A download name every browser and mail client keeps: no diacritics, no spaces."""
    slug = re.sub(r"[^a-z0-9]+", "-", search_key(text)).strip("-")[:100].rstrip("-")
    return f"{slug or 'van-ban'}.{extension}"


def static_path(url: str) -> Path:
    """The file of a /static/… URL of a document; ValueError for any other URL."""
    parts = urlsplit(url)
    prefix = urlsplit(static("")).path
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
        raise ValueError(f"not a static file of the project: {url}")
    name = unquote(parts.path.removeprefix(prefix))
    try:
        found = finders.find(name) or (
            staticfiles_storage.exists(name) and staticfiles_storage.path(name)
        )
    except SuspiciousFileOperation:
        found = None
    if not found:
        raise ValueError(f"no static file {name!r}")
    return Path(found)


@functools.cache
def _static_fetcher_class():
    # Imported here: WeasyPrint loads Pango, which pages that make no document never need.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        """Serve the project's static files from the disk; refuse every other URL, so a
        document never reaches the network or any other file (WeasyPrint skips it)."""

        def fetch(self, url, headers=None):
            path = static_path(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return StaticFetcher


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    fetcher = _static_fetcher_class()()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a document template to PDF.

    Always in Vietnamese: an administrative document has one language whatever the
    reader's interface (ND 30/2020 Điều 8), so the strings come out as written.
    """
    with translation.override("vi"):
        html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html)


def file_response(
    content: bytes, filename: str, content_type: str, *, as_attachment: bool = True
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """The PDF shown in the browser, ready to print, saved under the name if downloaded."""
    return file_response(pdf, filename, PDF_CONTENT_TYPE, as_attachment=False)


def document_response(request, template_name: str, context: dict, filename: str) -> HttpResponse:
    return pdf_response(render_pdf(template_name, context, request=request), filename)
