"""The review pages: who sees and runs a round, and the assessment form's live result."""

from datetime import date

import pytest
from django.urls import reverse

from reviews.models import Assessment, ReviewKind, ReviewRound, ReviewStage
from reviews.services import review_round_open

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory

READ_PAGES = ["reviews:detail"]
STEPS = ["reviews:request", "reviews:meeting", "reviews:posting", "reviews:decision"]


@pytest.fixture
def review(ward_officer, ward):
    for code in ("A", "B"):
        household = HouseholdFactory(ward=ward, code=code)
        PersonFactory(household=household, has_health_insurance=True, education="higher")
        HouseholdStatusFactory(household=household, year=2026, classification="near_poor")
    return review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=date(2026, 9, 1),
    )


def assessment_url(review, code="A"):
    household = review.items.get(household__code=code).household
    return reverse("reviews:assessment", args=[review.pk, household.pk])


def test_an_officer_of_another_ward_gets_404_everywhere(client, other_ward_officer, review):
    client.force_login(other_ward_officer)

    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 404
    assert client.get(assessment_url(review)).status_code == 404
    for name in STEPS:
        assert client.post(reverse(name, args=[review.pk]), {}).status_code == 404
    assert review.ward.name not in client.get(reverse("reviews:list")).content.decode()


def test_the_approver_sees_every_wards_round_and_its_progress(
    client, approver, review, other_ward_officer, other_ward
):
    review_round_open(user=other_ward_officer, ward=other_ward, kind=ReviewKind.ANNUAL, year=2026)
    client.force_login(approver)

    page = client.get(reverse("reviews:list")).content.decode()

    assert review.ward.name in page and other_ward.name in page
    assert "0/2" in page  # assessed of listed, for the first ward
    detail = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Ghi kết quả họp dân" not in detail  # reads, never writes
    assert client.post(reverse("reviews:meeting", args=[review.pk]), {}).status_code == 404


def test_an_officer_opens_a_round_from_the_list_page(client, ward_officer, ward):
    client.force_login(ward_officer)

    response = client.post(
        reverse("reviews:list"), {"ward": ward.pk, "kind": "annual_review", "year": 2026}
    )

    review = ReviewRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:detail", args=[review.pk])
    assert (review.result_year, review.standard.code) == (2027, "ND351-2025")


def test_the_assessment_form_proposes_and_saves(client, ward_officer, review):
    client.force_login(ward_officer)
    url = assessment_url(review)

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "income_per_capita": "1500000",
            "deprived_employment": "on",
            "deprived_water": "on",
            "deprived_latrine": "on",
            "causes": ["capital", "illness"],
            "wishes": ["loan"],
            "able_to_escape": "no",
        },
    )

    assert "Bảo hiểm y tế" in form and "Không thiếu hụt" in form
    assert response.status_code == 302, response.content.decode()[-2000:]
    saved = Assessment.objects.get()
    assert (saved.classification, saved.deprivation_count) == ("poor", 3)
    assert (saved.causes, saved.wishes, saved.able_to_escape) == (
        ["capital", "illness"],
        ["loan"],
        False,
    )


def test_the_live_result_follows_the_boxes(client, ward_officer, review):
    client.force_login(ward_officer)
    household = review.items.get(household__code="A").household
    url = reverse("reviews:assessment_result", args=[review.pk, household.pk])
    boxes = {"deprived_employment": "on", "deprived_water": "on"}

    two = client.post(url, {"income_per_capita": "2.000.000", **boxes}).content.decode()
    three = client.post(
        url, {"income_per_capita": "2.000.000", **boxes, "deprived_latrine": "on"}
    ).content.decode()

    assert "Hộ cận nghèo" in two and "Thiếu hụt 2 chỉ số" in two
    assert "Hộ nghèo" in three and "Thiếu hụt 3 chỉ số" in three


def test_a_step_refused_by_the_service_is_explained_on_the_page(client, ward_officer, review):
    client.force_login(ward_officer)

    response = client.post(
        reverse("reviews:meeting", args=[review.pk]),
        {"held_on": "20/10/2026", "attendance": "10", "agreed": "8"},
    )

    assert response.status_code == 400
    assert "Còn 2 hộ chưa có phiếu đánh giá" in response.content.decode()
    review.refresh_from_db()
    assert review.stage == ReviewStage.ASSESSING
