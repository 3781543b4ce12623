"""Months, ages, birthdays and working days: pure date arithmetic."""

from datetime import date, timedelta

import pytest

from vn.dates import (
    add_working_days,
    age_before,
    age_on,
    birth_range,
    birthday,
    birthday_month,
    born_by,
    is_working_day,
    month_end,
    month_start,
    months_between,
    months_since,
    next_month,
    overdue_before,
    working_days_between,
)

NATIONAL_DAY = {date(2025, 9, 1), date(2025, 9, 2)}


def test_a_month_is_held_as_its_first_day():
    assert month_start(date(2025, 8, 14)) == date(2025, 8, 1)
    assert next_month(date(2025, 12, 1)) == date(2026, 1, 1)
    assert month_end(date(2025, 12, 1)) == date(2025, 12, 31)
    assert month_end(date(2028, 2, 1)) == date(2028, 2, 29)
    assert month_end(date(2027, 2, 1)) == date(2027, 2, 28)


def test_months_between_includes_both_ends():
    assert list(months_between(date(2025, 11, 20), date(2026, 2, 1))) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert list(months_between(date(2026, 3, 1), date(2026, 2, 28))) == []


def test_months_since_counts_both_months():
    assert months_since(date(2025, 8, 1), date(2025, 10, 15)) == 3
    assert months_since(date(2025, 11, 1), date(2026, 1, 2)) == 3
    assert months_since(date(2026, 1, 1), date(2026, 1, 31)) == 1


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2010, 5, 20), date(2026, 5, 19), 15),
        (date(2010, 5, 20), date(2026, 5, 20), 16),
        (date(2024, 2, 29), date(2025, 2, 28), 0),
        (date(2024, 2, 29), date(2025, 3, 1), 1),
        (date(1946, 1, 1), date(2026, 1, 1), 80),  # a birth known by its year alone
        (None, date(2026, 1, 1), None),
    ],
)
def test_age_on_counts_whole_years(birth, day, age):
    assert age_on(birth, day) == age


def test_age_before_is_the_age_on_the_day_before_the_month():
    assert age_before(date(2010, 5, 1), date(2026, 5, 1)) == 15
    assert age_before(date(2010, 4, 30), date(2026, 5, 1)) == 16


def test_the_birthday_is_a_day_and_the_birthday_month_its_first_day():
    assert birthday(date(2023, 3, 10), 4) == date(2027, 3, 10)
    assert birthday_month(date(2023, 3, 10), 4) == date(2027, 3, 1)


def test_born_on_29_february_reaches_the_age_on_1_march_in_a_common_year():
    assert birthday(date(1952, 2, 29), 75) == date(2027, 3, 1)
    assert birthday_month(date(1952, 2, 29), 75) == date(2027, 3, 1)
    assert birthday(date(1952, 2, 29), 76) == date(2028, 2, 29)
    assert birthday_month(date(1952, 2, 29), 76) == date(2028, 2, 1)
    assert age_on(date(1952, 2, 29), birthday(date(1952, 2, 29), 75)) == 75


def test_born_by_gives_the_latest_birth_date_of_that_age():
    assert born_by(date(2025, 11, 30), 4) == date(2021, 11, 30)
    assert born_by(date(2025, 2, 28), 1) == date(2024, 2, 28)
    assert born_by(date(2028, 2, 29), 1) == date(2027, 2, 28)


def test_birth_range_is_reaching_the_age_during_the_month():
    for month in (date(2025, 11, 1), date(2027, 3, 1), date(2028, 2, 1), date(2027, 2, 1)):
        before = month - timedelta(days=1)
        for age in (1, 4, 75):
            after, until = birth_range(month, age)
            born = date(month.year - age - 1, 1, 1)
            while born < date(month.year - age + 1, 12, 31):
                reaches = age_on(born, month_end(month)) >= age > age_on(born, before)
                assert (after < born <= until) == reaches, (month, age, born)
                born += timedelta(days=1)


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2025, 8, 29), NATIONAL_DAY)  # a Friday
    assert not is_working_day(date(2025, 8, 30), NATIONAL_DAY)  # a Saturday
    assert not is_working_day(date(2025, 9, 2), NATIONAL_DAY)


def test_working_days_skip_weekends_and_holidays():
    # Friday 29/08 to Wednesday 03/09: Saturday, Sunday and the two holidays skipped.
    assert working_days_between(date(2025, 8, 29), date(2025, 9, 3), NATIONAL_DAY) == 1
    assert working_days_between(date(2025, 8, 29), date(2025, 9, 3), set()) == 3
    assert working_days_between(date(2025, 9, 5), date(2025, 9, 5), set()) == 0
    # Nine working days from Wednesday 27/08: 28, 29/08, 3, 4, 5, 8, 9, 10, 11/09.
    assert add_working_days(date(2025, 8, 27), 9, NATIONAL_DAY) == date(2025, 9, 11)
    assert add_working_days(date(2025, 8, 27), 9, set()) == date(2025, 9, 9)
    assert add_working_days(date(2025, 8, 27), 0, set()) == date(2025, 8, 27)


def test_working_days_between_agrees_with_counting_one_by_one():
    holidays = {*NATIONAL_DAY, date(2025, 9, 6), date(2026, 1, 1)}
    for a in range(0, 60, 3):
        start = date(2025, 8, 20) + timedelta(days=a)
        for length in range(0, 200, 7 if a % 2 else 5):
            end = start + timedelta(days=length)
            one_by_one = sum(
                is_working_day(start + timedelta(days=n), holidays) for n in range(1, length + 1)
            )
            assert working_days_between(start, end, holidays) == one_by_one, (start, end)


def test_overdue_before_agrees_with_counting_working_days():
    holidays = {*NATIONAL_DAY, date(2026, 1, 1)}
    for today in (date(2025, 9, 12) + timedelta(days=n) for n in range(0, 130, 3)):
        for limit in (0, 1, 2, 9):
            cutoff = overdue_before(today, limit, holidays)
            for back in range(40):
                applied = today - timedelta(days=back)
                overdue = working_days_between(applied, today, holidays) > limit
                assert (applied < cutoff) == overdue, (today, limit, applied)


def test_months_before_crosses_years():
    from vn.dates import months_before

    assert months_before(date(2026, 3, 15), 2) == date(2026, 1, 1)
    assert months_before(date(2026, 1, 1), 1) == date(2025, 12, 1)
    assert months_before(date(2026, 11, 1), 24) == date(2024, 11, 1)
