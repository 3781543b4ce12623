from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from areas.models import Area, Kind, Level, Role
from areas.services import areas_load, current_wards_for, residential_group_create, role_grant
from households.demo import KHOM, PERSONS, SECOND_WARD, build_households
from households.models import Classification, Household, Movement
from households.services import MemberData, household_save, household_status_record

# Demo accounts; the README lists them. Never use these on a real deployment.
USERS = [
    ("canbo", "Trần Thị Thu", "ansinh-demo", Role.WARD_OFFICER, "ward"),
    ("canbo2", "Lê Văn Bình", "ansinh-demo", Role.WARD_OFFICER, "second_ward"),
    ("pheduyet", "Phạm Minh Quân", "ansinh-demo", Role.APPROVER, "province"),
    ("quantri", "Võ Thanh Hà", "ansinh-demo", Role.ADMINISTRATOR, "province"),
]
# Every demo household was near-poor in 2025; one per khóm escaped for 2026 (the plan's target).
NEAR_POOR_2025 = {
    "year": 2025,
    "classification": Classification.NEAR_POOR,
    "decision_number": "215/QĐ-UBND",
    "decision_date": date(2024, 12, 20),
    "reason": "Kết quả rà soát cuối năm 2024",
}
ESCAPED_2026 = {
    "year": 2026,
    "classification": Classification.ESCAPED_NEAR_POOR,
    "previous": Classification.NEAR_POOR,
    "movement": Movement.ESCAPED_NEAR_POOR,
    "decision_number": "198/QĐ-UBND",
    "decision_date": date(2025, 12, 18),
    "valid_from": date(2025, 12, 18),
    "reason": "Chỉ tiêu giảm 01 hộ cận nghèo mỗi khóm",
}


class Command(BaseCommand):
    help = "Create the demo ward (former Phường Đông Xuyên, An Giang), a second ward and users."

    def handle(self, *args, **options):
        if not Area.objects.filter(level=Level.PROVINCE, code="91").exists():
            areas_load(province_code="91")
        mapping = current_wards_for("Phường Đông Xuyên", old_province="An Giang").first()
        if mapping is None:
            raise CommandError("Không tìm thấy phường hiện nay của phường Đông Xuyên cũ.")
        ward = mapping.new_ward
        province = ward.parent
        second = Area.objects.get(parent=province, name=SECOND_WARD[0])
        scope = {"ward": ward, "second_ward": second, "province": province}
        with transaction.atomic():
            users = self._users(scope)
            created = self._ward(ward, KHOM, PERSONS, users["canbo"], seed=2020)
            created += self._ward(second, SECOND_WARD[1], 47, users["canbo2"], seed=2021)
        self.stdout.write(
            self.style.SUCCESS(
                f"{ward.name} (gồm phường Đông Xuyên cũ) và {second.name}: "
                f"đã thêm {created} hộ. Tài khoản: canbo, canbo2, pheduyet, quantri "
                f"(mật khẩu ansinh-demo)."
            )
        )

    def _users(self, scope):
        users = {}
        for username, name, password, role, where in USERS:
            last, first = name.rsplit(" ", 1)
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            if created:
                user.set_password(password)
                user.is_staff = role == Role.ADMINISTRATOR
                user.is_superuser = role == Role.ADMINISTRATOR
                user.save()
            role_grant(user=user, area=scope[where], role=role)
            users[username] = user
        return users

    def _ward(self, ward, groups, persons, officer, *, seed):
        if Household.objects.filter(ward=ward).exists():
            return 0
        today = timezone.localdate()
        group_areas = {
            name: ward.children.filter(name=name).first()
            or residential_group_create(ward=ward, name=name, kind=Kind.KHOM)
            for _prefix, name, _n in groups
        }
        households = build_households(groups, persons, seed=seed, today=today)
        escaped = {f"{prefix}-001" for prefix, _name, _n in groups}
        for demo in households:
            household = household_save(
                user=officer,
                household=None,
                values={
                    "ward": ward,
                    "residential_group": group_areas[demo.group],
                    "code": demo.code,
                    "address": demo.address,
                    "phone": demo.phone,
                    "notes": "",
                },
                members=[MemberData(id=None, values=vars(p)) for p in demo.members],
            )
            statuses = [NEAR_POOR_2025, ESCAPED_2026] if demo.code in escaped else [NEAR_POOR_2025]
            for values in statuses:
                household_status_record(user=officer, household=household, values=values)
        return len(households)
