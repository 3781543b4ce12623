from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from ui.admin_export import VerboseExportForm
from ui.export_formats import FORMATS

from .models import Area, AreaMapping, AreaPopulation, Holiday, RoleAssignment
from .resources import AreaResource, RoleAssignmentResource

User = get_user_model()


# Django stores permission names in English when it creates them ("Can add …"):
# show them in the active language instead.
PERMISSION_ACTIONS = {
    "add": _("Được thêm"),
    "change": _("Được sửa"),
    "delete": _("Được xoá"),
    "view": _("Được xem"),
}


class PermissionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        action = obj.codename.split("_", 1)[0]
        model = obj.content_type.model_class()
        if action not in PERMISSION_ACTIONS or model is None:
            return str(obj)
        app = apps.get_app_config(obj.content_type.app_label).verbose_name
        return f"{app} | {PERMISSION_ACTIONS[action]} {model._meta.verbose_name}"


def with_permission_labels(db_field, kwargs: dict) -> dict:
    if db_field.name in ("permissions", "user_permissions"):
        kwargs["form_class"] = PermissionField
    return kwargs


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    raw_id_fields = ["area"]


admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    """Users are managed with the roles they hold, on one page."""

    inlines = [RoleInline]
    list_display = ["username", "last_name", "first_name", "is_active", "is_staff"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = with_permission_labels(db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class TranslatedGroupAdmin(GroupAdmin):
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = with_permission_labels(db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Area)
class AreaAdmin(ImportExportModelAdmin):
    resource_classes = [AreaResource]
    export_form_class = VerboseExportForm
    formats = FORMATS
    list_display = ["name", "code", "level", "kind", "parent", "is_urban", "is_active"]
    list_filter = ["level", "kind", "is_urban"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path"]

    def save_model(self, request, obj, form, change):
        # The path is the tree's index; it follows the parent and code.
        obj.path = Area.build_path(obj.parent, obj.code)
        super().save_model(request, obj, form, change)


@admin.register(AreaMapping)
class AreaMappingAdmin(admin.ModelAdmin):
    list_display = ["old_ward", "old_district", "old_province", "new_ward", "is_default"]
    search_fields = ["old_ward", "old_district", "new_ward__name"]
    raw_id_fields = ["new_ward"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ImportExportModelAdmin):
    resource_classes = [RoleAssignmentResource]
    export_form_class = VerboseExportForm
    formats = FORMATS
    list_display = ["user", "role", "area"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "area__name"]
    raw_id_fields = ["area"]


@admin.register(AreaPopulation)
class AreaPopulationAdmin(admin.ModelAdmin):
    """Read only: figures are entered on the ward's population page, where they are checked,
    and a correction is a new row, so the history of who entered what stays whole."""

    list_display = ["area", "valid_from", "households", "persons", "source", "entered_by"]
    list_filter = ["area__level"]
    search_fields = ["area__name", "source"]
    date_hierarchy = "valid_from"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Holiday)
