"""The dates of a review's posting and decision (QĐ 24/2021 Điều 4 khoản 4): the posting lasts
the set number of working days, the decision follows it and every complaint's answer."""

from datetime import date

import pytest
from django.urls import reverse

from areas.models import Holiday
from households.models import HouseholdStatus
from reviews.models import PostingComplaint, ReviewKind, ReviewStage, ReviewTimeLimit
from reviews.services import (
    ReviewError,
    meeting_record,
    posting_complaint_answer,
    posting_complaint_record,
    posting_record,
    review_round_decide,
    review_round_open,
)

from ..factories import ResidentialGroupFactory
from .documents import add_household, assess

MET_ON = date(2026, 8, 28)  # a Friday


@pytest.fixture
def review(ward_officer, ward):
    """Two near-poor households of one khóm, assessed; the meeting of 28/08 passed the list."""
    group = ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An")
    households = [add_household(ward, group, n, "near_poor") for n in (1, 2)]
    review = review_round_open(
        user=ward_officer, ward=ward, kind=ReviewKind.ANNUAL, year=2026, reference_date=MET_ON
    )
    for household in households:
        assess(ward_officer, review, household, 2_000_000)
    meeting_record(user=ward_officer, review=review, held_on=MET_ON, attendance=20, agreed=15)
    review.refresh_from_db()
    assert review.stage == ReviewStage.POSTING
    return review


def post(user, review, first, last):
    posting_record(
        user=user, review=review, posting_from=first, posting_to=last, place="", complaints=""
    )
    review.refresh_from_db()


def decide(user, review, day):
    return review_round_decide(
        user=user, review=review, number="25/QĐ-UBND", decided_on=day, signer="Nguyễn Văn A"
    )


def complain(user, review, day, who="Bà Nguyễn Thị Hoa"):
    return posting_complaint_record(
        user=user, review=review, received_on=day, complainant=who, content="Xem lại hộ DX-002."
    )


def test_a_one_day_posting_is_refused(ward_officer, review):
    with pytest.raises(ReviewError) as refused:
        post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 7))

    assert str(refused.value) == (
        "Niêm yết công khai ít nhất 3 ngày làm việc: từ 07/10/2026 đến 07/10/2026 chỉ có "
        "1 ngày làm việc (không kể thứ Bảy, Chủ nhật và ngày lễ)."
    )
    review.refresh_from_db()
    assert review.posting_from is None


def test_the_weekend_does_not_count(ward_officer, review):
    # Friday to Monday: two working days.
    with pytest.raises(ReviewError, match="chỉ có 2 ngày làm việc"):
        post(ward_officer, review, date(2026, 10, 9), date(2026, 10, 12))

    # Thursday to Monday: three.
    post(ward_officer, review, date(2026, 10, 8), date(2026, 10, 12))
    assert (review.posting_from, review.posting_to) == (date(2026, 10, 8), date(2026, 10, 12))


def test_the_holiday_table_counts(ward_officer, review):
    # Monday 31/08 to Wednesday 02/09 2026: three weekdays, two of them Quốc khánh.
    Holiday.objects.create(day=date(2026, 9, 1), name="Quốc khánh")
    Holiday.objects.create(day=date(2026, 9, 2), name="Quốc khánh")

    with pytest.raises(ReviewError, match="chỉ có 1 ngày làm việc"):
        post(ward_officer, review, date(2026, 8, 31), date(2026, 9, 2))

    Holiday.objects.all().delete()
    post(ward_officer, review, date(2026, 8, 31), date(2026, 9, 2))
    assert review.posting_to == date(2026, 9, 2)


def test_the_posting_days_are_an_editable_row(ward_officer, review):
    ReviewTimeLimit.objects.update_or_create(
        step=ReviewTimeLimit.POSTING,
        defaults={**ReviewTimeLimit.POSTING_DEFAULT, "working_days": 5},
    )

    with pytest.raises(ReviewError, match="ít nhất 5 ngày làm việc"):
        post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 13))


def test_a_missing_row_is_seeded_with_three_unconfirmed_days(ward_officer, review):
    ReviewTimeLimit.objects.all().delete()

    with pytest.raises(ReviewError, match="ít nhất 3 ngày làm việc"):
        post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 8))
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))

    limit = ReviewTimeLimit.objects.get(step=ReviewTimeLimit.POSTING)
    assert (limit.working_days, limit.confirmed) == (3, False)


def test_the_posting_does_not_start_before_the_meeting(ward_officer, review):
    with pytest.raises(ReviewError, match=r"từ ngày họp dân thông qua danh sách \(28/08/2026\)"):
        post(ward_officer, review, date(2026, 8, 24), date(2026, 8, 31))


@pytest.mark.parametrize("day", [date(2026, 10, 7), date(2026, 10, 9), date(2026, 10, 2)])
def test_a_decision_dated_before_the_postings_end_is_refused(ward_officer, review, day):
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))

    with pytest.raises(ReviewError) as refused:
        decide(ward_officer, review, day)

    assert str(refused.value) == "Ngày quyết định phải sau ngày kết thúc niêm yết (09/10/2026)."
    review.refresh_from_db()
    assert review.stage == ReviewStage.POSTING
    assert not HouseholdStatus.objects.filter(review_round=review).exists()


def test_the_decision_waits_for_every_complaint_to_be_answered(ward_officer, review):
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))
    first = complain(ward_officer, review, date(2026, 10, 7))
    second = complain(ward_officer, review, date(2026, 10, 9), who="Ông Trần Văn Đức")

    with pytest.raises(ReviewError, match="Còn 2 khiếu nại trong thời gian niêm yết chưa"):
        decide(ward_officer, review, date(2026, 10, 12))
    posting_complaint_answer(
        user=ward_officer,
        complaint=first,
        answer="Đã phúc tra: giữ kết quả.",
        answered_on=date(2026, 10, 12),
    )
    with pytest.raises(ReviewError, match="Còn 1 khiếu nại"):
        decide(ward_officer, review, date(2026, 10, 12))
    posting_complaint_answer(
        user=ward_officer,
        complaint=second,
        answer="Đã phúc tra: hộ DX-002 đủ điều kiện.",
        answered_on=date(2026, 10, 14),
    )
    with pytest.raises(ReviewError, match=r"trước ngày trả lời khiếu nại cuối cùng \(14/10/2026\)"):
        decide(ward_officer, review, date(2026, 10, 13))

    assert decide(ward_officer, review, date(2026, 10, 14)) == 2
    review.refresh_from_db()
    assert review.stage == ReviewStage.DECIDED


def test_a_complaint_outside_the_posting_is_refused(ward_officer, review):
    with pytest.raises(ReviewError, match="ghi thời gian niêm yết trước"):
        complain(ward_officer, review, date(2026, 10, 7))
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))

    for day in (date(2026, 10, 6), date(2026, 10, 12)):
        with pytest.raises(ReviewError, match="từ 07/10/2026 đến 09/10/2026"):
            complain(ward_officer, review, day)
    assert not PostingComplaint.objects.exists()


def test_a_new_posting_period_keeps_its_complaints_inside(ward_officer, review):
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))
    complain(ward_officer, review, date(2026, 10, 7))

    with pytest.raises(ReviewError, match="khiếu nại nhận ngoài thời gian niêm yết mới"):
        post(ward_officer, review, date(2026, 10, 8), date(2026, 10, 12))


def test_an_answer_needs_text_and_a_date_after_the_complaint(ward_officer, review):
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))
    complaint = complain(ward_officer, review, date(2026, 10, 8))

    with pytest.raises(ReviewError, match=r"trước ngày nhận khiếu nại \(08/10/2026\)"):
        posting_complaint_answer(
            user=ward_officer, complaint=complaint, answer="x", answered_on=date(2026, 10, 7)
        )
    with pytest.raises(ReviewError, match="Hãy ghi kết quả giải quyết"):
        posting_complaint_answer(
            user=ward_officer, complaint=complaint, answer="  ", answered_on=date(2026, 10, 8)
        )
    complaint.refresh_from_db()
    assert complaint.answered_on is None


def test_the_round_page_takes_a_complaint_and_its_answer_and_refuses_an_early_decision(
    client, ward_officer, review
):
    post(ward_officer, review, date(2026, 10, 7), date(2026, 10, 9))
    client.force_login(ward_officer)
    detail = reverse("reviews:detail", args=[review.pk])

    added = client.post(
        reverse("reviews:complaint", args=[review.pk]),
        {"received_on": "08/10/2026", "complainant": "Bà Lê Thị Ánh", "content": "Xem lại hộ."},
    )
    assert added.status_code == 302
    complaint = review.posting_complaints.get()
    page = client.get(detail).content.decode()
    assert "Bà Lê Thị Ánh" in page and "Chưa trả lời." in page

    early = client.post(
        reverse("reviews:decision", args=[review.pk]),
        {"number": "25/QĐ-UBND", "decided_on": "12/10/2026", "signer": "Nguyễn Văn A"},
    )
    assert early.status_code == 400
    assert "Còn 1 khiếu nại trong thời gian niêm yết chưa được trả lời." in early.content.decode()

    second = complain(ward_officer, review, date(2026, 10, 9), who="Ông Trần Văn Đức")
    wrong = client.post(
        reverse("reviews:complaint_answer", args=[review.pk, complaint.pk]),
        {"answer": "Đã phúc tra.", "answered_on": "07/10/2026"},
    )
    assert wrong.status_code == 400
    assert wrong.content.decode().count("trước ngày nhận khiếu nại (08/10/2026)") == 1
    assert wrong.content.decode().count('id="id_answer') == 4  # two forms, two fields each
    answered = client.post(
        reverse("reviews:complaint_answer", args=[review.pk, complaint.pk]),
        {"answer": "Đã phúc tra, giữ kết quả.", "answered_on": "12/10/2026"},
    )
    assert answered.status_code == 302
    during = client.post(
        reverse("reviews:decision", args=[review.pk]),
        {"number": "25/QĐ-UBND", "decided_on": "09/10/2026", "signer": "Nguyễn Văn A"},
    )
    assert "phải sau ngày kết thúc niêm yết (09/10/2026)" in during.content.decode()
    posting_complaint_answer(
        user=ward_officer, complaint=second, answer="Giữ kết quả.", answered_on=date(2026, 10, 12)
    )
    client.post(
        reverse("reviews:decision", args=[review.pk]),
        {"number": "25/QĐ-UBND", "decided_on": "12/10/2026", "signer": "Nguyễn Văn A"},
    )
    review.refresh_from_db()
    assert review.stage == ReviewStage.DECIDED
