"""django-import-export resources for the reference data administrators keep in Excel."""

from django.contrib.auth import get_user_model
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import Area, RoleAssignment


class AreaResource(resources.ModelResource):
    """Provinces, wards and residential groups; the parent is named by its path."""

    parent = fields.Field(
        attribute="parent", column_name="parent_path", widget=ForeignKeyWidget(Area, "path")
    )

    class Meta:
        model = Area
        fields = ("code", "name", "level", "kind", "parent", "is_urban", "is_active", "path")
        import_id_fields = ("path",)
        skip_unchanged = True
        report_skipped = False

    def before_import_row(self, row, **kwargs):
        # The path is the tree's key: derive it from the parent's path and the code.
        parent = row.get("parent_path") or ""
        row["path"] = f"{parent or '/'}{row['code']}/"


class RoleAssignmentResource(resources.ModelResource):
    user = fields.Field(
        attribute="user",
        column_name="username",
        widget=ForeignKeyWidget(get_user_model(), "username"),
    )
    area = fields.Field(
        attribute="area", column_name="area_path", widget=ForeignKeyWidget(Area, "path")
    )

    class Meta:
        model = RoleAssignment
        fields = ("user", "area", "role")
        import_id_fields = ("user", "area", "role")
        skip_unchanged = True
