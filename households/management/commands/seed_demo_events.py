from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from areas.models import Role
from households.models import Household, Joined, Membership, Relation
from households.services import Event, household_split, member_join


class Command(BaseCommand):
    help = "Record a few recent events in the demo ward (seed_demo): a birth and a split."

    def handle(self, *args, **options):
        officer = get_user_model().objects.filter(username="canbo").first()
        role = officer and officer.role_assignments.filter(role=Role.WARD_OFFICER).first()
        if role is None:
            raise CommandError("Chạy seed_demo trước: chưa có cán bộ canbo.")
        ward = role.area
        recorded = Membership.objects.filter(
            household__ward=ward, join_reason__in=(Joined.BIRTH, Joined.SPLIT)
        )
        if recorded.exists():
            return
        today = timezone.localdate()
        with transaction.atomic():
            born = self._birth(officer, ward, today - timedelta(days=24))
            split = self._split(officer, ward, today - timedelta(days=17))
        self.stdout.write(
            self.style.SUCCESS(
                f"{ward.name}: một trẻ sinh ở hộ {born.code}, hộ {split.code} tách ra; "
                "cả hai chờ rà soát tháng tới."
            )
        )

    def _birth(self, officer, ward, on) -> Household:
        household = Household.objects.filter(ward=ward, code="DA-003").get()
        member_join(
            Event(officer, on, "Giấy khai sinh của UBND phường"),
            household=household,
            reason=Joined.BIRTH,
            relation=Relation.GRANDCHILD,
            values={"full_name": "Nguyễn Minh Khang", "sex": "male", "birth_date": on},
        )
        return household

    def _split(self, officer, ward, on) -> Household:
        """The eldest married child of the biggest Đông Phú household sets up their own."""
        households = Household.objects.filter(ward=ward, code__startswith="DP-").order_by("code")
        for household in households:
            adults = [
                m.person
                for m in household.memberships.open().select_related("person")
                if m.relation_to_head == Relation.CHILD
                and m.person.birth_date
                and (on - m.person.birth_date).days > 25 * 365
            ]
            if adults and household.memberships.open().count() >= 4:
                break
        else:
            raise CommandError("Không tìm thấy hộ Đông Phú nào để tách.")
        codes = Household.objects.filter(ward=ward, code__startswith="DP-").count()
        return household_split(
            Event(officer, on, "Con trai lập gia đình, ra ở riêng"),
            household=household,
            relations={adults[0].pk: Relation.HEAD},
            code=f"DP-{codes + 1:03d}",
            residential_group=household.residential_group,
            address=household.address,
        )
