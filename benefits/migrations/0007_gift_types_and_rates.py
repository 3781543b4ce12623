"""The benefit types of gift campaigns and the national longevity gifts of TT 96/2018
(DOMAIN.md §7.6): 90 years, goods worth 150,000 and 500,000 cash from the province's
chair; 100 years, 5 m of silk and 700,000 cash from the State President. The other
milestones are the province's own amounts: rows a province adds."""

from datetime import date

from django.db import migrations

TT96 = "Điều 3 Thông tư 96/2018/TT-BTC; Điều 21 Luật Người cao tuổi 2009"
TYPES = [
    ("gift_tet", "Quà Tết", "in_kind", "province", "Quyết định của UBND tỉnh, xã, phường"),
    ("gift_longevity", "Quà chúc thọ, mừng thọ người cao tuổi", "in_kind", "province", TT96),
    ("gift_donor", "Quà của nhà tài trợ, vận động xã hội", "in_kind", "mobilisation", ""),
]
RATES = [
    # milestone, cash, goods, goods value, giver
    (90, 500_000, "Quà bằng hiện vật", 150_000, "Chủ tịch UBND tỉnh, thành phố"),
    (100, 700_000, "05 mét vải lụa", 0, "Chủ tịch nước"),
]


def add(apps, schema_editor):
    BenefitType = apps.get_model("benefits", "BenefitType")
    GiftRate = apps.get_model("benefits", "GiftRate")
    start = BenefitType.objects.count()
    for order, (code, name, kind, funding, reference) in enumerate(TYPES, start=start):
        BenefitType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "funding": funding,
                "legal_reference": reference,
                "order": order,
            },
        )
    for milestone, cash, goods, value, giver in RATES:
        GiftRate.objects.get_or_create(
            milestone=milestone,
            province=None,
            valid_from=date(2018, 12, 1),
            defaults={
                "cash": cash,
                "goods": goods,
                "goods_value": value,
                "giver": giver,
                "legal_reference": TT96,
                "confirmed": True,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("benefits", "GiftRate").objects.filter(province=None).delete()
    apps.get_model("benefits", "BenefitType").objects.filter(
        code__in=[t[0] for t in TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("benefits", "0006_campaigns")]
    operations = [migrations.RunPython(add, remove)]
