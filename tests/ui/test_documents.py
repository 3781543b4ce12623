"""Documents in the ND 30/2020 format: place and date, names in text, files, the PDF itself."""

import logging
import subprocess
from datetime import date

import pytest
from django.conf import settings

from ui.documents import (
    BLANK,
    Letterhead,
    Recipients,
    Signer,
    ascii_filename,
    document_date,
    html_to_pdf,
    pdf_response,
    place_and_date,
    place_name,
    render_pdf,
    static_path,
    unit_in_text,
)


@pytest.mark.parametrize(
    ("unit", "place"),
    [
        ("Phường Long Xuyên", "Long Xuyên"),
        ("Xã Mỹ Hòa Hưng", "Mỹ Hòa Hưng"),
        ("Đặc khu Phú Quốc", "Phú Quốc"),
        ("Thị trấn Núi Sập", "Núi Sập"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("phường  Bình Đức", "Bình Đức"),
        ("Phường 1", "Phường 1"),  # a number names no place
        ("Long Xuyên", "Long Xuyên"),
    ],
)
def test_the_place_of_a_date_is_the_units_proper_name(unit, place):
    assert place_name(unit) == place


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 9, 10), "ngày 10 tháng 9 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    ],
)
def test_days_below_ten_and_months_one_and_two_take_a_leading_zero(day, text):
    assert document_date(day) == text


def test_place_and_date_read_as_the_decree_writes_them():
    assert place_and_date("Phường Long Xuyên", date(2026, 1, 5)) == (
        "Long Xuyên, ngày 05 tháng 01 năm 2026"
    )


def test_a_date_not_yet_known_leaves_blanks_for_the_pen():
    assert place_and_date("Phường Long Xuyên", None, year=2026) == (
        f"Long Xuyên, ngày {BLANK} tháng {BLANK} năm 2026"
    )


@pytest.mark.parametrize(
    ("unit", "text"),
    [
        ("Phường Long Xuyên", "phường Long Xuyên"),
        ("Xã Mỹ Hòa Hưng", "xã Mỹ Hòa Hưng"),
        ("Phường 1", "Phường 1"),
    ],
)
def test_a_unit_inside_a_sentence_has_its_common_noun_in_lower_case(unit, text):
    assert unit_in_text(unit) == text


def test_file_names_are_ascii_without_losing_the_words():
    assert ascii_filename("Danh sách niêm yết Phường Đông Xuyên 2026", "pdf") == (
        "danh-sach-niem-yet-phuong-dong-xuyen-2026.pdf"
    )
    assert ascii_filename("…", "xlsx") == "van-ban.xlsx"


def test_a_pdf_response_shows_the_document_under_an_ascii_name():
    response = pdf_response(b"%PDF-1.7", "danh-sach.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="danh-sach.pdf"'


def test_a_static_url_of_a_document_is_the_projects_file_and_no_other_url_is():
    assert static_path("https://ansinh.invalid/static/css/app.css") == (
        settings.BASE_DIR / "static" / "css" / "app.css"
    )
    for url in (
        "file:///etc/passwd",
        "https://example.com/static/css/app.css",
        "https://ansinh.invalid/media/secret.xlsx",
        "https://ansinh.invalid/static/../config/settings.py",
        "https://ansinh.invalid/static/css/missing.css",
    ):
        with pytest.raises(ValueError):
            static_path(url)


def test_a_document_loads_static_files_and_never_another_url(caplog):
    html = (
        '<link rel="stylesheet" href="/static/css/app.css">'
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png"><p>Thử</p>'
    )

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        assert html_to_pdf(html).startswith(b"%PDF")

    refused = [r.getMessage() for r in caplog.records if "Failed to load" in r.getMessage()]
    assert len(refused) == 2
    assert not any("app.css" in m for m in refused)


def test_the_base_document_renders_in_tinos_with_its_header_and_closing(tmp_path):
    context = {
        "title": "Báo cáo thử",
        "letterhead": Letterhead(
            issuing_body=("Ủy ban nhân dân", "Phường Long Xuyên"),
            symbol="BC-UBND",
            place_date=place_and_date("Phường Long Xuyên", date(2026, 1, 5)),
        ),
        "type_name": "Báo cáo",
        "summary": "Kết quả thực hiện chính sách trợ giúp xã hội",
        "signers": [Signer(authority="TM. Ủy ban nhân dân", title="Chủ tịch", name="Lê Văn Ẩn")],
        "recipients": Recipients(lines=("Sở Y tế tỉnh An Giang",), archive="VT, VHXH"),
    }

    pdf = render_pdf("documents/base.html", context)

    path = tmp_path / "base.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    for line in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG LONG XUYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-UBND",
        "Long Xuyên, ngày 05 tháng 01 năm 2026",
        "BÁO CÁO",
        "Kết quả thực hiện chính sách trợ giúp xã hội",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Lê Văn Ẩn",
        "Nơi nhận:",
        "- Sở Y tế tỉnh An Giang;",
        "- Lưu: VT, VHXH.",
    ):
        assert line in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    families = {
        row.split()[0].split("+")[-1].split("-")[0] for row in fonts.stdout.splitlines()[2:]
    }
    assert families == {"Tinos"}
