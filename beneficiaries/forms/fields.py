"""Fields the case forms share beyond ui.fields: the dossier's conditions and a day that
must not be in the future."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import FLAG_CHOICES


def not_future(day, message=None):
    if day and day > timezone.localdate():
        raise forms.ValidationError(message or _("Ngày này chưa đến."))
    return day


def flags_field():
    return forms.MultipleChoiceField(
        label=gettext_lazy("Điều kiện đã xác nhận trong hồ sơ"),
        choices=FLAG_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
