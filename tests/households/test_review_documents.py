"""The review round's printable documents: the posting list and the meeting minutes, as PDF
in the ND 30/2020 layout and as .xlsx, for whoever may read the round."""

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from households.models import ReviewKind
from households.review_documents import list_rows, minutes_context
from households.review_services import (
    assessment_save,
    meeting_record,
    posting_record,
    review_request_add,
    review_round_open,
)

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
)

HEADS = [
    "Nguyễn Thị Hoa",
    "Trần Văn Đức",
    "Lê Thị Ánh Tuyết",
    "Phạm Văn Hưởng",
    "Huỳnh Thị Ngọc Ẩn",
    "Võ Văn Được",
    "Đặng Thị Mỹ Lệ",
    "Bùi Văn Thắng",
    "Đỗ Thị Xuân",
    "Hồ Văn Ửng",
    "Ngô Thị Yến",
    "Dương Văn Khải",
    "Lý Thị Bích Thủy",
    "Châu Văn Tỷ",
    "Tô Thị Hằng",
    "Mai Văn Lộc",
    "Quách Thị Nở",
    "Lâm Văn Sướng",
    "Trương Thị Kiều",
    "Phan Văn Ổn",
    "Kiều Thị Duyên",
    "La Văn Thiện",
]
# Income per person and month: poor with 3 deprivations, near-poor, middle income, above.
INCOMES = [1_200_000, 2_000_000, 3_500_000, 5_000_000]


@pytest.fixture
def groups(ward):
    return [
        ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An"),
        ResidentialGroupFactory(parent=ward, code="002", name="Khóm Đông Phú"),
    ]


def add_household(ward, group, n, classification):
    household = HouseholdFactory(
        ward=ward,
        code=f"DX-{n:03d}",
        residential_group=group,
        address=f"{n + 10}/3 Trần Hưng Đạo, {group.name}",
    )
    for relation, name in (("head", HEADS[n % len(HEADS)]), ("spouse", f"Vợ chồng {n}")):
        PersonFactory(
            household=household,
            full_name=name,
            relation_to_head=relation,
            birth_date=date(1980, 3, 1),
            has_health_insurance=True,
            education="upper_secondary",
        )
    HouseholdStatusFactory(household=household, year=2026, classification=classification)
    return household


def assess(user, review, household, income, version=None):
    manual = ("employment", "water", "latrine") if income < 1_500_000 else ()
    return assessment_save(
        user=user,
        review=review,
        household=household,
        values={"income_per_capita": income},
        deprived=dict.fromkeys(manual, True),
        override_reasons={},
        version=version,
    )


@pytest.fixture
def review(ward_officer, ward, groups):
    """22 poor and near-poor households of Phường Long Xuyên plus one that filed Mẫu 01,
    every one assessed, the meeting passed (39 of 42) and the list posted."""
    households = [
        add_household(ward, groups[n % 2], n, "poor" if n % 3 == 0 else "near_poor")
        for n in range(1, 23)
    ]
    applicant = add_household(ward, groups[0], 23, "none")
    review = review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=date(2026, 9, 1),
    )
    review_request_add(
        user=ward_officer,
        review=review,
        household=applicant,
        source="form_01",
        filed_on=date(2026, 9, 5),
    )
    for n, household in enumerate([*households, applicant]):
        assess(ward_officer, review, household, INCOMES[n % 4])
    meeting_record(
        user=ward_officer,
        review=review,
        held_on=date(2026, 10, 5),
        attendance=42,
        agreed=39,
        place="Nhà văn hóa khóm Đông An",
        chaired_by="Trần Văn Bảy",
        notes="Bà Nguyễn Thị Hoa đề nghị xem lại thu nhập của hộ DX-004.",
    )
    posting_record(
        user=ward_officer,
        review=review,
        posting_from=date(2026, 10, 7),
        posting_to=date(2026, 10, 9),
        place="nhà văn hóa các khóm và trụ sở UBND phường",
        complaints="",
    )
    review.refresh_from_db()
    return review


def pdf_text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def one_line(text: str) -> str:
    return " ".join(text.split())


def pdf_fonts(pdf: bytes, tmp_path: Path) -> set[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    # "ABCDEF+Tinos-BoldItalic": the family, without the subset tag and the style.
    return {
        line.split()[0].split("+")[-1].split("-")[0] for line in listing.stdout.splitlines()[2:]
    }


def urls(review):
    meeting = review.meetings.get()
    return [
        reverse("reviews:posting_list_pdf", args=[review.pk]),
        reverse("reviews:posting_list_xlsx", args=[review.pk]),
        reverse("reviews:minutes_pdf", args=[review.pk, meeting.pk]),
        reverse("reviews:minutes_xlsx", args=[review.pk, meeting.pk]),
    ]


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

    for name, url in (
        ("posting-list", reverse("reviews:posting_list_pdf", args=[review.pk])),
        ("minutes", reverse("reviews:minutes_pdf", args=[review.pk, review.meetings.get().pk])),
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
    meeting = review.meetings.get()

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
        "Hộ nghèo: 6 hộ",
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


def test_the_posting_list_spreadsheet_has_a_row_per_household(
    client, ward_officer, review, django_assert_max_num_queries
):
    client.force_login(ward_officer)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("reviews:posting_list_xlsx", args=[review.pk]))

    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-niem-yet-phuong-long-xuyen-2026.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2027"
    header = rows.index(next(r for r in rows if r[0] == "STT"))
    assert rows[header][1:4] == ("Mã hộ", "Họ và tên chủ hộ", "Khóm, ấp, tổ dân phố")
    data = rows[header + 1 :]
    assert len(data) == 23
    assert data[0][:10] == (
        1,
        "DX-001",
        "Trần Văn Đức",
        "Khóm Đông Phú",
        "11/3 Trần Hưng Đạo, Khóm Đông Phú",
        2,
        1_200_000,
        3,
        "Hộ cận nghèo",
        "Hộ nghèo",
    )


def test_text_that_looks_like_a_formula_stays_text_in_the_spreadsheet(client, ward_officer, review):
    household = review.items.get(household__code="DX-002").household
    household.address = '=HYPERLINK("http://x.invalid","bấm")'
    household.save(update_fields=["address"])
    client.force_login(ward_officer)

    response = client.get(reverse("reviews:posting_list_xlsx", args=[review.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == household.address)
    assert cell.data_type == "s"


def test_the_minutes_spreadsheet_has_the_vote_and_the_list(client, ward_officer, review):
    client.force_login(ward_officer)
    meeting = review.meetings.get()

    response = client.get(reverse("reviews:minutes_xlsx", args=[review.pk, meeting.pk]))

    book = load_workbook(io.BytesIO(response.content))
    facts = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    assert facts["Số người dự họp"] == 42
    assert facts["Số người đồng ý"] == 39
    assert facts["Tỷ lệ đồng ý (%)"] == 92.9
    assert facts["Kết luận"] == "Thông qua danh sách"
    assert facts["Đề nghị: Hộ nghèo"] == 6
    codes = [r[1] for r in book.worksheets[1].iter_rows(values_only=True) if r and r[0]]
    assert codes[-1] == "DX-023"


def test_an_officer_of_another_ward_gets_404(client, other_ward_officer, review):
    client.force_login(other_ward_officer)

    for url in urls(review):
        assert client.get(url).status_code == 404


def test_the_approver_may_download_every_document(client, approver, review):
    client.force_login(approver)

    for url in urls(review):
        assert client.get(url).status_code == 200


def test_a_meeting_of_another_round_is_not_found_under_this_one(client, ward_officer, review, ward):
    other = review_round_open(
        user=ward_officer, ward=ward, kind=ReviewKind.MONTHLY, year=2026, month=11
    )
    client.force_login(ward_officer)
    meeting = review.meetings.get()

    assert (
        client.get(reverse("reviews:minutes_pdf", args=[other.pk, meeting.pk])).status_code == 404
    )


def test_the_documents_are_vietnamese_whatever_the_interface_language(
    client, ward_officer, review, tmp_path
):
    client.force_login(ward_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    pdf = client.get(reverse("reviews:posting_list_pdf", args=[review.pk])).content

    assert "Nơi nhận:" in pdf_text(pdf, tmp_path)


def test_the_round_page_links_its_documents(client, ward_officer, review):
    client.force_login(ward_officer)

    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()

    for url in urls(review):
        assert url in page
