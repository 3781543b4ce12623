"""The admin's export form with each column named as the model names it: "mã (code)".

django-import-export titles the snake-case field name ("Is Urban"), which no catalog can
translate; the model's verbose name is already Vietnamese.
"""

from django.core.exceptions import FieldDoesNotExist
from import_export.forms import SelectableFieldsExportForm


class VerboseExportForm(SelectableFieldsExportForm):
    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        column = field.column_name if field else field_name
        if not column.isascii() or " " in column:  # already a heading: "Xã, phường"
            return column
        attribute = (field.attribute if field else None) or field_name
        try:
            verbose = resource._meta.model._meta.get_field(attribute).verbose_name
        except FieldDoesNotExist:
            return super()._get_field_label(resource, field_name)
        return f"{verbose} ({column})"
