"""The posting list and the meeting minutes as PDF in the ND 30/2020 layout."""

import subprocess
from datetime import date
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from reviews.documents import list_rows, minutes_context
from reviews.models import ReviewKind
from reviews.services import meeting_record, review_request_add, review_round_open

from .documents import HEADS, add_household, assess, one_line, pdf_fonts, pdf_text


def test_the_posting_list_is_an_nd30_document_with_every_household(
    client, ward_officer, review, tmp_path, django_assert_max_num_queries
):
    client.force_login(ward_officer)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("reviews:posting_list_pdf", args=[review.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="danh-sach-niem-yet-phuong-long-xuyen-2026.pdf"'
    )
    text = one_line(pdf_text(response.content, tmp_path))
    for line in (
        "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/DS-UBND",
        "Long Xuyên, ngày 07 tháng 10 năm 2026",
        "DANH SÁCH",
        "Hộ nghèo, hộ cận nghèo năm 2027",
        "từ ngày 07/10/2026 đến ngày 09/10/2026",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nơi nhận:",
        "- Lưu: VT, VHXH.",
    ):
        assert line in text
    for n in range(1, 24):
        assert f"DX-{n:03d}" in text
    for name in HEADS:
        assert name in text
    assert "Khóm Đông Phú" in text
    assert "1.200.000" in text and "5.000.000" in text
    assert "Hộ thoát cận nghèo" in text  # near-poor above the line: what the decision records
    assert "Tổng số: 23 hộ" in text
    assert pdf_fonts(response.content, tmp_path) == {"Tinos"}  # no fallback font mixed in
    # Page numbers in the top margin from page 2 on.
    assert pdf_text(response.content, tmp_path, page=1).split()[0] != "1"
    assert pdf_text(response.content, tmp_path, page=2).split()[0] == "2"


def test_the_posting_list_is_rendered_to_png_for_a_person_to_look_at(client, ward_officer, review):
    client.force_login(ward_officer)
    out = Path(settings.BASE_DIR) / "test-artifacts"
    out.mkdir(exist_ok=True)

    meeting = review.meetings.get(residential_group__code="001")
    for name, url in (
        ("posting-list", reverse("reviews:posting_list_pdf", args=[review.pk])),
        ("minutes", reverse("reviews:minutes_pdf", args=[review.pk, meeting.pk])),
    ):
        for old in out.glob(f"{name}-*.png"):
            old.unlink()
        pdf = out / f"{name}.pdf"
        pdf.write_bytes(client.get(url).content)
        subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(out / name)], check=True)

    assert (out / "posting-list-1.png").stat().st_size > 10_000
    assert (out / "minutes-1.png").stat().st_size > 10_000


def test_households_not_yet_assessed_appear_with_an_empty_proposal(
    client, ward_officer, ward, groups, tmp_path
):
    for n in (1, 2):
        add_household(ward, groups[0], n, "poor")
    review = review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=date(2026, 9, 1),
    )
    assess(ward_officer, review, review.items.get(household__code="DX-001").household, 1_000_000)
    client.force_login(ward_officer)

    rows = list_rows(ward_officer, review)
    pdf = client.get(reverse("reviews:posting_list_pdf", args=[review.pk])).content

    assert [(r.code, r.current, r.proposed, r.members) for r in rows] == [
        ("DX-001", "poor", "poor", 2),
        ("DX-002", "poor", "", 2),
    ]
    text = one_line(pdf_text(pdf, tmp_path))
    assert "DX-002" in text and "1 hộ chưa đánh giá" in text
    assert "Long Xuyên, ngày tháng năm" in text  # no posting date yet: left for the pen


def test_the_minutes_record_the_vote_and_its_conclusion(client, ward_officer, review, tmp_path):
    client.force_login(ward_officer)
    meeting = review.meetings.get(residential_group__code="001")

    response = client.get(reverse("reviews:minutes_pdf", args=[review.pk, meeting.pk]))

    assert response.status_code == 200
    assert "bien-ban-hop-dan-20261005-phuong-long-xuyen-2026.pdf" in response["Content-Disposition"]
    text = one_line(pdf_text(response.content, tmp_path))
    for line in (
        "UBND PHƯỜNG LONG XUYÊN",
        "BAN CHỈ ĐẠO RÀ SOÁT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "/BB-BCĐ",
        "Long Xuyên, ngày 05 tháng 10 năm 2026",
        "BIÊN BẢN",
        "Họp dân thống nhất kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026",
        "tại Nhà văn hóa khóm Đông An",
        "Chủ trì: Trần Văn Bảy",
        "Tổng số người dự họp: 42 người",
        "chấm điểm 12 hộ trong danh sách",  # the khóm's own households, not the ward's 23
        "Hộ cận nghèo: 6 hộ",
        "Chủ trì: Trần Văn Bảy, Trưởng khóm Đông An",
        "01 bản lưu tại khóm Đông An",
        "39/42 người dự họp đồng ý",
        "đạt 92,9%",
        "cuộc họp thống nhất danh sách",
        "Biên bản được lập thành 02 bản",
        "xem lại thu nhập của hộ DX-004",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "Nơi nhận:",
    ):
        assert line in text
    assert pdf_fonts(response.content, tmp_path) == {"Tinos"}


def test_minutes_of_a_failed_meeting_keep_the_list_that_was_voted_on(
    client, ward_officer, ward, groups, tmp_path
):
    households = [add_household(ward, groups[0], n, "near_poor") for n in (1, 2)]
    review = review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=date(2026, 9, 1),
    )
    assess(ward_officer, review, households[0], 2_000_000)
    assess(ward_officer, review, households[1], 2_000_000)
    failed = meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 10, 5), attendance=31, agreed=15
    )
    assess(ward_officer, review, households[1], 1_000_000, version=1)  # now poor
    late = add_household(ward, groups[0], 3, "none")  # filed Mẫu 01 after the first meeting
    review_request_add(
        user=ward_officer,
        review=review,
        household=late,
        source="form_01",
        filed_on=date(2026, 10, 8),
    )
    assess(ward_officer, review, late, 2_000_000)
    passed = meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 10, 19), attendance=31, agreed=16
    )
    client.force_login(ward_officer)

    first = minutes_context(ward_officer, review, failed)
    second = minutes_context(ward_officer, review, passed)
    text = one_line(
        pdf_text(
            client.get(reverse("reviews:minutes_pdf", args=[review.pk, failed.pk])).content,
            tmp_path,
        )
    )

    assert [r.code for r in first["rows"]] == ["DX-001", "DX-002"]
    assert first["counts"] == [("Hộ cận nghèo", 2)]
    assert second["counts"] == [("Hộ nghèo", 1), ("Hộ cận nghèo", 2)]
    assert (first["agrees"], second["agrees"]) == (False, True)
    assert "15/31 người dự họp đồng ý với danh sách đề nghị, đạt 48,4%" in text
    assert "chưa đạt 50% số người dự họp" in text
    assert "Hộ cận nghèo: 2 hộ" in text
