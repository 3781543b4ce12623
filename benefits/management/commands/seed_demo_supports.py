"""Demo supports besides money: health-insurance cards for most members of the demo ward's
poor and near-poor households (a few running out soon), a loan the bank disbursed and one
waiting, and a house repaired with three funding sources."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from households.models import Household, HouseholdStatus, Membership

from ...models import HealthCard, Loan
from ...services.household_supports import housing_advance, housing_propose, loan_save
from ..demo import demo_officer_and_ward


class Command(BaseCommand):
    help = "Give the demo ward (seed_demo) cards, loans and a housing support."

    def handle(self, *args, **options):
        officer, ward = demo_officer_and_ward("seed_demo")
        if Loan.objects.filter(ward=ward).exists():
            return
        today = timezone.localdate()
        near_poor = list(
            Household.objects.filter(
                pk__in=HouseholdStatus.objects.in_force_on(today)
                .filter(household__ward=ward, classification="near_poor")
                .values("household_id")
            ).order_by("code")
        )
        members = list(
            Membership.objects.in_force_on(today)
            .filter(household__in=near_poor)
            .select_related("person")
            .order_by("person_id")
        )
        with transaction.atomic():
            cards = []
            for n, m in enumerate(members):
                if n % 5 == 4:
                    continue  # one in five without a card: the worklist's
                ends = today + timedelta(days=40 if n % 17 == 0 else 300)
                cards.append(
                    HealthCard(
                        person=m.person,
                        number=f"CN489{m.person_id:010d}"[-15:],
                        group_code="CN",
                        first_registration=f"Trạm Y tế {ward.name}",
                        valid_from=today - timedelta(days=300),
                        valid_to=ends,
                        recorded_by=officer,
                    )
                )
            HealthCard.objects.bulk_create(cards)
            first, second, third = near_poor[:3]
            spring = today - timedelta(days=250)  # every step done by today
            lent = loan_save(
                user=officer,
                household=first,
                asked_on=spring,
                purpose="production",
                amount_asked=50_000_000,
            )
            loan_save(
                user=officer,
                household=first,
                loan=lent,
                referred_on=spring + timedelta(days=5),
                programme="near_poor",
                answered_on=spring + timedelta(days=30),
                amount_lent=50_000_000,
                disbursed_on=spring + timedelta(days=35),
                term_months=36,
                status="disbursed",
            )
            loan_save(
                user=officer,
                household=second,
                asked_on=today - timedelta(days=10),
                purpose="education",
                amount_asked=20_000_000,
            )
            house = housing_propose(
                user=officer,
                household=third,
                condition="temporary",
                need="repair",
                proposed_on=spring,
                funding={
                    "province": 30_000_000,
                    "poverty_fund": 15_000_000,
                    "household": 5_000_000,
                },
            )
            for stage, days in (("approved", 20), ("started", 45), ("accepted", 120)):
                housing_advance(
                    user=officer, support=house, stage=stage, on=spring + timedelta(days=days)
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{ward.name}: {len(cards)} thẻ BHYT, 2 nhu cầu vay vốn, 1 nhà đã sửa xong."
            )
        )
