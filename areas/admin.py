from django.contrib import admin

from .models import Area, AreaMapping, RoleAssignment


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
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
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "area"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "area__name"]
    raw_id_fields = ["area"]
