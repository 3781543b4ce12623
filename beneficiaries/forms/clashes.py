"""The officer's conclusion on an identity clash of the worklist."""

from django import forms
from django.utils.translation import gettext_lazy

from households.models import IdentityClash
from ui.fields import TextField


class ClashResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        label=gettext_lazy("Kết luận"), choices=IdentityClash.Resolution.choices
    )
    note = TextField(
        label=gettext_lazy("Căn cứ"),
        max_length=500,
        help_text=gettext_lazy("Đã đối chiếu giấy tờ nào, với ai (bắt buộc)."),
    )
