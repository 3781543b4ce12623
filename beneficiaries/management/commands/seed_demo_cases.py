from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from areas.models import Role
from beneficiaries.models import Case
from beneficiaries.services import case_grant, case_open, case_screen
from households.models import Person
from households.services import Event, household_move_out


class Command(BaseCommand):
    help = "Give the demo ward (seed_demo) a few social-assistance cases, decided and pending."

    def handle(self, *args, **options):
        officer = get_user_model().objects.filter(username="canbo").first()
        role = officer and officer.role_assignments.filter(role=Role.WARD_OFFICER).first()
        if role is None:
            raise CommandError("Chạy seed_demo trước: chưa có cán bộ canbo.")
        ward = role.area
        if Case.objects.filter(ward=ward).exists():
            return
        people = Person.objects.filter(
            household__ward=ward, deceased_on__isnull=True, birth_date__isnull=False
        ).order_by("birth_date", "pk")
        with transaction.atomic():
            made, parent = self._cases(officer, people)
            moved = self._move(officer, parent.household)
        self.stdout.write(
            self.style.SUCCESS(
                f"{ward.name}: đã thêm {made} hồ sơ bảo trợ xã hội; hộ {moved.code} (có một "
                f"người đang hưởng trợ cấp) chuyển đến {moved.moving_to.name}, chờ tiếp nhận."
            )
        )

    def _move(self, officer, household):
        """The single parent's household moves to the second ward, which has not received it
        yet: its arrivals page and both wards' case worklists show it."""
        canbo2 = get_user_model().objects.get(username="canbo2")
        to_ward = canbo2.role_assignments.get(role=Role.WARD_OFFICER).area
        on = timezone.localdate() - timedelta(days=10)
        note = "Chuyển về ở cùng gia đình bên ngoại"
        household_move_out(Event(officer, on, note), household=household, to_ward=to_ward)
        household.refresh_from_db()
        return household

    def _cases(self, officer, people):
        oldest = people.first()
        disabled = people.filter(birth_date__year__range=(1970, 1990)).first()
        disabled.disability_level = "severe"
        disabled._history_user = officer
        disabled.save(update_fields=["disability_level"])
        parent = people.filter(relation_to_head="head", sex="female").last() or people.last()
        children = parent.household.members.filter(birth_date__year__gte=2011).count() or 1
        plans = [
            (oldest, "K5", ["no_pension"], 0, None, date(2025, 8, 4), date(2025, 8, 20)),
            (disabled, "K6", [], 0, date(2025, 9, 1), date(2025, 9, 10), date(2025, 9, 26)),
            (parent, "K4", ["single_parent"], children, None, date(2026, 2, 2), date(2026, 2, 16)),
            (people[1], "K5", ["no_pension"], 0, None, date(2026, 11, 2), None),  # pending
        ]
        for person, group, flags, n, certified, applied, decided in plans:
            case = case_open(
                user=officer,
                person=person,
                benefit="allowance",
                group=group,
                applied_on=applied,
                flags=flags,
                children_raised=n,
                disability_certified_on=certified,
                documents=["cccd", "application"],
            )
            if decided:
                case_screen(user=officer, case=case, screened_on=decided)
                case_grant(user=officer, case=case, decided_on=decided, signer="Nguyễn Thanh Bình")
        return len(plans), parent
