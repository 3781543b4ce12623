"""Forms of the arrivals page: finding a household that moved in, and receiving it under
the receiving ward's code, group and address."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Area
from vn.names import clean_name

from .events import group_field, groups_of, note_field


class ArrivalSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Tìm hộ chuyển đến"),
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": gettext_lazy("Mã hộ hoặc số CCCD của một thành viên")}
        ),
    )


class ReceiveForm(forms.Form):
    """The receiving ward's code, group and address for a household that moved to it."""

    ward = forms.ModelChoiceField(
        label=gettext_lazy("Xã, phường tiếp nhận"), queryset=Area.objects.none()
    )
    code = forms.CharField(label=gettext_lazy("Mã hộ mới"), max_length=30)
    residential_group = group_field()
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=255, required=False)
    note = note_field()

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        self.fields["residential_group"].queryset = groups_of(wards.values("pk"))
        only = list(wards[:2])
        if len(only) == 1:
            self.fields["ward"].initial = only[0].pk

    def clean_code(self):
        return clean_name(self.cleaned_data["code"]).upper()

    def clean(self):
        data = super().clean()
        group, ward = data.get("residential_group"), data.get("ward")
        if group and ward and group.parent_id != ward.pk:
            self.add_error("residential_group", _("Tổ dân phố này không thuộc xã, phường đã chọn."))
        return data
