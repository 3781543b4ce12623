"""Overlapping categories (DOMAIN.md §5.3), the social pension against the allowance
(DOMAIN.md §6) and provincial rates."""

from datetime import date
from decimal import Decimal

import pytest

from beneficiaries.rules import ALLOWANCE, PENSION, Rate, in_force

from .seeded import ALL_LEVELS, LEVELS, PENSIONS, codes, pay, person

# --- Overlap: the highest only, K4 added to K5/K6/K8 (DOMAIN.md §5.3) -----------------------


def test_domain_example_7_single_poor_mother_of_65_gets_k4_and_k5a():
    mother = person(
        date(1961, 1, 15), "single_parent", "no_supporter", household="poor", children=2
    )
    result = pay(mother, date(2026, 3, 1))
    assert sorted(codes(result)) == ["K4", "K5a.1"]
    assert result.coefficient == Decimal("3.5")
    assert (result.chosen, result.amount) == (ALLOWANCE, 1_750_000)


@pytest.mark.parametrize(
    ("facts", "paid", "amount"),
    [
        pytest.param(
            person(
                date(1990, 1, 15),
                "single_parent",
                household="near_poor",
                disability="severe",
                children=1,
            ),
            ["K4", "K6.3"],
            1_250_000,
            id="K4 + K6",
        ),
        pytest.param(
            person(
                date(1985, 1, 15),
                "single_parent",
                "hiv",
                "no_stable_income",
                household="poor",
                children=2,
            ),
            ["K4", "K8"],
            1_750_000,
            id="K4 + K8",
        ),
        pytest.param(
            person(
                date(1961, 1, 15), "single_parent", "no_supporter", household="poor", children=3
            ),
            ["K4", "K5a.1"],
            2_250_000,
            id="K4 x3 + K5a",
        ),
        pytest.param(
            person(
                date(2007, 1, 15),
                "orphan",
                "studying",
                "single_parent",
                household="near_poor",
                children=1,
            ),
            ["K2"],
            750_000,
            id="K4 not added to K2",
        ),
        pytest.param(
            person(
                date(1944, 1, 15),
                "no_supporter",
                "no_pension",
                household="poor",
                disability="particularly_severe",
            ),
            ["K6.2"],
            1_250_000,
            id="K5a.2, K5c and K6.2: K6.2 only",
        ),
        pytest.param(
            person(date(2016, 1, 15), "hiv", household="poor", disability="particularly_severe"),
            ["K6.2"],
            1_250_000,
            id="K3.2 and K6.2: K6.2 only",
        ),
    ],
)
def test_only_the_highest_is_paid_except_k4_with_k5_k6_k8(facts, paid, amount):
    result = pay(facts, date(2026, 3, 1))
    assert sorted(codes(result)) == paid
    assert (result.chosen, result.amount) == (ALLOWANCE, amount)


# --- The social pension against the allowance (DOMAIN.md §6) -------------------------------


@pytest.mark.parametrize(("pension_wins_tie", "chosen"), [(True, PENSION), (False, ALLOWANCE)])
def test_domain_example_8_k5c_or_the_social_pension_paid_once(pension_wins_tie, chosen):
    aged_82 = person(date(1944, 1, 15), "no_pension")
    result = pay(aged_82, date(2026, 3, 1), pension_wins_tie=pension_wins_tie)
    assert codes(result) == ["K5c"]
    assert (result.allowance, result.pension, result.pension_eligible) == (500_000, 500_000, True)
    assert (result.chosen, result.amount) == (chosen, 500_000)


@pytest.mark.parametrize("pension_wins_tie", [True, False])
def test_domain_example_8_variant_k5a_over_80_stays_on_the_allowance(pension_wins_tie):
    aged_82 = person(date(1944, 1, 15), "no_pension", "no_supporter", household="poor")
    result = pay(aged_82, date(2026, 3, 1), pension_wins_tie=pension_wins_tie)
    assert codes(result) == ["K5a.2"]
    assert (result.allowance, result.pension) == (1_000_000, 500_000)
    assert (result.chosen, result.amount) == (ALLOWANCE, 1_000_000)


@pytest.mark.parametrize("household", ["poor", "near_poor"])
def test_a_72_year_old_in_a_poor_or_near_poor_household_gets_the_social_pension_only(household):
    result = pay(person(date(1954, 1, 15), household=household), date(2026, 3, 1))
    assert (result.paid, result.allowance) == ([], 0)
    assert (result.chosen, result.amount) == (PENSION, 500_000)


def test_a_72_year_old_not_poor_gets_nothing():
    result = pay(person(date(1954, 1, 15), household="escaped_poor"), date(2026, 3, 1))
    assert (result.pension_eligible, result.chosen, result.amount) == (False, "", 0)


def test_a_person_with_a_pension_above_the_social_pension_does_not_get_it():
    result = pay(person(date(1948, 1, 15), pension=3_000_000), date(2026, 3, 1))
    assert (result.pension_eligible, result.pension, result.chosen, result.amount) == (
        False,
        0,
        "",
        0,
    )


def test_there_is_no_social_pension_before_july_2025():
    aged_82 = person(date(1943, 1, 15), "no_pension")
    june = pay(aged_82, date(2025, 6, 1))
    assert (june.pension_eligible, june.chosen, june.amount) == (False, ALLOWANCE, 500_000)
    july = pay(aged_82, date(2025, 7, 1))
    assert (july.pension_eligible, july.chosen, july.amount) == (True, PENSION, 500_000)
    not_poor_76 = person(date(1949, 1, 15))
    assert pay(not_poor_76, date(2025, 6, 1)).amount == 0
    assert pay(not_poor_76, date(2025, 7, 1)).amount == 500_000


HANOI_TOP_UP = Rate(150_000, date(2026, 1, 1), legal_reference="NQ 63/2025", provincial=True)


def test_a_provincial_top_up_is_added_to_the_social_pension():
    aged_76 = person(date(1950, 1, 15))
    pensions = [*PENSIONS, HANOI_TOP_UP]
    assert pay(aged_76, date(2025, 12, 1), pensions=pensions).amount == 500_000
    result = pay(aged_76, date(2026, 1, 1), pensions=pensions)
    assert (result.chosen, result.amount) == (PENSION, 650_000)


def test_with_the_top_up_the_social_pension_beats_k5c_whatever_the_tie_setting():
    aged_82 = person(date(1944, 1, 15), "no_pension")
    result = pay(
        aged_82, date(2026, 3, 1), pensions=[*PENSIONS, HANOI_TOP_UP], pension_wins_tie=False
    )
    assert (result.allowance, result.chosen, result.amount) == (500_000, PENSION, 650_000)


def test_a_provincial_standard_level_overrides_the_national_one():
    hanoi = Rate(650_000, date(2026, 1, 1), legal_reference="NQ 63/2025", provincial=True)
    levels = [*LEVELS, hanoi]
    adult_severe = person(date(1990, 1, 15), disability="severe")
    assert pay(adult_severe, date(2025, 12, 1), standard_levels=levels).amount == 750_000
    result = pay(adult_severe, date(2026, 1, 1), standard_levels=levels)
    assert (result.standard_level, result.amount) == (650_000, 975_000)
    # A national level starting later does not displace the province's own.
    assert in_force([*ALL_LEVELS, hanoi], date(2026, 7, 1)) == hanoi
