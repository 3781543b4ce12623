from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Area, Kind

GROUP_KINDS = (Kind.STREET_GROUP, Kind.KHOM, Kind.VILLAGE, Kind.HAMLET)


class ResidentialGroupForm(forms.Form):
    ward = forms.ModelChoiceField(label=_("Xã, phường"), queryset=Area.objects.none())
    name = forms.CharField(label=_("Tên"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=[(k.value, k.label) for k in GROUP_KINDS])

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        only = list(wards[:2])
        if len(only) == 1:
            self.fields["ward"].initial = only[0].pk
