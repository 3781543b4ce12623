"""Give the demo ward and its four khóm their total households and persons.

From Kế hoạch 50/KH-UBND of 08/3/2020 of UBND phường Đông Xuyên (../shared/field-plans,
002): "Hộ cận nghèo: có 81 hộ; tỷ lệ 2,04 %". 81 / 2,04 % puts the ward at 3,961–3,980
households; 3,970 also fits "giảm 0,1 % tương đương giảm 04 hộ" and the 75 hardship
households at 1,9 %. The plan's table per khóm ("Tổng số hộ" 27, 24, 13, 17) counts the
near-poor households of each khóm (they sum to 81), not all of its households: the khóm
totals below are *derived*, 3,970 split in proportion to those counts (largest remainder)
so that each khóm's rate is the ward's 2,04 %. The plan gives no count of persons: 3.7
persons per household is assumed (an order of magnitude for An Giang, unconfirmed).
Demo data only.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from areas.models import AreaPopulation, Kind, Level
from areas.services import area_population_record, current_wards_for, residential_group_create

SOURCE = "Kế hoạch 50/KH-UBND ngày 08/3/2020 của UBND phường Đông Xuyên (số hộ khóm suy ra)"
AS_OF = date(2020, 1, 1)  # "Đầu năm 2020, kết quả rà soát …"
WARD_HOUSEHOLDS = 3970
PERSONS_PER_HOUSEHOLD = 3.7
# khóm → its total households, derived from its near-poor households in the plan
# (27, 24, 13, 17 of 81): 3,970 × 27/81 = 1,323.3 …, rounded to sum to 3,970.
KHOM_HOUSEHOLDS = {"Đông An": 1324, "Đông Phú": 1176, "Đông Thành": 637, "Đông Hưng": 833}
OFFICER = "canbo"  # seed_demo's officer of the ward enters the figures


class Command(BaseCommand):
    help = "Record the demo ward's (former Phường Đông Xuyên) total households and persons."

    def handle(self, *args, **options):
        mapping = current_wards_for("Phường Đông Xuyên", old_province="An Giang").first()
        if mapping is None:
            raise CommandError("Không tìm thấy phường hiện nay của phường Đông Xuyên cũ.")
        ward = mapping.new_ward
        officer = get_user_model().objects.filter(username=OFFICER).first()
        if officer is None:
            raise CommandError("Hãy chạy seed_demo trước: chưa có tài khoản canbo.")
        today = timezone.localdate()
        created = 0
        with transaction.atomic():
            # The demo register holds only the former Đông Xuyên: its totals stand for the ward.
            targets = [(ward, WARD_HOUSEHOLDS)]
            for name, households in KHOM_HOUSEHOLDS.items():
                group = ward.children.filter(
                    level=Level.RESIDENTIAL_GROUP, name=name
                ).first() or residential_group_create(ward=ward, name=name, kind=Kind.KHOM)
                targets.append((group, households))
            for area, households in targets:
                if AreaPopulation.objects.filter(area=area, valid_from=AS_OF).exists():
                    continue
                area_population_record(
                    user=officer,
                    area=area,
                    valid_from=AS_OF,
                    households=households,
                    persons=round(households * PERSONS_PER_HOUSEHOLD),
                    source=SOURCE,
                    today=today,
                )
                created += 1
        self.stdout.write(self.style.SUCCESS(f"{ward.name}: đã ghi {created} số liệu dân số."))
