from django.contrib import admin

from ui.admin_columns import money_column

from .models import (
    CareAllowanceRate,
    Category,
    SocialPensionRate,
    StandardLevel,
    TimeLimit,
)


@admin.register(StandardLevel)
class StandardLevelAdmin(admin.ModelAdmin):
    """Policy as data: a new decree is a new row here, not a deploy (DOMAIN.md §1)."""

    list_display = [
        money_column(StandardLevel, "amount"),
        *("province", "valid_from", "valid_to", "active", "confirmed"),
    ]
    list_filter = ["active", "confirmed"]
    raw_id_fields = ["province"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "coefficient", "valid_from", "valid_to", "confirmed"]
    list_filter = ["group", "confirmed"]


@admin.register(CareAllowanceRate)
class CareAllowanceRateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "coefficient", "province", "valid_from", "confirmed"]
    raw_id_fields = ["province"]


@admin.register(SocialPensionRate)
class SocialPensionRateAdmin(admin.ModelAdmin):
    list_display = [
        money_column(SocialPensionRate, "amount"),
        *("province", "age_from", "poor_age_from", "valid_from", "confirmed"),
    ]
    raw_id_fields = ["province"]


admin.site.register(TimeLimit)
