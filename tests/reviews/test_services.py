"""The review round from opening to the ward chair's decision, as the services run it."""

from datetime import date, timedelta

import pytest

from households.models import HouseholdStatus
from reviews.models import Assessment, PovertyStandard, ReviewKind, ReviewStage
from reviews.services import (
    ReviewError,
    assessment_save,
    meeting_record,
    posting_record,
    review_request_add,
    review_round_decide,
    review_round_open,
)

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory


@pytest.fixture
def households(ward):
    """Near-poor A, poor B and C outside the list, each with a head of 40 holding a card."""
    made = {}
    for code, classification in (("A", "near_poor"), ("B", "poor"), ("C", "none")):
        household = HouseholdFactory(ward=ward, code=code)
        PersonFactory(
            household=household,
            birth_date=date(1986, 3, 1),
            has_health_insurance=True,
            education="upper_secondary",
        )
        HouseholdStatusFactory(household=household, year=2026, classification=classification)
        made[code] = household
    return made


def open_annual(user, ward):
    return review_round_open(
        user=user, ward=ward, kind=ReviewKind.ANNUAL, year=2026, reference_date=date(2026, 9, 1)
    )


def assess(user, review, household, income, manual=(), version=None, reasons=None):
    return assessment_save(
        user=user,
        review=review,
        household=household,
        values={"income_per_capita": income},
        deprived=dict.fromkeys(manual, True),
        override_reasons=reasons or {},
        version=version,
    )


def post(user, review, first_day, place=""):
    """Post the list for five days from `first_day`; nobody complains."""
    return posting_record(
        user=user,
        review=review,
        posting_from=first_day,
        posting_to=first_day + timedelta(days=4),
        place=place,
        complaints="",
    )


def decide(user, review, decided_on, number="25/QĐ-UBND", signer="Nguyễn Văn A"):
    return review_round_decide(
        user=user, review=review, number=number, decided_on=decided_on, signer=signer
    )


def test_an_annual_round_lists_the_poor_and_near_poor_and_judges_by_next_years_standard(
    ward_officer, ward, households
):
    review = open_annual(ward_officer, ward)

    assert review.result_year == 2027
    assert review.standard == PovertyStandard.objects.get(code="ND351-2025")
    listed = sorted(review.items.values_list("household__code", "source"))
    assert listed == [("A", "register"), ("B", "register")]


def test_a_round_from_start_to_decision_writes_each_status_with_its_movement(
    ward_officer, ward, households
):
    review = open_annual(ward_officer, ward)
    review_request_add(
        user=ward_officer,
        review=review,
        household=households["C"],
        source="form_01",
        filed_on=date(2026, 9, 5),
    )
    # Urban, ND 351/2025: poverty line 2,800,000; middle-income bound 4,200,000.
    a = assess(ward_officer, review, households["A"], 3_000_000)
    b = assess(ward_officer, review, households["B"], 1_000_000, ("employment", "water", "latrine"))
    c = assess(ward_officer, review, households["C"], 2_000_000, ("water",))
    assert (a.classification, b.classification, c.classification) == (
        "middle_income",
        "poor",
        "near_poor",
    )

    meeting = meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 10, 20), attendance=30, agreed=15
    )
    assert meeting.passed
    review.refresh_from_db()
    assert review.stage == ReviewStage.POSTING
    post(ward_officer, review, date(2026, 10, 22), place="Nhà văn hóa khóm")
    written = decide(ward_officer, review, date(2026, 12, 10))

    assert written == 3
    new = HouseholdStatus.objects.filter(review_round=review)
    assert sorted(new.values_list("household__code", "classification", "previous", "movement")) == [
        ("A", "escaped_near_poor", "near_poor", "escaped_near_poor"),
        ("B", "poor", "poor", "unchanged"),
        ("C", "near_poor", "none", "newly_near_poor"),
    ]
    assert set(new.values_list("year", "valid_from", "decision_number")) == {
        (2027, date(2026, 12, 10), "25/QĐ-UBND")
    }
    reasons = set(
        HouseholdStatus.history.filter(review_round=review).values_list(
            "history_user", "history_change_reason"
        )
    )
    assert reasons == {(ward_officer.pk, "Quyết định số 25/QĐ-UBND (Rà soát định kỳ năm 2026)")}


def test_a_decision_submitted_twice_writes_the_statuses_and_history_once(
    ward_officer, ward, households
):
    review = _posted(ward_officer, ward, households)
    decide(ward_officer, review, date(2026, 12, 10))
    counts = (HouseholdStatus.objects.count(), HouseholdStatus.history.count())

    with pytest.raises(ReviewError, match="đã có quyết định"):
        decide(ward_officer, review, date(2026, 12, 10))

    assert (HouseholdStatus.objects.count(), HouseholdStatus.history.count()) == counts


def _posted(user, ward, households):
    review = open_annual(user, ward)
    assess(user, review, households["A"], 3_000_000)
    assess(user, review, households["B"], 1_000_000)
    meeting_record(user=user, review=review, held_on=date(2026, 10, 20), attendance=10, agreed=9)
    post(user, review, date(2026, 10, 22))
    return review


def test_a_meeting_without_half_agreeing_sends_the_list_back_to_assessment(
    ward_officer, ward, households
):
    review = open_annual(ward_officer, ward)
    assess(ward_officer, review, households["A"], 3_000_000)
    assess(ward_officer, review, households["B"], 1_000_000)

    failed = meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 10, 20), attendance=31, agreed=15
    )

    review.refresh_from_db()
    assert (failed.passed, review.stage) == (False, ReviewStage.ASSESSING)
    assess(ward_officer, review, households["B"], 900_000, version=1)  # assessed again
    again = meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 11, 2), attendance=31, agreed=16
    )
    review.refresh_from_db()
    assert (again.passed, review.stage) == (True, ReviewStage.POSTING)


def test_no_meeting_before_every_household_is_assessed(ward_officer, ward, households):
    review = open_annual(ward_officer, ward)
    assess(ward_officer, review, households["A"], 3_000_000)

    with pytest.raises(ReviewError, match="Còn 1 hộ chưa có phiếu"):
        meeting_record(
            user=ward_officer, review=review, held_on=date(2026, 10, 20), attendance=9, agreed=9
        )


def test_no_decision_before_the_posting(ward_officer, ward, households):
    review = open_annual(ward_officer, ward)

    with pytest.raises(ReviewError, match="chưa qua họp dân"):
        decide(ward_officer, review, date(2026, 12, 1), number="1", signer="X")
    assert not HouseholdStatus.objects.filter(review_round=review).exists()


def test_a_member_without_a_card_proposes_a_deprivation_the_officer_overrides_with_a_reason(
    ward_officer, ward, households
):
    PersonFactory(
        household=households["B"],
        relation_to_head="child",
        birth_date=date(2015, 1, 1),
        has_health_insurance=False,
    )
    review = open_annual(ward_officer, ward)

    with pytest.raises(ReviewError, match="Bảo hiểm y tế"):
        assess(ward_officer, review, households["B"], 1_000_000)
    saved = assess(
        ward_officer,
        review,
        households["B"],
        1_000_000,
        reasons={"health_insurance": "Thẻ cấp tháng 8, chưa cập nhật"},
    )

    assert saved.deprivations["health_insurance"] == {
        "deprived": False,
        "proposed": True,
        "reason": "Thẻ cấp tháng 8, chưa cập nhật",
    }
    assert saved.deprivation_count == 0


def test_income_is_computed_from_the_households_income_and_living_members(
    ward_officer, ward, households
):
    PersonFactory(household=households["A"], relation_to_head="spouse", has_health_insurance=True)
    PersonFactory(
        household=households["A"], relation_to_head="parent", deceased_on=date(2026, 5, 1)
    )
    review = open_annual(ward_officer, ward)

    saved = assessment_save(
        user=ward_officer,
        review=review,
        household=households["A"],
        values={"household_income_year": 60_000_000},
        deprived={},
        override_reasons={},
    )

    assert (saved.members_count, saved.income_per_capita) == (2, 2_500_000)


def test_an_assessment_saved_by_someone_else_meanwhile_is_refused(ward_officer, ward, households):
    review = open_annual(ward_officer, ward)
    assess(ward_officer, review, households["A"], 3_000_000)
    assess(ward_officer, review, households["A"], 2_000_000, version=1)

    with pytest.raises(ReviewError, match="vừa được người khác lưu"):
        assess(ward_officer, review, households["A"], 1_000_000, version=1)
    assert Assessment.objects.get().income_per_capita == 2_000_000


def test_an_officer_of_another_ward_cannot_open_or_assess(
    other_ward_officer, ward_officer, ward, households
):
    with pytest.raises(ReviewError, match="không có quyền"):
        open_annual(other_ward_officer, ward)
    review = open_annual(ward_officer, ward)
    with pytest.raises(ReviewError, match="không có quyền"):
        assess(other_ward_officer, review, households["A"], 1)


def test_a_round_is_opened_once(ward_officer, ward, households):
    open_annual(ward_officer, ward)

    with pytest.raises(ReviewError, match="đã được mở"):
        open_annual(ward_officer, ward)


def test_a_monthly_round_writes_only_what_changed(ward_officer, ward, households):
    review = review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.MONTHLY,
        year=2026,
        month=3,
        reference_date=date(2026, 3, 15),
    )
    assert review.standard.code == "ND07-2021"
    for code in ("A", "C"):
        review_request_add(
            user=ward_officer,
            review=review,
            household=households[code],
            source="form_04" if code == "A" else "form_01",
            filed_on=date(2026, 3, 2),
        )
    # Urban, ND 07/2021: line 2,000,000. A stays near-poor (escape refused), C is not poor.
    assess(ward_officer, review, households["A"], 1_900_000)
    assess(ward_officer, review, households["C"], 3_500_000)
    meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 3, 20), attendance=5, agreed=5
    )
    post(ward_officer, review, date(2026, 3, 21))

    written = decide(ward_officer, review, date(2026, 3, 28), number="7/QĐ-UBND", signer="X")

    assert written == 0
