"""The worklists of a ward: what needs the officer's attention as of a day.

Six lists:

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
  (DOMAIN.md §5.9);
- cases moving between wards: to record, not received, waiting to be received
  (transfers.py).

A ward's lists are cut to their first rows with the total beside them, one SQL query
each whatever the number of cases (the total rides along as a window function). An
office over many wards first sees how many rows each ward has on each list, one grouped
query per list, and opens a ward from there.

The ages, amounts and limits are the rows of Category, SocialPensionRate, TimeLimit and
Holiday: four small reads before the lists (`terms_on`).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import ExtractDay, ExtractMonth

from areas.models import Holiday
from areas.scope import ward_q
from households.models import Household, Person
from vn.dates import (
    add_working_days,
    age_on,
    birth_range,
    birthday,
    born_by,
    month_end,
    month_start,
    months_since,
    next_month,
    overdue_before,
    working_days_between,
)

from ..models import (
    OPEN_STATUSES,
    Benefit,
    Case,
    CaseEvent,
    CaseStatus,
    Category,
    EventKind,
    SocialPensionRate,
    TimeLimit,
)
from .transfers import (
    GROUP_BY,
    TRANSFER_ANCHORS,
    TRANSFER_ORDER,
    describe_transfers,
    transfer_rows,
    transfer_selections,
)

LIMIT = 50
# Each list and its section's id on the ward's page.
ANCHORS = {
    "coefficient_changes": "coefficient-changes",
    "pension_candidates": "pension-candidates",
    "unpaid": "unpaid",
    "suspended": "suspended",
    "deceased": "deceased",
    "overdue": "overdue",
    **TRANSFER_ANCHORS,
}
LISTS = tuple(ANCHORS)
# How each list's shown rows are ordered.
ORDER = {
    "coefficient_changes": (
        ExtractMonth("person__birth_date"),
        ExtractDay("person__birth_date"),
        "pk",
    ),
    "pension_candidates": ("-birth_date", "pk"),  # newest first
    "unpaid": ("unpaid_since", "pk"),
    "suspended": ("suspended_on", "pk"),
    "deceased": ("person__deceased_on", "pk"),
    "overdue": ("applied_on", "pk"),
    **TRANSFER_ORDER,
}
CASE_FIELDS = (
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
)
PERSON_FIELDS = (
    "pk",
    "full_name",
    "birth_date",
    "birth_year_only",
    "household__code",
)
# The steps whose limits add up to the ward's deadline for a decision (§5.9).
DECISION_STEPS = ("ward_review", "posting")
# The category the register is searched for, beside the social pension (Điều 5 khoản 5c).
K5C = "K5c"


# --- Results --------------------------------------------------------------------------


@dataclass
class Terms:
    """What the lists are judged by as of a day."""

    today: date
    month: date  # next month, the one coefficient changes and ages are judged for
    coefficient_ages: list[int]
    pension_age: int | None
    k5c_age: int | None
    decision_limit: int  # working days
    overdue_before: date
    unpaid_since: date  # unpaid since this month or earlier: a suspension candidate
    holidays: frozenset[date]


@dataclass
class Worklist:
    """The first rows of a list, and how many there are in all."""

    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass
class Worklists(Terms):
    coefficient_changes: Worklist
    pension_candidates: Worklist
    unpaid: Worklist
    suspended: Worklist
    deceased: Worklist
    overdue: Worklist
    moved_away: Worklist
    unreceived: Worklist
    incoming: Worklist


@dataclass
class WardCounts:
    pk: int
    name: str
    counts: dict[str, int]  # by list name

    @property
    def link(self) -> str:
        return f"?ward={self.pk}"

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(the link to the list on the ward's page, its count), in the lists' order."""
        return [(f"?ward={self.pk}#{ANCHORS[key]}", self.counts[key]) for key in LISTS]


@dataclass
class WardSummary(Terms):
    """How many rows each ward of an office has on each list."""

    wards: list[WardCounts]  # the wards with a row on some list, in the order given
    totals: dict[str, int]
    quiet: int  # wards with nothing on any list


# --- Reads ----------------------------------------------------------------------------


def unpaid_cutoff(today: date) -> date:
    """Unpaid since this month or earlier: three months unpaid, this one included."""
    month = month_start(today)
    for _ in range(2):
        month = month_start(month - timedelta(days=1))
    return month


def terms_on(today: date) -> Terms:
    month = next_month(month_start(today))
    categories = list(
        Category.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=month),
            valid_from__lte=month_end(month),
        ).values_list("code", "age_from", "age_below")
    )
    decision_limit = sum(
        TimeLimit.objects.filter(step__in=DECISION_STEPS).values_list("working_days", flat=True)
    )
    # A handful of rows a year: all of them, for the cut-off and the rows' elapsed days.
    holidays = frozenset(Holiday.objects.filter(day__lte=today).values_list("day", flat=True))
    return Terms(
        today=today,
        month=month,
        coefficient_ages=sorted(
            {age for _code, *ages in categories for age in ages if age}  # age 0 is no change
        ),
        pension_age=_pension_age(month),
        k5c_age=min((a for code, a, _b in categories if code == K5C and a), default=None),
        decision_limit=decision_limit,
        overdue_before=overdue_before(today, decision_limit, holidays),
        unpaid_since=unpaid_cutoff(today),
        holidays=holidays,
    )


def worklists(user, *, today: date, ward_id: int | None = None, limit: int = LIMIT) -> Worklists:
    """The worklists of one ward, or of every ward in the user's scope, as of `today`.

    The page asks for one ward; an office over many sees `ward_summary` first.
    """
    terms = terms_on(today)
    cases = Case.objects.visible_to(user)
    persons = Person.objects.visible_to(user)
    if ward_id is not None:
        cases = cases.filter(ward_id=ward_id)
        persons = persons.filter(household__ward_id=ward_id)
    shown = {}
    selected = _selections(terms, cases, persons) | transfer_selections(user, today, cases, ward_id)
    for name, rows in selected.items():
        if name in TRANSFER_ANCHORS:
            rows = transfer_rows(name, rows)
        elif rows.model is Person:
            rows = rows.select_related("household").only(*PERSON_FIELDS)
        else:
            rows = rows.select_related("person").only(*CASE_FIELDS)
        if name == "suspended":
            rows = rows.annotate(suspended_on=Subquery(_suspended_on()))
        shown[name] = _take(rows.order_by(*ORDER[name]), limit)
    result = Worklists(**vars(terms), **shown)
    _describe(result)
    describe_transfers(result)
    return result


def ward_summary(user, *, today: date, wards: list[tuple[int, str]]) -> WardSummary:
    """Each list's count by ward, over `wards` [(pk, name)]: the wards of the user's scope."""
    terms = terms_on(today)
    # Each person's ward looked up one by one: the few in the lists' birth ranges cost
    # less than joining every household of a province.
    persons = Person.objects.annotate(
        ward=Subquery(
            Household.objects.filter(pk=OuterRef("household_id")).order_by().values("ward_id")
        )
    ).filter(ward_q(user, "ward"))
    counts = defaultdict(dict)
    cases = Case.objects.visible_to(user)
    selected = _selections(terms, cases, persons) | transfer_selections(user, today, cases, None)
    for name, rows in selected.items():
        ward = "ward" if rows.model is Person else GROUP_BY.get(name, "ward_id")
        for ward_id, n in rows.order_by().values_list(ward).annotate(n=Count("pk")):
            counts[ward_id][name] = n
    busy = [
        WardCounts(pk, name, {key: counts[pk].get(key, 0) for key in LISTS})
        for pk, name in wards
        if pk in counts
    ]
    return WardSummary(
        **vars(terms),
        wards=busy,
        totals={key: sum(ward.counts[key] for ward in busy) for key in LISTS},
        quiet=len(wards) - len(busy),
    )


def _selections(terms: Terms, cases: QuerySet, persons: QuerySet) -> dict[str, QuerySet]:
    """Each list's rows, unordered, from the cases and persons given."""
    return {
        "coefficient_changes": _coefficient_changes(cases, terms),
        "pension_candidates": _pension_candidates(persons, terms),
        "unpaid": cases.filter(status=CaseStatus.ACTIVE, unpaid_since__lte=terms.unpaid_since),
        "suspended": cases.filter(status=CaseStatus.SUSPENDED),
        "deceased": cases.filter(status__in=OPEN_STATUSES, person__deceased_on__isnull=False),
        "overdue": cases.filter(
            status__in=(CaseStatus.INTAKE, CaseStatus.SCREENING),
            applied_on__lt=terms.overdue_before,
        ),
    }


def _pension_age(month: date) -> int | None:
    """The national social-pension age in force next month (ND 176/2025 Điều 2 khoản 1)."""
    return (
        SocialPensionRate.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=month),
            province__isnull=True,
            age_from__isnull=False,
            valid_from__lte=month_end(month),
        )
        .order_by("-valid_from")
        .values_list("age_from", flat=True)
        .first()
    )


def _take(queryset: QuerySet, limit: int) -> Worklist:
    """The first `limit` rows and the total, in one query."""
    rows = list(queryset.annotate(worklist_total=Window(Count("pk")))[:limit])
    return Worklist(rows=rows, total=rows[0].worklist_total if rows else 0)


def _coefficient_changes(cases: QuerySet, terms: Terms) -> QuerySet:
    if not terms.coefficient_ages:
        return cases.none()
    born = Q()
    for age in terms.coefficient_ages:
        after, until = birth_range(terms.month, age)
        born |= Q(person__birth_date__gt=after, person__birth_date__lte=until)
    return cases.filter(born, status=CaseStatus.ACTIVE, benefit=Benefit.ALLOWANCE)


def _pension_candidates(persons: QuerySet, terms: Terms) -> QuerySet:
    ages = [a for a in (terms.pension_age, terms.k5c_age) if a]
    if not ages:
        return persons.none()
    # Two narrow birth-date ranges, each an index range scan whatever the province's size.
    today = terms.today
    year_ago = today.replace(year=today.year - 1, day=min(today.day, 28))
    born = Q()
    for age in ages:
        born |= Q(
            birth_date__gt=born_by(year_ago, age),
            birth_date__lte=born_by(month_end(terms.month), age),
        )
    open_case = Case.objects.filter(person=OuterRef("pk"), status__in=OPEN_STATUSES)
    return persons.filter(
        born,
        Q(deceased_on__isnull=True) | Q(deceased_on__gt=today),
        Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=today),
    ).filter(~Exists(open_case))


def _suspended_on() -> QuerySet:
    """The day of the case's latest suspension."""
    return (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.SUSPENDED)
        .order_by("-happened_on", "-pk")
        .values("happened_on")[:1]
    )


def _describe(lists: Worklists) -> None:
    """Add what each shown row needs and the SQL did not give: ages, dates, counts."""
    last_day = month_end(lists.month)
    for case in lists.coefficient_changes.rows:
        birth = case.person.birth_date
        case.reaches_age = age_on(birth, last_day)
        case.reaches_on = birthday(birth, case.reaches_age)
    for person in lists.pension_candidates.rows:
        person.age_at_month_end = age_on(person.birth_date, last_day)
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
