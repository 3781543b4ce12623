"""The worklists' pure date helpers: ages reached in a month, working days, months unpaid."""

from datetime import date, timedelta

from beneficiaries import rules
from beneficiaries.worklist_dates import (
    add_working_days,
    birth_range,
    born_by,
    months_since,
    overdue_before,
    unpaid_cutoff,
    working_days_between,
)


def test_born_by_gives_the_latest_birth_date_of_that_age():
    assert born_by(date(2025, 11, 30), 4) == date(2021, 11, 30)
    # 29/02/2024 is 1 only from 01/03/2025; 28/02/2025 is at most 28/02/2024's anniversary.
    assert born_by(date(2025, 2, 28), 1) == date(2024, 2, 28)
    assert born_by(date(2028, 2, 29), 1) == date(2027, 2, 28)


def test_birth_range_is_reaching_the_age_during_the_month():
    months = [date(2025, 11, 1), date(2027, 3, 1), date(2028, 2, 1), date(2027, 2, 1)]
    for month in months:
        before = month - timedelta(days=1)
        for age in (1, 3, 4, 75):
            after, until = birth_range(month, age)
            born = date(month.year - age - 1, 1, 1)
            while born < date(month.year - age + 1, 12, 31):
                reaches = (
                    rules.age_on(born, rules.month_end(month)) >= age
                    and rules.age_on(born, before) < age
                )
                assert (after < born <= until) == reaches, (month, age, born)
                born += timedelta(days=1)


def test_a_birthday_on_the_first_of_the_month_counts_for_that_month():
    after, until = birth_range(date(2025, 11, 1), 80)
    assert after < date(1945, 11, 1) <= until
    assert not after < date(1945, 10, 31) <= until
    # Born 29/02/1952, 75 on 01/03/2027 (2027 has no 29 February): a March birthday.
    after, until = birth_range(date(2027, 3, 1), 75)
    assert after < date(1952, 2, 29) <= until
    after, until = birth_range(date(2027, 2, 1), 75)
    assert not after < date(1952, 2, 29) <= until


def test_working_days_skip_weekends_and_holidays():
    national_day = {date(2025, 9, 1), date(2025, 9, 2)}
    # Friday 29/08 to Wednesday 03/09: Saturday, Sunday and the two holidays skipped.
    assert working_days_between(date(2025, 8, 29), date(2025, 9, 3), national_day) == 1
    assert working_days_between(date(2025, 8, 29), date(2025, 9, 3), set()) == 3
    assert working_days_between(date(2025, 9, 5), date(2025, 9, 5), set()) == 0
    # Nine working days from Wednesday 27/08: 28, 29/08, 3, 4, 5, 8, 9, 10, 11/09.
    assert add_working_days(date(2025, 8, 27), 9, national_day) == date(2025, 9, 11)
    assert add_working_days(date(2025, 8, 27), 9, set()) == date(2025, 9, 9)
    assert add_working_days(date(2025, 8, 27), 0, set()) == date(2025, 8, 27)


def test_working_days_are_the_weekdays_that_are_not_holidays_counted_one_by_one():
    holidays = {date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 6), date(2026, 1, 1)}
    first = date(2025, 8, 20)
    for a in range(0, 60, 3):
        start = first + timedelta(days=a)
        for length in range(0, 200, 7 if a % 2 else 5):
            end = start + timedelta(days=length)
            one_by_one = sum(
                (start + timedelta(days=n)).weekday() < 5
                and start + timedelta(days=n) not in holidays
                for n in range(1, length + 1)
            )
            assert working_days_between(start, end, holidays) == one_by_one, (start, end)


def test_overdue_before_agrees_with_counting_working_days():
    holidays = {date(2025, 9, 1), date(2025, 9, 2), date(2026, 1, 1)}
    for today in (date(2025, 9, 12) + timedelta(days=n) for n in range(0, 130, 3)):
        for limit in (0, 1, 2, 9):
            cutoff = overdue_before(today, limit, holidays)
            for back in range(40):
                applied = today - timedelta(days=back)
                overdue = working_days_between(applied, today, holidays) > limit
                assert (applied < cutoff) == overdue, (today, limit, applied)


def test_three_months_unpaid_counts_this_month():
    assert unpaid_cutoff(date(2025, 10, 15)) == date(2025, 8, 1)
    assert unpaid_cutoff(date(2026, 1, 31)) == date(2025, 11, 1)
    assert unpaid_cutoff(date(2026, 2, 1)) == date(2025, 12, 1)
    assert months_since(date(2025, 8, 1), date(2025, 10, 15)) == 3
    assert months_since(date(2025, 11, 1), date(2026, 1, 2)) == 3
