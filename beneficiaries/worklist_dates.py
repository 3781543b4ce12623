"""The worklists' date arithmetic: ages reached in a month, working days, months unpaid.

Pure functions of dates (and the holidays given), tested on their own.
"""

from datetime import date, timedelta

from . import rules

SATURDAY = 5


def born_by(day: date, age: int) -> date:
    """The latest birth date of a person who is at least `age` years old on `day`.

    Someone born on 29 February comes of age on 1 March in a common year, as
    rules.age_on counts it.
    """
    year = day.year - age
    last = rules.month_end(date(year, day.month, 1)).day
    return date(year, day.month, min(day.day, last))


def birth_range(month: date, age: int) -> tuple[date, date]:
    """(after, until): a person reaches `age` during the month when after < birth ≤ until.

    Reaching it means being `age` on the month's last day and younger on the day before
    the month starts, so a birthday on the 1st counts for its month.
    """
    start = rules.month_start(month)
    return born_by(start - timedelta(days=1), age), born_by(rules.month_end(start), age)


def is_working_day(day: date, holidays) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def working_days_between(start: date, end: date, holidays) -> int:
    """Working days after `start` up to and including `end` (no Saturdays, Sundays or
    holidays): the day an application is filed does not count."""
    if end <= start:
        return 0
    # Whole weeks hold five working days each; the days left over are counted one by one.
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5
    count += sum((start + timedelta(days=n)).weekday() < SATURDAY for n in range(1, rest + 1))
    return count - sum(start < day <= end and day.weekday() < SATURDAY for day in holidays)


def add_working_days(start: date, days: int, holidays) -> date:
    """The last day of a limit of `days` working days counted from the day after `start`."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        days -= is_working_day(day, holidays)
    return day


def overdue_before(today: date, limit: int, holidays) -> date:
    """Applications filed before this day are past a limit of `limit` working days today.

    More than `limit` working days have passed since `applied_on` when the (limit + 1)-th
    working day counted back from today (today included) comes after it.
    """
    day, seen = today, 0
    while True:
        seen += is_working_day(day, holidays)
        if seen > limit:
            return day
        day -= timedelta(days=1)


def unpaid_cutoff(today: date) -> date:
    """Unpaid since this month or earlier: three months unpaid, this one included."""
    month = rules.month_start(today)
    for _ in range(2):
        month = rules.month_start(month - timedelta(days=1))
    return month


def months_since(month: date, today: date) -> int:
    """Months from `month` to today's month, both counted."""
    return (today.year - month.year) * 12 + today.month - month.month + 1


def birthday(birth: date, age: int) -> date:
    """The day the person is `age`: 1 March in a common year for a 29 February birth."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)
