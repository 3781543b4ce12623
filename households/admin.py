from django.contrib import admin
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from ui.export_formats import FORMATS

from .models import DeprivationIndicator, Household, HouseholdStatus, Person, PovertyStandard
from .resources import HouseholdResource


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ["full_name", "relation_to_head", "sex", "birth_date", "national_id"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Household)
class HouseholdAdmin(ExportMixin, SimpleHistoryAdmin):
    """Read-only in the admin: register edits go through the services (and their checks)."""

    resource_classes = [HouseholdResource]
    formats = FORMATS
    list_display = ["code", "ward", "residential_group", "address"]
    list_select_related = ["ward", "residential_group"]
    search_fields = ["code"]
    raw_id_fields = ["ward", "residential_group"]
    inlines = [PersonInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(HouseholdStatus)
class HouseholdStatusAdmin(SimpleHistoryAdmin):
    list_display = [
        "household",
        "year",
        "valid_from",
        "classification",
        "movement",
        "decision_number",
    ]
    list_filter = ["year", "classification", "movement"]
    raw_id_fields = ["household"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
