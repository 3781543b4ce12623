import random
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from areas.services import current_wards_for
from reviews.models import ReviewKind, ReviewRound
from reviews.queries import assessment_proposals
from reviews.services import assessment_save, review_round_open


class Command(BaseCommand):
    help = "Open the demo ward's 2026 annual review with a third of its list assessed."

    def handle(self, *args, **options):
        mapping = current_wards_for("Phường Đông Xuyên", old_province="An Giang").first()
        officer = get_user_model().objects.filter(username="canbo").first()
        if mapping is None or officer is None:
            raise CommandError("Chưa có phường và tài khoản mẫu: chạy seed_demo trước.")
        with transaction.atomic():
            opened = self._review(mapping.new_ward, officer)
        self.stdout.write(
            self.style.SUCCESS("Đã mở đợt rà soát năm 2026." if opened else "Đã có đợt rà soát.")
        )

    def _review(self, ward, officer) -> bool:
        """The 2026 annual review under way: a third of the list assessed (today is in it)."""
        if ReviewRound.objects.filter(ward=ward).exists():
            return False
        review = review_round_open(
            user=officer,
            ward=ward,
            kind=ReviewKind.ANNUAL,
            year=2026,
            reference_date=date(2026, 9, 1),
        )
        rng = random.Random(2026)
        manual = ["employment", "housing_quality", "water", "latrine", "telecom"]
        for item in review.items.select_related("household").order_by("household__code")[::3]:
            proposals, _members = assessment_proposals(review, item.household)
            deprived = {i.code: True for i, p in proposals if p and p.deprived}
            deprived |= dict.fromkeys(rng.sample(manual, rng.choice([0, 1, 2, 3])), True)
            assessment_save(
                user=officer,
                review=review,
                household=item.household,
                values={"income_per_capita": rng.randrange(1_800_000, 3_600_000, 50_000)},
                deprived=deprived,
                override_reasons={},
            )
        return True
