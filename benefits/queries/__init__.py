"""Reads of paying: a payroll's people by residential group, a ward's payrolls, every
ward's payroll of a month for an approver, and what a case or a household was paid."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from areas.models import Area
from households.models import Membership
from vn.dates import month_start, months_before, next_month

from ..exports import payroll_people
from ..models import Funding, Kind, PaymentStatus, Payroll, PayrollLine

# The provider returns the signed lists before the 20th; the funds for next month are
# drawn and the list sent before the 25th (ND 20/2021 Điều 34 khoản 4–5).
RETURN_DAY, SEND_DAY = 20, 25


def payroll_groups(payroll: Payroll) -> list[tuple[str, list]]:
    """The payroll's persons as the provider's list has them (exports.payroll_people), each
    with its lines, grouped by residential group: the payroll's page."""
    lines: dict[int, list[PayrollLine]] = {}
    for line in payroll.lines.select_related("benefit_type").order_by("number", "for_month"):
        lines.setdefault(line.number, []).append(line)
    groups: dict[str, list] = {}
    for person in payroll_people(payroll):
        person.lines = lines.get(person.number, [])
        person.status = _status(person.lines)
        groups.setdefault(person.group_name, []).append(person)
    return list(groups.items())


def _status(lines: list[PayrollLine]) -> str:
    """The person's payment result: one status for all their positive lines."""
    found = {line.status for line in lines if line.amount > 0}
    return found.pop() if len(found) == 1 else PaymentStatus.PENDING


def send_deadline(month: date) -> date:
    """The day the list of `month` goes to the provider by: the 25th of the month before."""
    return months_before(month, 1).replace(day=SEND_DAY)


def return_deadline(month: date) -> date:
    """The day the provider returns the month's signed lists by: the 20th of the month."""
    return month_start(month).replace(day=RETURN_DAY)


def next_payroll_month(today: date) -> date:
    return next_month(month_start(today))


def unreconciled(payrolls, today: date):
    """Sent or approved payrolls whose provider's list is past its return day."""
    # return_deadline(month) < today, in SQL: this month once past the 20th, else before it.
    last = month_start(today) if today.day > RETURN_DAY else months_before(today, 1)
    return payrolls.filter(
        month__lte=last, status__in=(Payroll.Status.APPROVED, Payroll.Status.SENT)
    )


@dataclass
class WardMonth:
    ward: Area
    payroll: Payroll | None


def province_month(user, wards, month: date) -> list[WardMonth]:
    """Every ward of the user's choice with its payroll of the month (or none yet)."""
    found = {
        p.ward_id: p for p in Payroll.objects.visible_to(user).filter(month=month, ward__in=wards)
    }
    return [WardMonth(w, found.get(w.pk)) for w in wards]


def totals_by_benefit(payrolls) -> list[dict]:
    """The amounts of the payrolls per benefit type, funding source and kind of line."""
    rows = list(
        PayrollLine.objects.filter(payroll__in=payrolls)
        .values("benefit_type__name", "benefit_type__funding", "kind")
        .annotate(people=Count("person", distinct=True), total=Sum("amount"))
        .order_by("benefit_type__order", "kind")
    )
    kinds, fundings = dict(Kind.choices), dict(Funding.choices)
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["funding_label"] = fundings.get(row["benefit_type__funding"], "")
    return rows


def case_payments(case) -> list[PayrollLine]:
    """Every line of a payroll that paid (or will pay) the case, latest month first."""
    return list(
        case.payroll_lines.select_related("payroll", "benefit_type").order_by(
            "-payroll__month", "-for_month", "pk"
        )
    )


def household_totals(household) -> list[dict]:
    """What the household's members were paid per year, by approved payrolls, and how
    much of it the provider returned unpaid."""
    return list(
        PayrollLine.objects.filter(
            person__in=Membership.objects.filter(household=household).values("person")
        )
        .exclude(payroll__status=Payroll.Status.DRAFT)
        .annotate(year=ExtractYear("payroll__month"))
        .values("year")
        .annotate(
            total=Sum("amount", filter=~Q(status=PaymentStatus.UNPAID)),
            unpaid=Sum("amount", filter=Q(status=PaymentStatus.UNPAID)),
            people=Count("person", distinct=True),
        )
        .order_by("-year")
    )
