"""The pure rules of the monthly allowance and the social pension, run on the rows the
migration seeds, against the numbers and worked examples of DOMAIN.md §5, §6 and §13."""

import importlib
from collections import defaultdict
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps

from beneficiaries.rules import (
    ALLOWANCE,
    PENSION,
    Facts,
    PensionRule,
    Rate,
    birthdays_in,
    in_force,
    month_amount,
    stop_month,
)

SEED = importlib.import_module("beneficiaries.migrations.0002_seed_rules")


def seeded_rows() -> dict[str, list]:
    """Run the migration's seed() on unsaved model instances: the rows it would write."""
    rows = defaultdict(list)

    def get_model(app_label, name):
        model = apps.get_model(app_label, name)

        def get_or_create(defaults=None, **lookup):
            rows[name].append(model(**lookup, **(defaults or {})))
            return rows[name][-1], True

        return SimpleNamespace(objects=SimpleNamespace(get_or_create=get_or_create))

    SEED.seed(SimpleNamespace(get_model=get_model), None)
    return rows


ROWS = seeded_rows()
CATEGORIES = [row.rule() for row in ROWS["Category"]]
ALL_LEVELS = [row.rate() for row in ROWS["StandardLevel"]]
LEVELS = [row.rate() for row in ROWS["StandardLevel"] if row.active]
(_PENSION,) = ROWS["SocialPensionRate"]
PENSION_RULE = PensionRule(_PENSION.age_from, _PENSION.poor_age_from, _PENSION.valid_from)
PENSIONS = [_PENSION.rate()]
THRESHOLDS = (4, 16, 22, 60, 75, 80)  # DOMAIN.md §5.6


def person(born, *flags, household="", disability="", children=0, pension=0) -> Facts:
    return Facts(
        birth_date=born,
        disability_level=disability,
        household=household,
        flags=frozenset(flags),
        children_raised=children,
        pension_amount=pension,
    )


def pay(facts, month, **rows):
    """The month under the seeded rows, any of them replaced by `rows`."""
    rows = {
        "categories": CATEGORIES,
        "standard_levels": LEVELS,
        "pension_rule": PENSION_RULE,
        "pensions": PENSIONS,
    } | rows
    return month_amount(facts, month, **rows)


def codes(result) -> list[str]:
    return [rule.code for rule in result.paid]


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


# --- Age-driven changes on the right month (DOMAIN.md §5.6) --------------------------------

AGE_CHANGES = [
    # name, facts, then (month, amount, paid codes) for the month before the birthday month,
    # the birthday month and the month after
    (
        "4 K1 (example 2)",
        person(date(2023, 3, 10), "orphan"),
        [(date(2027, 2, 1), 1_250_000, ["K1.1"]), (date(2027, 3, 1), 750_000, ["K1.2"])],
        (date(2027, 4, 1), 750_000, ["K1.2"]),
    ),
    (
        "4 K3",
        person(date(2022, 5, 20), "hiv", household="poor"),
        [(date(2026, 4, 1), 1_250_000, ["K3.1"]), (date(2026, 5, 1), 1_000_000, ["K3.2"])],
        (date(2026, 6, 1), 1_000_000, ["K3.2"]),
    ),
    (
        "16 K1 leaves",
        person(date(2010, 5, 20), "orphan"),
        [(date(2026, 4, 1), 750_000, ["K1.2"]), (date(2026, 5, 1), 750_000, ["K1.2"])],
        (date(2026, 6, 1), 0, []),
    ),
    (
        "16 K1 leaves, born on the 1st",
        person(date(2010, 5, 1), "orphan"),
        [(date(2026, 4, 1), 750_000, ["K1.2"]), (date(2026, 5, 1), 750_000, ["K1.2"])],
        (date(2026, 6, 1), 0, []),
    ),
    (
        "16 K1 to K2 studying",
        person(date(2010, 5, 20), "orphan", "studying"),
        [(date(2026, 4, 1), 750_000, ["K1.2"]), (date(2026, 5, 1), 750_000, ["K2"])],
        (date(2026, 6, 1), 750_000, ["K2"]),
    ),
    (
        "16 K6 child to adult",
        person(date(2010, 5, 20), disability="severe"),
        [(date(2026, 4, 1), 1_000_000, ["K6.4"]), (date(2026, 5, 1), 750_000, ["K6.3"])],
        (date(2026, 6, 1), 750_000, ["K6.3"]),
    ),
    (
        "22 K2 leaves",
        person(date(2004, 9, 5), "orphan", "studying"),
        [(date(2026, 8, 1), 750_000, ["K2"]), (date(2026, 9, 1), 750_000, ["K2"])],
        (date(2026, 10, 1), 0, []),
    ),
    (
        "60 K5a starts",
        person(date(1966, 3, 15), "no_supporter", household="poor"),
        [(date(2026, 2, 1), 0, []), (date(2026, 3, 1), 750_000, ["K5a.1"])],
        (date(2026, 4, 1), 750_000, ["K5a.1"]),
    ),
    (
        "60 K6 adult to elderly",
        person(date(1966, 3, 15), disability="severe"),
        [(date(2026, 2, 1), 750_000, ["K6.3"]), (date(2026, 3, 1), 1_000_000, ["K6.4"])],
        (date(2026, 4, 1), 1_000_000, ["K6.4"]),
    ),
    (
        "75 K5b starts",
        person(date(1949, 10, 2), "special_area", household="near_poor"),
        [(date(2024, 9, 1), 0, []), (date(2024, 10, 1), 500_000, ["K5b"])],
        (date(2024, 11, 1), 500_000, ["K5b"]),
    ),
    (
        "80 K5c starts",
        person(date(1944, 11, 20), "no_pension"),
        [(date(2024, 10, 1), 0, []), (date(2024, 11, 1), 500_000, ["K5c"])],
        (date(2024, 12, 1), 500_000, ["K5c"]),
    ),
    (
        "80 K5a.1 to K5a.2",
        person(date(1946, 11, 20), "no_supporter", household="poor"),
        [(date(2026, 10, 1), 750_000, ["K5a.1"]), (date(2026, 11, 1), 1_000_000, ["K5a.2"])],
        (date(2026, 12, 1), 1_000_000, ["K5a.2"]),
    ),
    (
        "80 K5a, birth year only (01/01)",
        person(date(1946, 1, 1), "no_supporter", household="poor"),
        [(date(2025, 12, 1), 750_000, ["K5a.1"]), (date(2026, 1, 1), 1_000_000, ["K5a.2"])],
        (date(2026, 2, 1), 1_000_000, ["K5a.2"]),
    ),
    (
        "3 K7 leaves",
        person(date(2023, 5, 20), "special_area", household="near_poor"),
        [(date(2026, 4, 1), 750_000, ["K7"]), (date(2026, 5, 1), 750_000, ["K7"])],
        (date(2026, 6, 1), 0, []),
    ),
]


@pytest.mark.parametrize(
    ("facts", "month", "amount", "paid"),
    [
        pytest.param(facts, *step, id=f"{name} {step[0]:%Y-%m}")
        for name, facts, steps, after in AGE_CHANGES
        for step in [*steps, after]
    ],
)
def test_age_changes_apply_from_the_birthday_month(facts, month, amount, paid):
    result = pay(facts, month)
    assert (result.amount, codes(result)) == (amount, paid)


@pytest.mark.parametrize(
    ("birth", "month", "reached"),
    [
        (date(2023, 3, 10), date(2027, 2, 1), []),
        (date(2023, 3, 10), date(2027, 3, 1), [4]),
        (date(2023, 3, 10), date(2027, 4, 1), []),
        (date(2010, 5, 20), date(2026, 5, 1), [16]),
        (date(2004, 9, 5), date(2026, 9, 1), [22]),
        (date(1966, 3, 15), date(2026, 3, 1), [60]),
        (date(1951, 10, 2), date(2026, 10, 1), [75]),
        (date(1946, 11, 30), date(2026, 11, 1), [80]),
        (date(2010, 5, 1), date(2026, 4, 1), []),
        (date(2010, 5, 1), date(2026, 5, 1), [16]),
        (date(1946, 1, 1), date(2026, 1, 1), [80]),
        (date(1946, 1, 1), date(2026, 2, 1), []),
    ],
)
def test_birthdays_in_lists_the_thresholds_reached_during_the_month(birth, month, reached):
    assert birthdays_in(birth, month, THRESHOLDS) == reached


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


# --- Start and stop months (DOMAIN.md §5.6) -------------------------------------------------


@pytest.mark.parametrize(
    ("event_day", "stop"),
    [
        (date(2026, 8, 14), date(2026, 9, 1)),  # example 6
        (date(2026, 8, 1), date(2026, 9, 1)),
        (date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_payment_stops_from_the_month_after_death_or_loss(event_day, stop):
    assert stop_month(event_day) == stop


def test_the_inactive_540000_level_is_not_used_once_filtered_out():
    child = person(date(2023, 3, 10), "orphan")
    assert pay(child, date(2026, 7, 1)).amount == 1_250_000
    # Unfiltered, the candidate would scale the amount by 540/500.
    assert pay(child, date(2026, 7, 1), standard_levels=ALL_LEVELS).amount == 1_350_000


def test_nothing_is_paid_before_the_rules_of_nd_20_2021_came_into_force():
    result = pay(person(date(1990, 1, 15), disability="severe"), date(2021, 6, 1))
    assert (result.paid, result.amount) == ([], 0)


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
