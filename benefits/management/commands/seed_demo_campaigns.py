"""Demo gift campaigns: the demo ward's longevity gifts of the last Elderly Day, half of
them handed out, and its coming Tết gifts for near-poor households and protected persons,
the list made and waiting for the ceremony."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from ... import gifts
from ...models import BenefitType, Campaign
from ...services.campaigns import campaign_create, campaign_select, hand_out
from ..demo import demo_officer_and_ward


class Command(BaseCommand):
    help = "Give the demo ward (seed_demo) an Elderly Day campaign and a Tết campaign."

    def handle(self, *args, **options):
        officer, ward = demo_officer_and_ward("seed_demo")
        if Campaign.objects.filter(ward=ward).exists():
            return
        today = timezone.localdate()
        elderly_day = date(
            today.year if today >= date(today.year, 10, 1) else today.year - 1, 10, 1
        )
        tet = date(today.year + 1 if today.month >= 6 else today.year, 1, 20)
        with transaction.atomic():
            longevity = campaign_create(
                user=officer,
                groups=[
                    {
                        "label": "Người cao tuổi",
                        "selects": "milestone",
                        "milestones": list(gifts.MILESTONES),
                        "cash": 300_000,
                        "goods": "Khăn, áo mừng thọ",
                        "goods_value": 100_000,
                    }
                ],
                ward=ward,
                name=f"Mừng thọ người cao tuổi năm {elderly_day.year}",
                kind=Campaign.Kind.ELDERLY_DAY,
                year=elderly_day.year,
                ceremony_on=elderly_day,
                giver=f"UBND {ward.name} và Hội Người cao tuổi",
                funding="ward",
                benefit_type=BenefitType.objects.get(code="gift_longevity"),
            )
            campaign_select(user=officer, campaign=longevity)
            rows = list(longevity.recipients.order_by("pk"))
            for row in rows[: (len(rows) + 1) // 2]:
                hand_out(user=officer, recipient=row, received_on=elderly_day)
            tet_campaign = campaign_create(
                user=officer,
                groups=[
                    {
                        "label": "Hộ cận nghèo",
                        "selects": "classification",
                        "unit": "household",
                        "classifications": ["near_poor"],
                        "cash": 500_000,
                        "goods": "Gạo 10 kg, bánh chưng",
                        "goods_value": 300_000,
                    },
                    {
                        "label": "Đối tượng bảo trợ xã hội",
                        "selects": "case",
                        "case_groups": [f"K{n}" for n in range(1, 9)] + ["social_pension"],
                        "cash": 400_000,
                    },
                ],
                ward=ward,
                name=f"Quà Tết Nguyên đán {tet.year}",
                kind=Campaign.Kind.TET,
                year=tet.year,
                ceremony_on=tet,
                giver=f"UBND {ward.name}",
                funding="ward",
                benefit_type=BenefitType.objects.get(code="gift_tet"),
            )
            campaign_select(user=officer, campaign=tet_campaign)
        self.stdout.write(
            self.style.SUCCESS(
                f"{ward.name}: {len(rows)} người được mừng thọ ngày {elderly_day:%d/%m/%Y}, "
                f"{tet_campaign.recipients.count()} phần quà Tết chờ trao ngày {tet:%d/%m/%Y}."
            )
        )
