from django.contrib import admin

from ui.admin_columns import money_column

from .models import DeprivationIndicator, PovertyStandard, ReviewTimeLimit


class DeprivationIndicatorInline(admin.StackedInline):
    model = DeprivationIndicator
    extra = 0
    fields = [
        ("order", "code", "service"),
        "name",
        "definition",
        ("derive", "parameters"),
        "confirmed",
    ]


@admin.register(PovertyStandard)
class PovertyStandardAdmin(admin.ModelAdmin):
    """Policy as data: a new decree is a new standard here, not a deploy (DOMAIN.md §1)."""

    list_display = [
        "code",
        "name",
        "province",
        "valid_from",
        "valid_to",
        money_column(PovertyStandard, "rural_line"),
        money_column(PovertyStandard, "urban_line"),
        "confirmed",
    ]
    list_filter = ["confirmed"]
    raw_id_fields = ["province"]
    inlines = [DeprivationIndicatorInline]


@admin.register(ReviewTimeLimit)
class ReviewTimeLimitAdmin(admin.ModelAdmin):
    """The review's time limits in working days, e.g. the public posting (3 by default)."""

    list_display = ["name", "working_days", "legal_reference", "confirmed"]
    list_filter = ["confirmed"]
