"""A household event puts the household on the next monthly round; the round's decision
takes it off, whether or not its classification changed."""

from datetime import date

from households.models import Household
from households.services import Event, member_join
from reviews.models import ReviewKind, ReviewSource
from reviews.services import meeting_record, review_round_open

from . import test_services
from .test_services import assess, decide, post

households = test_services.households  # the fixture: near-poor A, poor B, C outside


def monthly(user, ward, month: int):
    return review_round_open(
        user=user,
        ward=ward,
        kind=ReviewKind.MONTHLY,
        year=2026,
        month=month,
        reference_date=date(2026, month, 15),
    )


def birth(user, household, on: date) -> None:
    values = {"full_name": "Nguyễn Văn Bé", "sex": "male", "birth_date": on}
    member_join(
        Event(user, on), household=household, reason="birth", relation="child", values=values
    )


def test_a_birth_puts_the_household_on_the_next_monthly_round(ward_officer, ward, households):
    birth(ward_officer, households["B"], date(2026, 2, 10))

    review = monthly(ward_officer, ward, 3)

    items = {(i.household.code, i.source) for i in review.items.select_related("household")}
    assert items == {("B", ReviewSource.CHANGED)}
    assert list(Household.objects.changed_since_review()) == [households["B"]]


def test_the_decision_takes_it_off_even_when_the_classification_stays(
    ward_officer, ward, households
):
    birth(ward_officer, households["A"], date(2026, 2, 10))
    review = monthly(ward_officer, ward, 3)
    # Urban, ND 07/2021: line 2,000,000 a person; A stays near-poor: no status is written.
    assess(ward_officer, review, households["A"], 1_900_000)
    meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 3, 20), attendance=5, agreed=5
    )
    post(ward_officer, review, date(2026, 3, 21))

    assert decide(ward_officer, review, date(2026, 3, 28), number="8/QĐ-UBND") == 0

    assert not Household.objects.changed_since_review().exists()
    assert not monthly(ward_officer, ward, 4).items.exists()


def test_an_event_after_the_decision_puts_it_back(ward_officer, ward, households):
    birth(ward_officer, households["B"], date(2026, 2, 10))
    review = monthly(ward_officer, ward, 3)
    assess(ward_officer, review, households["B"], 1_000_000)
    meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 3, 20), attendance=5, agreed=5
    )
    post(ward_officer, review, date(2026, 3, 21))
    decide(ward_officer, review, date(2026, 3, 28), number="8/QĐ-UBND")

    birth(ward_officer, households["B"], date(2026, 4, 2))

    assert [i.household for i in monthly(ward_officer, ward, 4).items.all()] == [households["B"]]
