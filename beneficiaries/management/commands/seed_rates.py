from datetime import date

from django.core.management.base import BaseCommand

from areas.models import Area, Level
from beneficiaries.models import SocialPensionRate, StandardLevel

# Provincial levels above the national ones (DOMAIN.md §5.1, §6). Hanoi's 650,000 is
# inferred from its 150,000 top-up of the social pension: unconfirmed until checked.
HANOI = "01"
NQ63 = "Nghị quyết 63/2025/NQ-HĐND thành phố Hà Nội"


class Command(BaseCommand):
    help = "Add the provinces' own standard levels and social-pension top-ups (idempotent)."

    def handle(self, *args, **options):
        hanoi = Area.objects.filter(level=Level.PROVINCE, code=HANOI).first()
        if hanoi is None:
            self.stdout.write("Chưa có Hà Nội trong danh mục địa bàn: bỏ qua.")
            return
        StandardLevel.objects.get_or_create(
            province=hanoi,
            valid_from=date(2026, 1, 1),
            defaults={
                "amount": 650_000,
                "legal_reference": NQ63,
                "confirmed": False,
                "notes": "Suy ra từ mức 500.000 đồng cộng 150.000 đồng của thành phố.",
            },
        )
        SocialPensionRate.objects.get_or_create(
            province=hanoi,
            valid_from=date(2026, 1, 1),
            defaults={"amount": 150_000, "legal_reference": NQ63, "confirmed": True},
        )
        self.stdout.write(self.style.SUCCESS("Đã thêm mức riêng của Hà Nội."))
