"""The meeting of each residential group (QĐ 24/2021 Điều 4 khoản 3): chaired by its head,
the group's households voted on with at least half of those present agreeing; the list is
posted once every group has passed it."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reviews.documents import minutes_context
from reviews.models import CommunityMeeting, ReviewKind, ReviewStage
from reviews.services import (
    ReviewError,
    meeting_record,
    review_request_add,
    review_round_open,
)

from ..factories import ResidentialGroupFactory
from .documents import add_household, assess, one_line, pdf_text


@pytest.fixture
def groups(ward):
    return [
        ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An"),
        ResidentialGroupFactory(parent=ward, code="002", name="Khóm Đông Phú"),
    ]


def open_round(user, ward):
    return review_round_open(
        user=user, ward=ward, kind=ReviewKind.ANNUAL, year=2026, reference_date=date(2026, 9, 1)
    )


@pytest.fixture
def review(ward_officer, ward, groups):
    """DX-001, DX-002 in Đông An and DX-003 in Đông Phú, near-poor, every one assessed."""
    for n, group in ((1, groups[0]), (2, groups[0]), (3, groups[1])):
        add_household(ward, group, n, "near_poor")
    review = open_round(ward_officer, ward)
    for item in review.items.select_related("household"):
        assess(ward_officer, review, item.household, 2_000_000)
    return review


def meet(user, review, group, attendance=20, agreed=15, held_on=date(2026, 10, 5), **more):
    return meeting_record(
        user=user,
        review=review,
        residential_group=group,
        held_on=held_on,
        attendance=attendance,
        agreed=agreed,
        **more,
    )


def stage(review):
    review.refresh_from_db()
    return review.stage


def test_the_list_is_posted_only_when_every_group_has_passed_its_meeting(
    ward_officer, review, groups
):
    first = meet(ward_officer, review, groups[0], chaired_by="Trần Văn Bảy")

    assert first.passed and first.residential_group == groups[0]
    assert stage(review) == ReviewStage.ASSESSING
    meet(ward_officer, review, groups[1], attendance=20, agreed=10)
    assert stage(review) == ReviewStage.POSTING  # 10 of 20: exactly half agrees


def test_a_group_with_fewer_than_half_agreeing_meets_again(ward_officer, review, groups):
    meet(ward_officer, review, groups[0])
    failed = meet(ward_officer, review, groups[1], attendance=21, agreed=10)

    assert not failed.passed
    assert stage(review) == ReviewStage.ASSESSING
    meet(ward_officer, review, groups[1], attendance=21, agreed=11, held_on=date(2026, 10, 12))
    assert stage(review) == ReviewStage.POSTING


def test_a_meeting_must_name_its_group_when_the_list_has_several(ward_officer, review, groups):
    with pytest.raises(ReviewError) as refused:
        meet(ward_officer, review, None)

    assert str(refused.value) == (
        "Danh sách có hộ ở 2 khóm, ấp, tổ dân phố: hãy chọn tổ có hộ trong danh sách."
    )
    other = ResidentialGroupFactory(parent=review.ward, code="003", name="Khóm Đông Thịnh")
    with pytest.raises(ReviewError, match="hãy chọn tổ có hộ trong danh sách"):
        meet(ward_officer, review, other)
    assert not CommunityMeeting.objects.exists()


def test_a_group_that_passed_is_not_voted_again_nor_its_list_changed(
    ward_officer, ward, review, groups
):
    meet(ward_officer, review, groups[0])
    late = add_household(ward, groups[0], 4, "none")

    with pytest.raises(ReviewError, match="Cuộc họp của tổ này đã thông qua danh sách"):
        meet(ward_officer, review, groups[0])
    with pytest.raises(ReviewError, match="Danh sách của Khóm Đông An đã được họp dân thông qua"):
        assess(ward_officer, review, review.items.first().household, 1_000_000)
    with pytest.raises(ReviewError, match="đã được họp dân thông qua"):
        review_request_add(
            user=ward_officer,
            review=review,
            household=late,
            source="form_01",
            filed_on=date(2026, 10, 6),
        )


def test_only_the_groups_own_households_wait_for_assessment(ward_officer, ward, groups):
    for n, group in ((1, groups[0]), (2, groups[1])):
        add_household(ward, group, n, "near_poor")
    review = open_round(ward_officer, ward)
    assess(ward_officer, review, review.items.get(household__code="DX-001").household, 2_000_000)

    meet(ward_officer, review, groups[0])
    with pytest.raises(ReviewError, match="Còn 1 hộ chưa có phiếu đánh giá"):
        meet(ward_officer, review, groups[1])


def test_a_ward_with_one_group_keeps_its_single_meeting(ward_officer, ward, groups):
    for n in (1, 2):
        add_household(ward, groups[0], n, "near_poor")
    review = open_round(ward_officer, ward)
    for item in review.items.select_related("household"):
        assess(ward_officer, review, item.household, 2_000_000)

    meeting = meet(ward_officer, review, None)

    assert meeting.residential_group == groups[0]
    assert stage(review) == ReviewStage.POSTING


def test_households_without_a_group_have_their_own_meeting(client, ward_officer, ward, groups):
    add_household(ward, groups[0], 1, "near_poor")
    loose = add_household(ward, groups[0], 2, "near_poor")
    loose.residential_group = None
    loose.save(update_fields=["residential_group"])
    review = open_round(ward_officer, ward)
    for item in review.items.select_related("household"):
        assess(ward_officer, review, item.household, 2_000_000)

    meet(ward_officer, review, groups[0])
    assert stage(review) == ReviewStage.ASSESSING
    client.force_login(ward_officer)
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert (
        "Các hộ chưa ghi tổ" in page.split('name="residential_group"', 1)[1].split("</select>")[0]
    )
    meet(ward_officer, review, None)
    assert stage(review) == ReviewStage.POSTING


def test_the_minutes_of_a_group_list_its_households_and_its_head(
    client, ward_officer, review, groups, tmp_path
):
    meet(ward_officer, review, groups[0], chaired_by="Trần Văn Bảy", attendance=12, agreed=6)
    second = meet(ward_officer, review, groups[1], chaired_by="Lê Văn Tám", attendance=9, agreed=8)
    client.force_login(ward_officer)

    context = minutes_context(ward_officer, review, second)
    pdf = client.get(reverse("reviews:minutes_pdf", args=[review.pk, second.pk])).content
    text = one_line(pdf_text(pdf, tmp_path))

    assert [r.code for r in context["rows"]] == ["DX-003"]
    sheet = client.get(reverse("reviews:minutes_xlsx", args=[review.pk, second.pk])).content
    book = load_workbook(io.BytesIO(sheet))
    assert [r[1] for r in book.worksheets[1].iter_rows(min_row=4, values_only=True)] == ["DX-003"]
    for line in (
        "cuộc họp dân khóm Đông Phú",
        "Chủ trì: Lê Văn Tám, Trưởng khóm Đông Phú",
        "chấm điểm 1 hộ trong danh sách",
        "8/9 người dự họp đồng ý",
        "01 bản lưu tại khóm Đông Phú",
    ):
        assert line in text
    first = review.meetings.get(residential_group=groups[0])
    assert [r.code for r in minutes_context(ward_officer, review, first)["rows"]] == [
        "DX-001",
        "DX-002",
    ]


def test_the_round_page_shows_each_group_and_offers_the_ones_still_to_meet(
    client, ward_officer, review, groups
):
    client.force_login(ward_officer)
    meet(ward_officer, review, groups[0], attendance=21, agreed=10)  # fails
    meet(ward_officer, review, groups[1])
    detail = reverse("reviews:detail", args=[review.pk])

    page = client.get(detail).content.decode()

    assert "chưa đạt một nửa số người dự: rà soát lại" in page
    assert "quá nửa" not in page
    assert 'name="residential_group"' in page
    options = page.split('name="residential_group"', 1)[1].split("</select>", 1)[0]
    assert "Khóm Đông An" in options and "Khóm Đông Phú" not in options
    assert "Các hộ chưa ghi tổ" not in options  # every household has its group
    unnamed = client.post(
        reverse("reviews:meeting", args=[review.pk]),
        {"held_on": "12/10/2026", "attendance": "21", "agreed": "11"},
    )
    assert unnamed.status_code == 400
    response = client.post(
        reverse("reviews:meeting", args=[review.pk]),
        {
            "residential_group": groups[0].pk,
            "held_on": "12/10/2026",
            "attendance": "21",
            "agreed": "11",
            "chaired_by": "Trần Văn Bảy",
        },
    )
    assert response.status_code == 302
    assert stage(review) == ReviewStage.POSTING
    page = client.get(detail).content.decode()
    assert "Biên bản họp dân Khóm Đông An ngày 12/10/2026" in page
    assert "Biên bản họp dân Khóm Đông Phú ngày 05/10/2026" in page


def test_a_single_group_round_page_has_no_group_choice(client, ward_officer, ward, groups):
    add_household(ward, groups[0], 1, "near_poor")
    review = open_round(ward_officer, ward)
    client.force_login(ward_officer)

    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()

    assert "Ghi kết quả họp dân" in page and 'name="residential_group"' not in page
