"""The benefit types the payroll and the one-off supports use, and the national one-off
amounts of ND 20/2021 (DOMAIN.md §5.5). Amounts are minimums; a province's higher rate is a
row of its own. Funding sources are the usual ones and stay editable."""

from datetime import date
from decimal import Decimal

from django.db import migrations

ND20 = "Nghị định 20/2021/NĐ-CP"
TYPES = [
    # code, name, kind, funding, rule, legal reference
    ("allowance", "Trợ cấp xã hội hằng tháng", "monthly_cash", "province", "allowance",
     f"Điều 5, Điều 6 {ND20}, sửa đổi bởi Nghị định 76/2024/NĐ-CP"),
    ("social_pension", "Trợ cấp hưu trí xã hội", "monthly_cash", "central", "social_pension",
     "Khoản 1 Điều 3 Nghị định 176/2025/NĐ-CP"),
    ("pension_top_up", "Hỗ trợ thêm trợ cấp hưu trí xã hội của tỉnh", "monthly_cash",
     "province", "pension_top_up", "Khoản 2 Điều 3 Nghị định 176/2025/NĐ-CP"),
    ("care", "Hỗ trợ kinh phí chăm sóc, nuôi dưỡng", "monthly_cash", "province", "care",
     f"Điều 20 {ND20}"),
    ("funeral", "Hỗ trợ chi phí mai táng (đối tượng hưởng trợ cấp hằng tháng)", "one_off_cash",
     "province", "multiple", f"Điều 11 {ND20}"),
    ("funeral_disaster", "Hỗ trợ chi phí mai táng (thiên tai, hỏa hoạn, tai nạn)",
     "one_off_cash", "province", "multiple", f"Điều 14 {ND20}"),
    ("funeral_facility", "Hỗ trợ chi phí mai táng (đối tượng tại cơ sở trợ giúp xã hội)",
     "one_off_cash", "province", "multiple", f"Khoản 3 Điều 25 {ND20}"),
    ("serious_injury", "Hỗ trợ người bị thương nặng", "one_off_cash", "province", "multiple",
     f"Điều 13 {ND20}"),
    ("emergency_rice", "Hỗ trợ lương thực (gạo)", "in_kind", "central", "",
     f"Điều 12 {ND20}"),
    ("housing_build", "Hỗ trợ làm nhà ở sau thiên tai", "one_off_cash", "province", "fixed",
     f"Khoản 1 Điều 15 {ND20}"),
    ("housing_relocate", "Hỗ trợ di dời nhà ở khẩn cấp", "one_off_cash", "province", "fixed",
     f"Khoản 2 Điều 15 {ND20}"),
    ("housing_repair", "Hỗ trợ sửa chữa nhà ở", "one_off_cash", "province", "fixed",
     f"Khoản 3 Điều 15 {ND20}"),
]
RATES = [
    # code, multiple, amount, quantity, unit
    ("funeral", Decimal(20), None, None, ""),
    ("funeral_disaster", Decimal(50), None, None, ""),
    ("funeral_facility", Decimal(50), None, None, ""),
    ("serious_injury", Decimal(10), None, None, ""),
    ("emergency_rice", None, None, Decimal(15), "kg/người/tháng"),
    ("housing_build", None, 40_000_000, None, ""),
    ("housing_relocate", None, 30_000_000, None, ""),
    ("housing_repair", None, 20_000_000, None, ""),
]


def add(apps, schema_editor):
    BenefitType = apps.get_model("benefits", "BenefitType")
    SupportRate = apps.get_model("benefits", "SupportRate")
    types = {}
    for order, (code, name, kind, funding, rule, reference) in enumerate(TYPES):
        types[code], _ = BenefitType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "funding": funding,
                "rule": rule,
                "legal_reference": reference,
                "order": order,
            },
        )
    for code, multiple, amount, quantity, unit in RATES:
        SupportRate.objects.get_or_create(
            benefit_type=types[code],
            province=None,
            valid_from=date(2021, 7, 1),
            defaults={
                "multiple": multiple,
                "amount": amount,
                "quantity": quantity,
                "unit": unit,
                "legal_reference": types[code].legal_reference,
                "confirmed": True,
                "notes": "Mức tối thiểu; tỉnh có thể quy định mức cao hơn.",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("benefits", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
