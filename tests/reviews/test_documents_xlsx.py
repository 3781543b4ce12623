"""The posting list and the minutes as .xlsx; who may download the round's documents."""

import io

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from reviews.models import ReviewKind
from reviews.services import review_round_open

from .documents import pdf_text, urls


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
    meeting = review.meetings.get(residential_group__code="001")

    response = client.get(reverse("reviews:minutes_xlsx", args=[review.pk, meeting.pk]))

    book = load_workbook(io.BytesIO(response.content))
    facts = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    assert facts["Số người dự họp"] == 42
    assert facts["Số người đồng ý"] == 39
    assert facts["Tỷ lệ đồng ý (%)"] == 92.9
    assert facts["Kết luận"] == "Thông qua danh sách"
    assert facts["Khóm, ấp, tổ dân phố"] == "khóm Đông An"
    assert facts["Đề nghị: Hộ cận nghèo"] == 6  # the khóm's 12 households only
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
    meeting = review.meetings.get(residential_group__code="001")

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
