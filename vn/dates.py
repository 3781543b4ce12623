"""Dates as the offices count them: months (held as their first day), ages, birthdays
and working days.

Holidays are passed in as a collection of dates (the holiday table's rows), so every
function here is pure.
"""

from collections.abc import Collection, Iterator
from datetime import date, timedelta
from typing import overload

SATURDAY = 5


# Months: a month is the date of its first day.


def month_start(day: date) -> date:
    """Return the first day of the day's month."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    """Return the first day of the month after."""
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_before(month: date, n: int) -> date:
    """Return the first day of the month `n` months before the day's month."""
    index = month.year * 12 + month.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    """Return the last day of the month."""
    return next_month(month) - timedelta(days=1)


def months_between(first: date, last: date) -> Iterator[date]:
    """Yield each month from first's to last's, both included."""
    month = month_start(first)
    while month <= last:
        yield month
        month = next_month(month)


def months_since(month: date, today: date) -> int:
    """Return the number of months from `month` to today's month, both counted."""
    return (today.year - month.year) * 12 + today.month - month.month + 1


# Ages. A birth known by its year alone is stored as 1 January of that year.


@overload
def age_on(birth: date, day: date) -> int: ...
@overload
def age_on(birth: None, day: date) -> None: ...
def age_on(birth: date | None, day: date) -> int | None:
    """Return the whole years lived on the day, None for an unknown birth.

    Born 29 February, a person reaches a new age on 1 March in a common year.
    """
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_before(birth: date, month: date) -> int:
    """Return the age on the last day of the previous month: someone born on the 1st
    reaches a new age on the month's first day, yet still turns that age during the month."""
    return age_on(birth, month_start(month) - timedelta(days=1))


def birthday(birth: date, age: int) -> date:
    """Return the day the person reaches `age`: 1 March in a common year for a
    29 February birth."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)


def birthday_month(birth: date, age: int) -> date:
    """Return the month the person reaches `age` (born 29 February: March in a common year)."""
    return month_start(birthday(birth, age))


def born_by(day: date, age: int) -> date:
    """Return the latest birth date of a person who is at least `age` years old on `day`.

    Someone born on 29 February comes of age on 1 March in a common year, as age_on
    counts it.
    """
    year = day.year - age
    last = month_end(date(year, day.month, 1)).day
    return date(year, day.month, min(day.day, last))


def birth_range(month: date, age: int) -> tuple[date, date]:
    """Return (after, until): a person reaches `age` during the month when
    after < birth ≤ until.

    Reaching it means being `age` on the month's last day and younger on the day before
    the month starts, so a birthday on the 1st counts for its month.
    """
    start = month_start(month)
    return born_by(start - timedelta(days=1), age), born_by(month_end(start), age)


# Working days: Monday to Friday, except the holidays given.


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    """Return whether the day is a weekday and not a holiday."""
    return day.weekday() < SATURDAY and day not in holidays


def working_days_between(start: date, end: date, holidays: Collection[date]) -> int:
    """Return the working days after `start` up to and including `end`: the day an
    application is filed does not count."""
    if end <= start:
        return 0
    # Whole weeks hold five working days each; the days left over are counted one by one.
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5
    count += sum((start + timedelta(days=n)).weekday() < SATURDAY for n in range(1, rest + 1))
    return count - sum(start < day <= end and day.weekday() < SATURDAY for day in holidays)


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """Return the last day of a limit of `days` working days counted from the day after
    `start`."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        days -= is_working_day(day, holidays)
    return day


def overdue_before(today: date, limit: int, holidays: Collection[date]) -> date:
    """Return the day before which a filing is past a limit of `limit` working days today.

    More than `limit` working days have passed since a filing day when the (limit + 1)-th
    working day counted back from today (today included) comes after it.
    """
    day, seen = today, 0
    while True:
        seen += is_working_day(day, holidays)
        if seen > limit:
            return day
        day -= timedelta(days=1)
