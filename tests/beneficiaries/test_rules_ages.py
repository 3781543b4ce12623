"""Age-driven changes, start and stop months of the monthly allowance, against DOMAIN.md
§5.6."""

from datetime import date

import pytest

from beneficiaries.rules import stop_month

from .seeded import ALL_LEVELS, codes, pay, person

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
