"""The ward dashboard's worklists: what needs the officer's attention as of a day.

Six lists, each cut to its first rows with the total count beside them, each one SQL
query whatever the number of cases (the count rides along as a window function):

- active allowance cases whose coefficient changes next month, because the person reaches
  an age at which a category starts or ends (ND 20/2021 Điều 5–6; Điều 8 khoản 1đ: the
  new level applies from the month the person becomes eligible for it);
- persons of the register who reached the social pension or K5c age in the last twelve
  months or reach it by the end of next month, and have no open case: candidates to
  invite (a first sweep of everyone older is a one-off search, not a daily list);
- cases unpaid for three consecutive months, not yet suspended (TT 02/2021 Điều 2
  khoản 3), and the cases already suspended;
- deceased persons whose case is still open;
- applications at intake or screening past the ward's time limit in working days
  (DOMAIN.md §5.9).

The ages, amounts and limits are the rows of Category, SocialPensionRate, TimeLimit and
Holiday: four small reads before the lists. The pure helpers below (birth-date ranges,
working days) are tested on their own.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import ExtractDay, ExtractMonth

from households.models import Person

from . import rules
from .models import (
    OPEN_STATUSES,
    Benefit,
    Case,
    CaseEvent,
    CaseStatus,
    Category,
    EventKind,
    Holiday,
    SocialPensionRate,
    TimeLimit,
)

LIMIT = 50
# The steps whose limits add up to the ward's deadline for a decision (§5.9).
DECISION_STEPS = ("ward_review", "posting")
# The category the register is searched for, beside the social pension (Điều 5 khoản 5c).
K5C = "K5c"
SATURDAY = 5


# --- Pure helpers ---------------------------------------------------------------------


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


# --- Results --------------------------------------------------------------------------


@dataclass
class Worklist:
    """The first rows of a list, and how many there are in all."""

    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass
class Worklists:
    today: date
    month: date  # next month, the one coefficient changes and ages are judged for
    coefficient_ages: list[int]
    pension_age: int | None
    k5c_age: int | None
    decision_limit: int  # working days
    overdue_before: date
    unpaid_since: date  # unpaid since this month or earlier: a suspension candidate
    coefficient_changes: Worklist
    pension_candidates: Worklist
    unpaid: Worklist
    suspended: Worklist
    deceased: Worklist
    overdue: Worklist
    holidays: frozenset[date] = field(default_factory=frozenset)


# --- Reads ----------------------------------------------------------------------------


def worklists(user, *, today: date, ward_id: int | None = None, limit: int = LIMIT) -> Worklists:
    """The worklists of one ward, or of every ward in the user's scope, as of `today`."""
    month = rules.next_month(rules.month_start(today))
    categories = list(
        Category.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=month),
            valid_from__lte=rules.month_end(month),
        ).values_list("code", "age_from", "age_below")
    )
    coefficient_ages = sorted(
        {age for _code, *ages in categories for age in ages if age}  # age 0 is no change
    )
    k5c_age = min((a for code, a, _b in categories if code == K5C and a), default=None)
    pension_age = _pension_age(month)
    decision_limit = sum(
        TimeLimit.objects.filter(step__in=DECISION_STEPS).values_list("working_days", flat=True)
    )
    # A handful of rows a year: all of them, for the cut-off and the rows' elapsed days.
    holidays = frozenset(Holiday.objects.filter(day__lte=today).values_list("day", flat=True))
    cutoff = overdue_before(today, decision_limit, holidays)
    unpaid_since = unpaid_cutoff(today)

    cases = Case.objects.visible_to(user).select_related("person", "ward")
    persons = Person.objects.visible_to(user)
    if ward_id is not None:
        cases = cases.filter(ward_id=ward_id)
        persons = persons.filter(household__ward_id=ward_id)
    cases = cases.only(
        "pk",
        "benefit",
        "group",
        "status",
        "applied_on",
        "start_month",
        "unpaid_since",
        "person__full_name",
        "person__birth_date",
        "person__birth_year_only",
        "person__deceased_on",
        "ward__name",
    )

    result = Worklists(
        today=today,
        month=month,
        coefficient_ages=coefficient_ages,
        pension_age=pension_age,
        k5c_age=k5c_age,
        decision_limit=decision_limit,
        overdue_before=cutoff,
        unpaid_since=unpaid_since,
        coefficient_changes=_coefficient_changes(cases, month, coefficient_ages, limit),
        pension_candidates=_pension_candidates(
            persons, today, month, [a for a in (pension_age, k5c_age) if a], limit
        ),
        unpaid=_take(
            cases.filter(status=CaseStatus.ACTIVE, unpaid_since__lte=unpaid_since).order_by(
                "unpaid_since", "pk"
            ),
            limit,
        ),
        suspended=_suspended(cases, limit),
        deceased=_take(
            cases.filter(status__in=OPEN_STATUSES, person__deceased_on__isnull=False).order_by(
                "person__deceased_on", "pk"
            ),
            limit,
        ),
        overdue=_take(
            cases.filter(
                status__in=(CaseStatus.INTAKE, CaseStatus.SCREENING), applied_on__lt=cutoff
            ).order_by("applied_on", "pk"),
            limit,
        ),
        holidays=holidays,
    )
    _describe(result)
    return result


def _pension_age(month: date) -> int | None:
    """The national social-pension age in force next month (ND 176/2025 Điều 2 khoản 1)."""
    return (
        SocialPensionRate.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=month),
            province__isnull=True,
            age_from__isnull=False,
            valid_from__lte=rules.month_end(month),
        )
        .order_by("-valid_from")
        .values_list("age_from", flat=True)
        .first()
    )


def _take(queryset: QuerySet, limit: int) -> Worklist:
    """The first `limit` rows and the total, in one query."""
    rows = list(queryset.annotate(worklist_total=Window(Count("pk")))[:limit])
    return Worklist(rows=rows, total=rows[0].worklist_total if rows else 0)


def _coefficient_changes(cases: QuerySet, month: date, ages: list[int], limit: int) -> Worklist:
    if not ages:
        return Worklist(rows=[], total=0)
    born = Q()
    for age in ages:
        after, until = birth_range(month, age)
        born |= Q(person__birth_date__gt=after, person__birth_date__lte=until)
    return _take(
        cases.filter(born, status=CaseStatus.ACTIVE, benefit=Benefit.ALLOWANCE).order_by(
            ExtractMonth("person__birth_date"), ExtractDay("person__birth_date"), "pk"
        ),
        limit,
    )


def _pension_candidates(
    persons: QuerySet, today: date, month: date, ages: list[int], limit: int
) -> Worklist:
    if not ages:
        return Worklist(rows=[], total=0)
    # Two narrow birth-date ranges, each an index range scan whatever the province's size.
    year_ago = today.replace(year=today.year - 1, day=min(today.day, 28))
    born = Q()
    for age in ages:
        born |= Q(
            birth_date__gt=born_by(year_ago, age),
            birth_date__lte=born_by(rules.month_end(month), age),
        )
    open_case = Case.objects.filter(person=OuterRef("pk"), status__in=OPEN_STATUSES)
    candidates = (
        persons.filter(
            born,
            Q(deceased_on__isnull=True) | Q(deceased_on__gt=today),
            Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=today),
        )
        .filter(~Exists(open_case))
        .select_related("household", "household__ward")
        .only(
            "pk",
            "full_name",
            "birth_date",
            "birth_year_only",
            "household__code",
            "household__ward__name",
        )
        .order_by("household__ward__name", "-birth_date", "pk")  # each ward its own, newest first
    )
    return _take(candidates, limit)


def _suspended(cases: QuerySet, limit: int) -> Worklist:
    since = (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.SUSPENDED)
        .order_by("-happened_on", "-pk")
        .values("happened_on")[:1]
    )
    return _take(
        cases.filter(status=CaseStatus.SUSPENDED)
        .annotate(suspended_on=Subquery(since))
        .order_by("suspended_on", "pk"),
        limit,
    )


def _describe(lists: Worklists) -> None:
    """Add what each shown row needs and the SQL did not give: ages, dates, counts."""
    month_end = rules.month_end(lists.month)
    for case in lists.coefficient_changes.rows:
        birth = case.person.birth_date
        case.reaches_age = rules.age_on(birth, month_end)
        case.reaches_on = _birthday(birth, case.reaches_age)
    for person in lists.pension_candidates.rows:
        person.age_at_month_end = rules.age_on(person.birth_date, month_end)
        person.pension_due = bool(
            lists.pension_age and person.age_at_month_end >= lists.pension_age
        )
        person.k5c_due = bool(lists.k5c_age and person.age_at_month_end >= lists.k5c_age)
    for case in lists.unpaid.rows + lists.suspended.rows:
        case.months_unpaid = (
            months_since(case.unpaid_since, lists.today) if case.unpaid_since else 0
        )
    for case in lists.overdue.rows:
        case.working_days = working_days_between(case.applied_on, lists.today, lists.holidays)
        case.deadline = add_working_days(case.applied_on, lists.decision_limit, lists.holidays)


def _birthday(birth: date, age: int) -> date:
    """The day the person is `age`: 1 March in a common year for a 29 February birth."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)
