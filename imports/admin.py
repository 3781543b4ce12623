from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs change only through their own pages and tasks."""

    list_display = ["pk", "original_name", "ward", "created_by", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["ward", "created_by"]
    search_fields = ["original_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
