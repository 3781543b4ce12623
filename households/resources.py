"""Plain list exports of the register from the admin (scoped by the admin's queryset)."""

from import_export import fields, resources

from .models import Household, Person


class HouseholdResource(resources.ModelResource):
    ward = fields.Field(attribute="ward__name", column_name="Xã, phường")
    residential_group = fields.Field(
        attribute="residential_group__name", column_name="Tổ dân phố, khóm"
    )

    class Meta:
        model = Household
        fields = ("code", "ward", "residential_group", "address", "phone", "notes")
        export_order = fields


class PersonResource(resources.ModelResource):
    household = fields.Field(attribute="household__code", column_name="Mã hộ")

    class Meta:
        model = Person
        fields = (
            "household",
            "full_name",
            "relation_to_head",
            "sex",
            "birth_date",
            "national_id",
            "legacy_id",
            "ethnicity",
            "disability_level",
        )
        export_order = fields
