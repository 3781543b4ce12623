"""The worked examples of DOMAIN.md §13 that the pure rules settle."""

from datetime import date
from decimal import Decimal

from beneficiaries.rules import in_force, stop_month

from .seeded import LEVELS, ROWS, codes, pay, person

# --- DOMAIN.md §13 worked examples ---------------------------------------------------------


def test_domain_example_1_child_under_4_without_parents():
    result = pay(person(date(2023, 3, 10), "orphan"), date(2026, 7, 1))
    assert (codes(result), result.coefficient, result.amount) == (
        ["K1.1"],
        Decimal("2.5"),
        1_250_000,
    )


def test_domain_example_2_the_same_child_turning_4():
    child = person(date(2023, 3, 10), "orphan")
    assert pay(child, date(2027, 2, 1)).amount == 1_250_000
    assert pay(child, date(2027, 3, 1)).amount == 750_000
    result = pay(child, date(2027, 4, 1))
    assert (codes(result), result.coefficient, result.amount) == (
        ["K1.2"],
        Decimal("1.5"),
        750_000,
    )


def test_domain_example_6_death_in_august_stops_payment_from_september():
    assert stop_month(date(2026, 8, 14)) == date(2026, 9, 1)


def test_domain_example_9_child_of_10_with_a_particularly_severe_disability():
    result = pay(person(date(2016, 1, 15), disability="particularly_severe"), date(2026, 3, 1))
    assert (codes(result), result.coefficient, result.amount) == (
        ["K6.2"],
        Decimal("2.5"),
        1_250_000,
    )
    # The household caring for the child: 1.0 × the standard level (Điều 20 khoản 2c).
    (caring,) = [row for row in ROWS["CareAllowanceRate"] if row.code == "household_caring"]
    assert caring.coefficient * in_force(LEVELS, date(2026, 3, 1)).amount == 500_000


def test_domain_example_12_adult_with_a_severe_disability_across_july_2024():
    adult = person(date(1990, 1, 15), disability="severe")
    assert pay(adult, date(2024, 6, 1)).amount == 540_000
    assert pay(adult, date(2024, 7, 1)).amount == 750_000
