from django.contrib import admin
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from ui.admin_export import VerboseExportForm
from ui.export_formats import FORMATS

from .models import Household, HouseholdStatus, Person
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
    export_form_class = VerboseExportForm
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
