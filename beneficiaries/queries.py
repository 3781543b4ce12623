"""Reads for cases: the facts of a month, the rules in force, the schedule of amounts."""

import copy
import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from households.models import Membership
from households.queries.on_day import ClassificationTimeline, facts_day
from ui.kept import Kept
from vn.dates import age_before, age_on, month_end, month_start, months_between, next_month

from . import rules
from .models import (
    Case,
    CaseEvent,
    Category,
    EventKind,
    SocialPensionRate,
    StandardLevel,
)


@dataclass(frozen=True)
class RuleData:
    """The rows the rules read for one ward's province, loaded once.

    A month's result depends on the facts only through the ages reached and the other
    facts, which a ward's cases share a lot: each distinct answer is computed once (a
    province's payroll asks for hundreds of thousands of months)."""

    categories: list[rules.CategoryRule]
    standard_levels: list[rules.Rate]
    pension_rule: rules.PensionRule | None
    pensions: list[rules.Rate]
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def month(self, facts: rules.Facts, month: date) -> rules.Month:
        born = facts.birth_date
        ages = (age_on(born, month_end(month)), age_before(born, month)) if born else None
        key = (
            month,
            ages,
            facts.disability_level,
            facts.household,
            facts.flags,
            facts.children_raised,
            facts.pension_amount,
        )
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = rules.month_amount(
                facts,
                month,
                categories=self.categories,
                standard_levels=self.standard_levels,
                pension_rule=self.pension_rule,
                pensions=self.pensions,
                pension_wins_tie=settings.SOCIAL_PENSION_WINS_TIE,
            )
        # A copy: a schedule sets what its case pays on the result (chosen, amount).
        return copy.copy(found)

    @cached_property
    def fingerprint(self) -> str:
        """A fingerprint of the policy rows: a payroll made under other rows recomputes."""
        rows = (self.categories, self.standard_levels, self.pension_rule, self.pensions)
        return hashlib.blake2b(repr(rows).encode(), digest_size=8).hexdigest()

    def references(self, result: rules.Month) -> list[str]:
        """The legal texts behind the month's amount: the paid categories' or the pension's."""
        if result.chosen == rules.PENSION:
            return [r.legal_reference for r in self.pensions if rules.covers(r, result.month)]
        return [r.legal_reference for r in result.paid]


# A province's RuleData, with the answers it computed, while its rows are unchanged: a
# worker generating a province's payrolls asks the same months ward after ward.
_KEPT = Kept(Category, StandardLevel, SocialPensionRate)
_KEPT_ANSWERS = 200_000  # answers kept a province (a few hundred bytes each)


def rule_data(province_id: int | None) -> RuleData:
    data = _KEPT.get(province_id, lambda: _read_rule_data(province_id))
    if len(data._memo) > _KEPT_ANSWERS:
        data._memo.clear()
    return data


def _read_rule_data(province_id: int | None) -> RuleData:
    scope = Q(province__isnull=True) | Q(province_id=province_id)
    levels = StandardLevel.objects.filter(scope, active=True)
    pensions = list(SocialPensionRate.objects.filter(scope))
    national = [p for p in pensions if p.province_id is None and p.age_from is not None]
    latest = max(national, key=lambda p: p.valid_from, default=None)
    pension_rule = (
        rules.PensionRule(
            latest.age_from, latest.poor_age_from or latest.age_from, latest.valid_from
        )
        if latest
        else None
    )
    return RuleData(
        categories=[c.rule() for c in Category.objects.all()],
        standard_levels=[lv.rate() for lv in levels],
        pension_rule=pension_rule,
        pensions=[p.rate() for p in pensions],
    )


def case_facts(case: Case, month: date, *, household: str | None = None) -> rules.Facts:
    """The facts of the month: the person's, and the classification of the household they
    lived in then (not today's household: a move does not rewrite a paid month)."""
    person = case.person
    if household is None:
        household = ClassificationTimeline(person.pk).on(facts_day(person, month_end(month)))
    return rules.Facts(
        birth_date=person.birth_date,
        disability_level=person.disability_level,
        household=household,
        flags=frozenset(case.flags),
        children_raised=case.children_raised,
        pension_amount=case.pension_amount,
    )


@dataclass
class ScheduledMonth:
    month: date
    result: rules.Month
    due: bool  # the case pays this month
    note: str = ""


def case_schedule(
    case: Case,
    *,
    until: date,
    data: RuleData | None = None,
    since: date | None = None,
    timeline: ClassificationTimeline | None = None,
    events: list[tuple] | None = None,
) -> list[ScheduledMonth]:
    """Every month from the application (or `since`) to `until` (or the end), with what
    the rules give. A list of cases passes each its timeline and events (cases_schedules)."""
    data = data or rule_data(case.ward.parent_id)
    first = month_start(case.start_month or case.applied_on)
    if since:
        first = max(first, month_start(since))
    last = month_start(until)
    if case.end_month:
        last = min(last, month_start(case.end_month))
    timeline = timeline or ClassificationTimeline(case.person_id)
    if events is None:
        events = list(
            case.events.order_by("happened_on", "pk").values_list("kind", "effective_month")
        )
    paused = _suspended_months(events, last)
    schedule = []
    for month in months_between(first, last):
        held = timeline.on(facts_day(case.person, month_end(month)))
        facts = case_facts(case, month, household=held)
        result = data.month(facts, month)
        # A case pays its own benefit; the other stays shown for comparison (the higher of
        # the two is chosen when the case is opened, ND 176/2025 Điều 3 khoản 1).
        if case.benefit == rules.PENSION:
            result.chosen = rules.PENSION if result.pension_eligible else ""
            result.amount = result.pension if result.pension_eligible else 0
        else:
            result.chosen = rules.ALLOWANCE if result.allowance else ""
            result.amount = result.allowance
        # Paid from the granted start month (set only by a decision) to the end, except
        # while suspended; a case suspended today still shows its earlier months as paid.
        due = (
            case.start_month is not None
            and case.start_month <= month
            and (case.end_month is None or month < case.end_month)
            and month not in paused
        )
        schedule.append(
            ScheduledMonth(
                month=month,
                result=result,
                due=due and result.amount > 0,
                note=_("Tạm dừng") if month in paused else "",
            )
        )
    return schedule


@dataclass
class CasesInputs:
    """What the schedules of many cases are computed from, read in three queries: each
    person's classification timeline and each case's events."""

    timelines: dict[int, ClassificationTimeline]
    events: dict[int, list[tuple]]

    @classmethod
    def read(cls, cases: list[Case], *, ward_id: int | None = None) -> "CasesInputs":
        """`ward_id`, when the cases are a ward's, lets the memberships join through the
        ward's cases instead of a list of hundreds of person ids (which PostgreSQL read three
        times slower). The events are read by the cases' ids: by a join, PostgreSQL scanned
        every event of the province for each ward."""
        events: dict[int, list] = {c.pk: [] for c in cases}
        memberships = None
        if ward_id is not None:
            memberships = Membership.objects.filter(person__cases__ward_id=ward_id)
        rows = (
            CaseEvent.objects.filter(case_id__any=events.keys())
            .order_by("happened_on", "pk")
            .values_list("case_id", "kind", "effective_month")
        )
        for case_id, kind, month in rows:
            if case_id in events:
                events[case_id].append((kind, month))
        persons = {c.person_id for c in cases}
        return cls(ClassificationTimeline.many(persons, memberships=memberships), events)

    def digest(self, case: Case) -> str:
        """A short fingerprint of everything the case's schedule depends on besides the
        policy rows: equal digests, equal schedules."""
        person, timeline = case.person, self.timelines[case.person_id]
        facts = (
            case.benefit,
            case.status,
            case.start_month,
            case.end_month,
            sorted(case.flags),
            case.children_raised,
            case.pension_amount,
            case.disability_certified_on,
            person.birth_date,
            person.disability_level,
            person.deceased_on,
            timeline.memberships,
            timeline.statuses,
            self.events[case.pk],
        )
        return hashlib.blake2b(repr(facts).encode(), digest_size=8).hexdigest()


def cases_schedules(
    cases: list[Case],
    *,
    since: date | dict[int, date],
    until: date,
    data: RuleData,
    inputs: CasesInputs | None = None,
) -> dict[int, list[ScheduledMonth]]:
    """case_schedule for many cases (their persons selected), in three queries in all;
    `since` is one month for all, or a month per case."""
    inputs = inputs or CasesInputs.read(cases)
    return {
        c.pk: case_schedule(
            c,
            until=until,
            data=data,
            since=since[c.pk] if isinstance(since, dict) else since,
            timeline=inputs.timelines[c.person_id],
            events=inputs.events[c.pk],
        )
        for c in cases
    }


def _suspended_months(events: list[tuple], last: date) -> set[date]:
    """The months a suspension held, from its month up to a resumption's (or `last`)."""
    months: set[date] = set()
    if all(kind != EventKind.SUSPENDED for kind, _month in events):  # most cases
        return months
    since = None
    for kind, month in [*events, (EventKind.RESUMED, next_month(last))]:
        if kind == EventKind.SUSPENDED and month and since is None:
            since = month
        elif kind == EventKind.RESUMED and since and month:
            months.update(m for m in months_between(since, last) if m < month)
            since = None
    return months


def earlier_decision(event: CaseEvent) -> CaseEvent | None:
    """The grant or adjustment with a number that the decision `event` follows, if any."""
    return (
        event.case.events.filter(kind__in=(EventKind.GRANTED, EventKind.ADJUSTED), pk__lt=event.pk)
        .exclude(decision_number="")
        .order_by("-pk")
        .first()
    )
