from django.contrib import admin

from .models import DeprivationIndicator, PovertyStandard


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
        "rural_line",
        "urban_line",
        "confirmed",
    ]
    list_filter = ["confirmed"]
    raw_id_fields = ["province"]
    inlines = [DeprivationIndicatorInline]
