"""Demo payrolls: the demo ward has paid through ansinh for three months, so a newcomer can
make the next month's payroll and see its arrears, recoveries and funeral support."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from beneficiaries.models import CareAllowanceRate, Case
from beneficiaries.services import case_grant, case_open, case_screen, person_death_record
from households.models import HouseholdStatus, Person
from vn.dates import month_start, months_before, next_month

from ...models import (
    BenefitType,
    CareAllowance,
    PaymentArrangement,
    Payroll,
    PayrollPolicy,
    Provider,
)
from ...services.payrolls import payroll_approve, payroll_generate, payroll_send
from ...services.reconciliation import line_mark
from ...services.supports import support_decide, support_propose
from ..demo import demo_officer_and_ward


class Command(BaseCommand):
    help = "Give the demo ward (seed_demo_cases) three months of payrolls, paid and reconciled."

    def handle(self, *args, **options):
        officer, ward = demo_officer_and_ward("seed_demo và seed_demo_cases")
        if Payroll.objects.filter(ward=ward).exists():
            return
        today = timezone.localdate()
        this_month = month_start(today)
        first = months_before(this_month, 2)
        with transaction.atomic():
            provider, _made = Provider.objects.get_or_create(
                name=f"Bưu điện {ward.parent.name}",
                province=ward.parent,
                defaults={"kind": Provider.ProviderKind.POST, "contract": "05/2025/HĐ-BĐ"},
            )
            PayrollPolicy.objects.update_or_create(
                ward=ward, defaults={"first_month": first, "provider": provider}
            )
            pensioners = self._pensions(officer, ward, first)
            self._care(officer, ward, first)
            self._arrangements(ward)
            months = [first, next_month(first), this_month]
            for month in months:
                payroll = payroll_generate(user=officer, ward=ward, month=month).payroll
                payroll_approve(user=officer, payroll=payroll)
                payroll_send(user=officer, payroll=payroll)
                if month != this_month:  # this month's list is not back from the provider yet
                    self._reconcile(officer, payroll, unpaid=month == months[1])
            if pensioners:  # died last month, reported only now: recovered, funeral paid
                died = today - timedelta(days=today.day + 3)
                person_death_record(user=officer, person=pensioners[0], died_on=died)
            self._storm_repair(officer, ward, today)  # after this month's payroll: next month's
        self.stdout.write(
            self.style.SUCCESS(
                f"{ward.name}: bảng chi trả các tháng {first:%m/%Y} đến {this_month:%m/%Y} đã "
                f"lập, duyệt, gửi; tháng {next_month(this_month):%m/%Y} chờ lập."
            )
        )

    def _pensions(self, officer, ward, first: date) -> list[Person]:
        """Two people of 75 or more without a case get the social pension."""
        born_by = date(first.year - 76, 1, 1)
        people = list(
            Person.objects.filter(
                household__ward=ward, deceased_on__isnull=True, birth_date__lte=born_by
            )
            .exclude(cases__isnull=False)
            .order_by("birth_date", "pk")[:2]
        )
        for person in people:
            self._grant(officer, person, "social_pension", "", [], first + timedelta(days=4))
        return people

    def _care(self, officer, ward, first: date) -> None:
        """A child with a particularly severe disability, and the household caring for it."""
        year = timezone.localdate().year
        child = (
            Person.objects.filter(
                household__ward=ward,
                deceased_on__isnull=True,
                birth_date__year__range=(year - 12, year - 6),
            )
            .exclude(cases__isnull=False)
            .order_by("birth_date", "pk")
            .first()
        )
        if child is None:
            return
        child.disability_level = "particularly_severe"
        child._history_user = officer
        child.save(update_fields=["disability_level"])
        case = self._grant(officer, child, "allowance", "K6", [], first + timedelta(days=6), first)
        carer = child.household.members.filter(relation_to_head="head").first()
        CareAllowance.objects.create(
            case=case,
            rate=CareAllowanceRate.objects.get(code="household_caring", province=None),
            carer=carer,
            carer_name=carer.full_name if carer else "Hộ gia đình",
            start_month=first,
            decided_on=first + timedelta(days=6),
            created_by=officer,
        )

    @staticmethod
    def _grant(officer, person, benefit, group, flags, decided_on, certified=None) -> Case:
        case = case_open(
            user=officer,
            person=person,
            benefit=benefit,
            group=group,
            applied_on=decided_on,
            flags=flags,
            disability_certified_on=certified,
            documents=["cccd", "application"],
        )
        case_screen(user=officer, case=case, screened_on=decided_on)
        return case_grant(
            user=officer, case=case, decided_on=decided_on, signer="Nguyễn Thanh Bình"
        )

    @staticmethod
    def _storm_repair(officer, ward, today: date) -> None:
        """A near-poor household's house damaged by last month's storm: the repair support
        decided after this month's payroll, so next month's payroll lists it."""
        near_poor = HouseholdStatus.objects.in_force_on(today).filter(
            household__ward=ward, classification="near_poor", household__members__isnull=False
        )
        status = near_poor.select_related("household").order_by("household__code").first()
        if status is None:
            return
        storm = months_before(month_start(today), 1).replace(day=12)
        support = support_propose(
            user=officer,
            ward=ward,
            benefit_type=BenefitType.objects.get(code="housing_repair"),
            event_on=storm,
            household=status.household,
            reason=f"Nhà bị tốc mái, sập vách do bão ngày {storm:%d/%m/%Y}.",
        )
        support_decide(
            user=officer,
            support=support,
            decided_on=storm + timedelta(days=6),
            signer="Nguyễn Thanh Bình",
        )

    @staticmethod
    def _arrangements(ward) -> None:
        """One beneficiary paid into a bank account, one at home through a daughter."""
        people = Person.objects.filter(cases__ward=ward, cases__start_month__isnull=False)
        people = list(people.distinct().order_by("birth_date", "pk")[:2])
        if len(people) == 2:
            oldest, other = people
            PaymentArrangement.objects.update_or_create(
                person=oldest,
                defaults={
                    "method": "cash_home",
                    "receiver_name": "Nguyễn Thị Lan",
                    "receiver_relation": "con gái",
                },
            )
            PaymentArrangement.objects.update_or_create(
                person=other,
                defaults={
                    "method": "bank",
                    "account_number": "7100205123456",
                    "bank_name": "Agribank",
                },
            )

    @staticmethod
    def _reconcile(officer, payroll, *, unpaid: bool) -> None:
        """Everyone paid on the 10th, except, in one month, the first person of the list."""
        paid_on = payroll.month.replace(day=10)
        people = {}
        for line in payroll.lines.filter(amount__gt=0).order_by("number", "pk"):
            people.setdefault(line.number, line)
        for n, line in enumerate(people.values()):
            line_mark(user=officer, line=line, paid=not (unpaid and n == 0), paid_on=paid_on)
