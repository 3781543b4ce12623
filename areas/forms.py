from django import forms
from django.utils.translation import gettext_lazy as _

from ui.fields import DateField, IntegerField, TextField
from vn.numbers import INTEGER_MAX

from .models import Area, Kind

GROUP_KINDS = (Kind.STREET_GROUP, Kind.KHOM, Kind.VILLAGE, Kind.HAMLET)


class ResidentialGroupForm(forms.Form):
    ward = forms.ModelChoiceField(label=_("Xã, phường"), queryset=Area.objects.none())
    name = TextField(label=_("Tên"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=[(k.value, k.label) for k in GROUP_KINDS])

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        only = list(wards[:2])
        if len(only) == 1:
            self.fields["ward"].initial = only[0].pk


class PopulationForm(forms.Form):
    """A figure of total households and persons; the service checks that it is plausible."""

    area = forms.ModelChoiceField(label=_("Địa bàn"), queryset=Area.objects.none())
    valid_from = DateField(label=_("Số liệu tại ngày"))
    households = IntegerField(label=_("Tổng số hộ"), max_value=INTEGER_MAX)
    persons = IntegerField(label=_("Tổng số nhân khẩu"), max_value=INTEGER_MAX)
    source = TextField(
        label=_("Nguồn số liệu"),
        max_length=255,
        help_text=_("Ví dụ: Công an phường, dữ liệu cư trú 01/2026; Thống kê."),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp .xlsx theo mẫu"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )
