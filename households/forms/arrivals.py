"""Forms of the arrivals page: finding a household that moved in, and receiving it under
the receiving ward's code, group and address."""

from django import forms
from django.utils.translation import gettext_lazy

from areas.models import Area
from ui.fields import TextField

from .events import group_field, groups_of, note_field
from .register import PlaceForm


class ArrivalSearchForm(forms.Form):
    q = TextField(
        label=gettext_lazy("Tìm hộ chuyển đến"),
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": gettext_lazy("Mã hộ hoặc số CCCD của một thành viên")}
        ),
    )


class ReceiveForm(PlaceForm):
    """The receiving ward's code, group and address for a household that moved to it."""

    ward = forms.ModelChoiceField(
        label=gettext_lazy("Xã, phường tiếp nhận"), queryset=Area.objects.none()
    )
    code = TextField(label=gettext_lazy("Mã hộ mới"), max_length=30)
    residential_group = group_field()
    address = TextField(label=gettext_lazy("Địa chỉ"), max_length=255, required=False)
    note = note_field()

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.place(wards, groups_of(wards.values("pk")))
