"""A status typed in on the household page gets its previous classification and movement,
as a decision or an import gives them, so the movements table counts it rightly."""

from households.services import household_status_record

from ..factories import HouseholdFactory


def record(user, household, year, classification):
    return household_status_record(
        user=user, household=household, values={"year": year, "classification": classification}
    )


def test_a_first_status_has_no_movement(ward, ward_officer):
    first = record(ward_officer, HouseholdFactory(ward=ward), 2024, "near_poor")

    assert (first.previous, first.movement) == ("", "")


def test_later_statuses_move_from_the_one_before(ward, ward_officer):
    household = HouseholdFactory(ward=ward)
    record(ward_officer, household, 2023, "near_poor")

    worse = record(ward_officer, household, 2024, "poor")
    out = record(ward_officer, household, 2025, "escaped_poor")
    back = record(ward_officer, household, 2026, "near_poor")

    assert (worse.previous, worse.movement) == ("near_poor", "near_poor_to_poor")
    assert (out.previous, out.movement) == ("poor", "escaped_poor")
    assert (back.previous, back.movement) == ("escaped_poor", "relapsed_near_poor")
