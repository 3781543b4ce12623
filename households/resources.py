"""Plain list exports of the register from the admin (scoped by the admin's queryset)."""

from import_export import fields, resources

from .models import Household


class HouseholdResource(resources.ModelResource):
    ward = fields.Field(attribute="ward__name", column_name="Xã, phường")
    residential_group = fields.Field(
        attribute="residential_group__name", column_name="Tổ dân phố, khóm"
    )

    class Meta:
        model = Household
        fields = ("code", "ward", "residential_group", "address", "phone", "notes")
        export_order = fields
