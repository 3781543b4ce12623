"""The seeded rows, and every category and sub-case of the monthly allowance at each
standard level, against DOMAIN.md §5.1 and §5.2."""

from datetime import date
from decimal import Decimal

import pytest

from beneficiaries.rules import ALLOWANCE, in_force

from .seeded import (
    ALL_LEVELS,
    CATEGORIES,
    LEVELS,
    PENSION_RULE,
    PENSIONS,
    ROWS,
    SEED,
    codes,
    pay,
    person,
)

# --- The seeded rows -----------------------------------------------------------------------


def test_the_seed_matches_the_migration_lists():
    assert len(CATEGORIES) == len(SEED.CATEGORIES)
    assert [level.amount for level in ALL_LEVELS] == [row[0] for row in SEED.LEVELS]


def test_the_seeded_standard_levels_are_those_of_domain_5_1():
    assert [(r.amount, r.valid_from, r.valid_to, r.provincial) for r in ALL_LEVELS] == [
        (270_000, date(2014, 1, 1), date(2021, 6, 30), False),
        (360_000, date(2021, 7, 1), date(2024, 6, 30), False),
        (500_000, date(2024, 7, 1), None, False),
        (540_000, date(2026, 7, 1), None, False),
    ]


def test_the_540000_candidate_is_seeded_inactive_and_unconfirmed():
    (candidate,) = [row for row in ROWS["StandardLevel"] if row.amount == 540_000]
    assert (candidate.active, candidate.confirmed) == (False, False)
    assert all(row.active and row.confirmed for row in ROWS["StandardLevel"] if row != candidate)
    assert 540_000 not in [level.amount for level in LEVELS]


def test_the_seeded_social_pension_is_500000_from_july_2025_at_75_or_70_if_poor():
    assert (PENSION_RULE.age_from, PENSION_RULE.poor_age_from) == (75, 70)
    assert PENSION_RULE.valid_from == date(2025, 7, 1)
    assert [(r.amount, r.valid_from, r.provincial) for r in PENSIONS] == [
        (500_000, date(2025, 7, 1), False)
    ]


# --- Every category and sub-case at 360,000 and at 500,000 (DOMAIN.md §5.2) -----------------

BEFORE, AFTER = date(2023, 11, 1), date(2025, 2, 1)  # no one below crosses an age in between
SUB_CASES = [
    # paid code, facts meeting exactly that sub-case, coefficient, @360,000, @500,000
    pytest.param("K1.1", person(date(2022, 6, 1), "orphan"), "2.5", 900_000, 1_250_000, id="K1.1"),
    pytest.param("K1.2", person(date(2014, 6, 1), "orphan"), "1.5", 540_000, 750_000, id="K1.2"),
    pytest.param(
        "K2", person(date(2006, 6, 1), "orphan", "studying"), "1.5", 540_000, 750_000, id="K2"
    ),
    pytest.param(
        "K3.1",
        person(date(2022, 6, 1), "hiv", household="poor"),
        "2.5",
        900_000,
        1_250_000,
        id="K3.1",
    ),
    pytest.param(
        "K3.2",
        person(date(2014, 6, 1), "hiv", household="poor"),
        "2.0",
        720_000,
        1_000_000,
        id="K3.2",
    ),
    pytest.param(
        "K4",
        person(date(1990, 6, 1), "single_parent", household="near_poor", children=1),
        "1.0",
        360_000,
        500_000,
        id="K4 one child",
    ),
    pytest.param(
        "K4",
        person(date(1990, 6, 1), "single_parent", household="poor", children=3),
        "3.0",
        1_080_000,
        1_500_000,
        id="K4 three children",
    ),
    pytest.param(
        "K5a.1",
        person(date(1958, 6, 1), "no_supporter", household="poor"),
        "1.5",
        540_000,
        750_000,
        id="K5a.1",
    ),
    pytest.param(
        "K5a.2",
        person(date(1940, 6, 1), "no_supporter", household="poor"),
        "2.0",
        720_000,
        1_000_000,
        id="K5a.2",
    ),
    pytest.param(
        "K5b",
        person(date(1947, 6, 1), "special_area", household="near_poor"),
        "1.0",
        360_000,
        500_000,
        id="K5b",
    ),
    pytest.param("K5c", person(date(1940, 6, 1), "no_pension"), "1.0", 360_000, 500_000, id="K5c"),
    pytest.param(
        "K5d",
        person(date(1955, 6, 1), "no_supporter", "facility_eligible", household="poor"),
        "3.0",
        1_080_000,
        1_500_000,
        id="K5d",
    ),
    pytest.param(
        "K6.1",
        person(date(1990, 6, 1), disability="particularly_severe"),
        "2.0",
        720_000,
        1_000_000,
        id="K6.1 adult",
    ),
    pytest.param(
        "K6.2",
        person(date(2014, 6, 1), disability="particularly_severe"),
        "2.5",
        900_000,
        1_250_000,
        id="K6.2 child",
    ),
    pytest.param(
        "K6.2",
        person(date(1950, 6, 1), disability="particularly_severe"),
        "2.5",
        900_000,
        1_250_000,
        id="K6.2 elderly",
    ),
    pytest.param(
        "K6.3",
        person(date(1990, 6, 1), disability="severe"),
        "1.5",
        540_000,
        750_000,
        id="K6.3 adult",
    ),
    pytest.param(
        "K6.4",
        person(date(2014, 6, 1), disability="severe"),
        "2.0",
        720_000,
        1_000_000,
        id="K6.4 child",
    ),
    pytest.param(
        "K6.4",
        person(date(1950, 6, 1), disability="severe"),
        "2.0",
        720_000,
        1_000_000,
        id="K6.4 elderly",
    ),
    pytest.param(
        "K7",
        person(date(2023, 3, 1), "special_area", household="near_poor"),
        "1.5",
        540_000,
        750_000,
        id="K7",
    ),
    pytest.param(
        "K8",
        person(date(1985, 6, 1), "hiv", "no_stable_income", household="poor"),
        "1.5",
        540_000,
        750_000,
        id="K8",
    ),
]


def test_the_table_covers_every_seeded_category():
    assert {case.values[0] for case in SUB_CASES} == {rule.code for rule in CATEGORIES}


@pytest.mark.parametrize(("code", "facts", "coefficient", "at_360", "at_500"), SUB_CASES)
def test_each_sub_case_pays_its_coefficient_at_360000_and_at_500000(
    code, facts, coefficient, at_360, at_500
):
    for month, level, amount in ((BEFORE, 360_000, at_360), (AFTER, 500_000, at_500)):
        result = pay(facts, month)
        assert codes(result) == [code]
        assert result.coefficient == Decimal(coefficient)
        assert (result.standard_level, result.allowance) == (level, amount)
        assert (result.chosen, result.amount) == (ALLOWANCE, amount)


@pytest.mark.parametrize(("code", "facts", "coefficient", "at_360", "at_500"), SUB_CASES)
def test_the_new_standard_level_applies_from_july_2024(code, facts, coefficient, at_360, at_500):
    assert pay(facts, date(2024, 6, 1)).amount == at_360
    assert pay(facts, date(2024, 7, 1)).amount == at_500


@pytest.mark.parametrize(
    ("month", "amount"),
    [
        (date(2021, 6, 1), 270_000),
        (date(2021, 7, 1), 360_000),
        (date(2024, 6, 1), 360_000),
        (date(2024, 7, 1), 500_000),
        (date(2026, 7, 1), 500_000),  # the 540,000 candidate is filtered out
    ],
)
def test_the_standard_level_in_force(month, amount):
    assert in_force(LEVELS, month).amount == amount
