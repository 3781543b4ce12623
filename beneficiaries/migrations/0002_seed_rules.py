"""Seed the national rules of DOMAIN.md §5–6: standard levels, the categories of ND 20/2021
Điều 5–6 with their coefficients, the care allowances of Điều 20, the social pension and the
ward-level time limits. Provincial rows (Hanoi) come from `manage.py seed_rates`, once the
province exists."""

from datetime import date
from decimal import Decimal

from django.db import migrations

ND20 = "Nghị định 20/2021/NĐ-CP"
LEVELS = [
    (270_000, date(2014, 1, 1), date(2021, 6, 30), "Nghị định 136/2013/NĐ-CP", True, True, ""),
    (360_000, date(2021, 7, 1), date(2024, 6, 30), f"Khoản 2 Điều 4 {ND20}", True, True, ""),
    (500_000, date(2024, 7, 1), None, "Nghị định 76/2024/NĐ-CP", True, True, ""),
    (
        540_000,
        date(2026, 7, 1),
        None,
        "“Nghị định 335/2026/NĐ-CP” (nguồn thứ cấp)",
        False,
        False,
        "Mức dự kiến từ nguồn thứ cấp: chỉ bật khi có văn bản chính thức.",
    ),
]
# code, group, name, coefficient, age_from, age_below, requires, household, disability,
# life stage, per child, adds to, starts, legal reference
CATEGORIES = [
    ("K1.1", "K1", "Trẻ em dưới 4 tuổi không có nguồn nuôi dưỡng", "2.5", None, 4, ["orphan"], "", [], "", False, [], "decision", "Khoản 1 Điều 5, điểm a khoản 1 Điều 6"),
    ("K1.2", "K1", "Trẻ em từ 4 đến dưới 16 tuổi không có nguồn nuôi dưỡng", "1.5", 4, 16, ["orphan"], "", [], "", False, [], "decision", "Khoản 1 Điều 5, điểm a khoản 1 Điều 6"),
    ("K2", "K2", "Người từ 16 đến 22 tuổi thuộc khoản 1 đang đi học", "1.5", 16, 22, ["orphan", "studying"], "", [], "", False, [], "decision", "Khoản 2 Điều 5, điểm b khoản 1 Điều 6"),
    ("K3.1", "K3", "Trẻ em dưới 4 tuổi nhiễm HIV/AIDS thuộc hộ nghèo", "2.5", None, 4, ["hiv"], "poor", [], "", False, [], "decision", "Khoản 3 Điều 5, điểm a khoản 1 Điều 6"),
    ("K3.2", "K3", "Trẻ em từ 4 đến dưới 16 tuổi nhiễm HIV/AIDS thuộc hộ nghèo", "2.0", 4, 16, ["hiv"], "poor", [], "", False, [], "decision", "Khoản 3 Điều 5, điểm c khoản 1 Điều 6"),
    ("K4", "K4", "Người đơn thân nghèo đang nuôi con (mỗi con)", "1.0", None, None, ["single_parent"], "poor_or_near_poor", [], "", True, ["K5", "K6", "K8"], "decision", "Khoản 4 Điều 5, điểm d khoản 1 Điều 6"),
    ("K5a.1", "K5", "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ 60 đến dưới 80 tuổi", "1.5", 60, 80, ["no_supporter"], "poor", [], "", False, [], "decision", "Điểm a khoản 5 Điều 5, điểm đ khoản 1 Điều 6"),
    ("K5a.2", "K5", "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ 80 tuổi", "2.0", 80, None, ["no_supporter"], "poor", [], "", False, [], "decision", "Điểm a khoản 5 Điều 5, điểm đ khoản 1 Điều 6"),
    ("K5b", "K5", "Người từ 75 đến 80 tuổi thuộc hộ nghèo, cận nghèo ở xã, thôn đặc biệt khó khăn", "1.0", 75, 80, ["special_area"], "poor_or_near_poor", [], "", False, [], "age", "Điểm b khoản 5 Điều 5, điểm e khoản 1 Điều 6"),
    ("K5c", "K5", "Người từ 80 tuổi không có lương hưu, trợ cấp BHXH, trợ cấp xã hội hằng tháng", "1.0", 80, None, ["no_pension"], "", [], "", False, [], "age", "Điểm c khoản 5 Điều 5, điểm e khoản 1 Điều 6"),
    ("K5d", "K5", "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, đủ điều kiện vào cơ sở nhưng sống tại cộng đồng", "3.0", 60, None, ["no_supporter", "facility_eligible"], "poor", [], "", False, [], "decision", "Điểm d khoản 5 Điều 5, điểm g khoản 1 Điều 6"),
    ("K6.1", "K6", "Người khuyết tật đặc biệt nặng", "2.0", None, None, [], "", ["particularly_severe"], "adult", False, [], "certificate", "Khoản 6 Điều 5, điểm h khoản 1 Điều 6"),
    ("K6.2", "K6", "Trẻ em, người cao tuổi khuyết tật đặc biệt nặng", "2.5", None, None, [], "", ["particularly_severe"], "child_or_elderly", False, [], "certificate", "Khoản 6 Điều 5, điểm h khoản 1 Điều 6"),
    ("K6.3", "K6", "Người khuyết tật nặng", "1.5", None, None, [], "", ["severe"], "adult", False, [], "certificate", "Khoản 6 Điều 5, điểm i khoản 1 Điều 6"),
    ("K6.4", "K6", "Trẻ em, người cao tuổi khuyết tật nặng", "2.0", None, None, [], "", ["severe"], "child_or_elderly", False, [], "certificate", "Khoản 6 Điều 5, điểm i khoản 1 Điều 6"),
    ("K7", "K7", "Trẻ em dưới 3 tuổi thuộc hộ nghèo, cận nghèo ở xã, thôn đặc biệt khó khăn", "1.5", None, 3, ["special_area"], "poor_or_near_poor", [], "", False, [], "decision", "Khoản 7 Điều 5, điểm b khoản 1 Điều 6"),
    ("K8", "K8", "Người nhiễm HIV/AIDS thuộc hộ nghèo không có nguồn thu nhập ổn định", "1.5", None, None, ["hiv", "no_stable_income"], "poor", [], "", False, [], "decision", "Khoản 8 Điều 5, điểm b khoản 1 Điều 6"),
]
CARE = [
    ("foster_child_under4", "Nhận nuôi dưỡng, chăm sóc trẻ em dưới 4 tuổi thuộc khoản 1 Điều 5", "2.5", "Khoản 1 Điều 20"),
    ("foster_child_or_k5d", "Nhận nuôi dưỡng trẻ em từ 4 đến dưới 16 tuổi thuộc khoản 1, hoặc người cao tuổi thuộc điểm d khoản 5 Điều 5", "1.5", "Khoản 1 Điều 20"),
    ("disabled_parent_one", "Người khuyết tật nặng, đặc biệt nặng đang mang thai hoặc nuôi một con dưới 36 tháng tuổi", "1.5", "Điểm a khoản 2 Điều 20"),
    ("disabled_parent_two", "Người khuyết tật nặng, đặc biệt nặng đang mang thai và nuôi một con, hoặc nuôi từ hai con dưới 36 tháng tuổi", "2.0", "Điểm a khoản 2 Điều 20"),
    ("household_caring", "Hộ gia đình trực tiếp chăm sóc mỗi người khuyết tật đặc biệt nặng", "1.0", "Điểm c khoản 2 Điều 20"),
    ("foster_disabled", "Nhận nuôi dưỡng người khuyết tật đặc biệt nặng", "1.5", "Điểm d khoản 2 Điều 20"),
    ("foster_disabled_child", "Nhận nuôi dưỡng trẻ em khuyết tật đặc biệt nặng", "2.5", "Điểm d khoản 2 Điều 20"),
]
LIMITS = [
    ("ward_review", "Cán bộ xem xét, Chủ tịch UBND xã xét duyệt hồ sơ", 7, "Điểm b khoản 1 Điều 8"),
    ("posting", "Niêm yết công khai tại UBND xã", 2, "Điểm b khoản 1 Điều 8"),
    ("complaint", "Giải quyết khiếu nại", 10, "Điểm b khoản 1 Điều 8"),
]


def seed(apps, schema_editor):
    StandardLevel = apps.get_model("beneficiaries", "StandardLevel")
    Category = apps.get_model("beneficiaries", "Category")
    CareAllowanceRate = apps.get_model("beneficiaries", "CareAllowanceRate")
    SocialPensionRate = apps.get_model("beneficiaries", "SocialPensionRate")
    TimeLimit = apps.get_model("beneficiaries", "TimeLimit")
    for amount, start, end, reference, confirmed, active, notes in LEVELS:
        StandardLevel.objects.get_or_create(
            province=None,
            valid_from=start,
            defaults={
                "amount": amount,
                "valid_to": end,
                "legal_reference": reference,
                "confirmed": confirmed,
                "active": active,
                "notes": notes,
            },
        )
    for order, row in enumerate(CATEGORIES, start=1):
        code, group, name, coefficient, age_from, age_below, requires, household = row[:8]
        levels, stage, per_child, adds_to, starts, reference = row[8:]
        Category.objects.get_or_create(
            code=code,
            valid_from=date(2021, 7, 1),
            defaults={
                "group": group,
                "name": name,
                "coefficient": Decimal(coefficient),
                "age_from": age_from,
                "age_below": age_below,
                "requires": requires,
                "household": household,
                "disability_levels": levels,
                "life_stage": stage,
                "per_child": per_child,
                "adds_to": adds_to,
                "starts": starts,
                "legal_reference": f"{reference} {ND20}",
                "confirmed": True,
                "order": order,
            },
        )
    for code, name, coefficient, reference in CARE:
        CareAllowanceRate.objects.get_or_create(
            code=code,
            province=None,
            valid_from=date(2021, 7, 1),
            defaults={
                "name": name,
                "coefficient": Decimal(coefficient),
                "legal_reference": f"{reference} {ND20}",
                "confirmed": True,
            },
        )
    SocialPensionRate.objects.get_or_create(
        province=None,
        valid_from=date(2025, 7, 1),
        defaults={
            "amount": 500_000,
            "age_from": 75,
            "poor_age_from": 70,
            "legal_reference": "Điều 21–22 Luật Bảo hiểm xã hội 2024; Điều 2–3 Nghị định 176/2025/NĐ-CP",
            "confirmed": True,
        },
    )
    for step, name, days, reference in LIMITS:
        TimeLimit.objects.get_or_create(
            step=step,
            defaults={"name": name, "working_days": days, "legal_reference": f"{reference} {ND20}"},
        )


class Migration(migrations.Migration):
    dependencies = [("beneficiaries", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
