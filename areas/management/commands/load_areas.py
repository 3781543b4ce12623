from django.core.management.base import BaseCommand

from areas.services import areas_load


class Command(BaseCommand):
    help = "Load the current provinces, wards and the old→new ward mapping (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--province", help="two-digit province code, e.g. 91 for An Giang")

    def handle(self, *args, province=None, **options):
        code = f"{int(province):02d}" if province else None
        counts = areas_load(province_code=code)
        self.stdout.write(
            self.style.SUCCESS(
                "Đã thêm {provinces} tỉnh, {wards} xã/phường, {mappings} dòng ánh xạ "
                "đơn vị cũ → mới.".format(**counts)
            )
        )
