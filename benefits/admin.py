from django.contrib import admin

from ui.admin_columns import money_column

from .models import BenefitType, CardRate, GiftRate, PayrollPolicy, Provider, SupportRate


@admin.register(BenefitType)
class BenefitTypeAdmin(admin.ModelAdmin):
    """Policy as data: a benefit a province adds is a row here (DOMAIN.md §1)."""

    list_display = ["code", "name", "kind", "funding", "rule", "legal_reference"]
    list_filter = ["kind", "funding"]


@admin.register(SupportRate)
class SupportRateAdmin(admin.ModelAdmin):
    list_display = [
        "benefit_type",
        "multiple",
        money_column(SupportRate, "amount"),
        *("quantity", "unit", "province", "valid_from", "valid_to", "confirmed"),
    ]
    list_filter = ["benefit_type", "confirmed"]
    raw_id_fields = ["province"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "contract"]
    raw_id_fields = ["province"]


@admin.register(PayrollPolicy)
class PayrollPolicyAdmin(admin.ModelAdmin):
    list_display = ["ward", "first_month", "recoveries", "lookback_months", "provider"]
    raw_id_fields = ["ward"]


@admin.register(GiftRate)
class GiftRateAdmin(admin.ModelAdmin):
    """The longevity gifts: the national ones of TT 96/2018 and a province's own amounts
    for the other milestones (DOMAIN.md §7.6)."""

    list_display = [
        "milestone",
        money_column(GiftRate, "cash"),
        *("goods", "giver", "province", "valid_from", "valid_to", "confirmed"),
    ]
    list_filter = ["milestone", "confirmed"]
    raw_id_fields = ["province"]


@admin.register(CardRate)
class CardRateAdmin(admin.ModelAdmin):
    """The state's share of a health-insurance card by ground: national rows of ND 146/2018
    and a province's higher share (DOMAIN.md §7.1); the group codes are unverified."""

    list_display = ["ground", "share", "group_code", "province", "valid_from", "valid_to"]
    list_filter = ["ground", "confirmed"]
    raw_id_fields = ["province"]
