"""The state's share of a health-insurance card by ground (ND 146/2018/NĐ-CP, amended by
ND 75/2023/NĐ-CP; DOMAIN.md §7.1): 100 % for poor members, monthly protected persons and
children under 6, at least 70 % for near-poor members, at least 30 % for middle-income
farm households. A province's higher share is a row of its own. The group codes printed
on cards (DOMAIN.md §9.2) are secondary sources: BT unverified."""

from datetime import date

from django.db import migrations

ND146 = "Nghị định 146/2018/NĐ-CP, sửa đổi bởi Nghị định 75/2023/NĐ-CP"
RATES = [
    # ground, share, group code, article, confirmed
    ("poor", 100, "HN", f"Khoản 9a Điều 3 {ND146}", True),
    ("protected", 100, "BT", f"Khoản 7 Điều 3 {ND146}", True),
    ("child_under_6", 100, "TE", f"Khoản 8 Điều 3 {ND146}", True),
    ("near_poor", 70, "CN", f"Điểm a, b khoản 1 Điều 8 {ND146}", True),
    ("middle_income", 30, "", f"Điểm c khoản 1 Điều 8 {ND146}", True),
]


def add(apps, schema_editor):
    CardRate = apps.get_model("benefits", "CardRate")
    for ground, share, code, reference, confirmed in RATES:
        CardRate.objects.get_or_create(
            ground=ground,
            province=None,
            valid_from=date(2018, 12, 1),
            defaults={
                "share": share,
                "group_code": code,
                "legal_reference": reference,
                "confirmed": confirmed and code != "BT",
            },
        )


def remove(apps, schema_editor):
    apps.get_model("benefits", "CardRate").objects.filter(province=None).delete()


class Migration(migrations.Migration):
    dependencies = [("benefits", "0008_health_cards")]
    operations = [migrations.RunPython(add, remove)]
