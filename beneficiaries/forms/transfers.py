"""Forms of a case's move between wards: the sending ward's "chuyển đi" and the receiving
ward's search by national ID."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Area
from areas.queries import vietnamese_order
from households.rules import InvalidNationalId, parse_national_id
from ui.fields import DATE_WIDGET, DateField, TextField

from .fields import not_future


class TransferOutForm(forms.Form):
    """The day the person moved, and where to when known (a ward of the same province;
    blank for another province or an unknown place)."""

    prefix = "transfer_out"
    moved_on = DateField(label=gettext_lazy("Ngày chuyển đi"), widget=DATE_WIDGET)
    to_ward = forms.ModelChoiceField(
        label=gettext_lazy("Chuyển đến xã, phường"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("Tỉnh khác hoặc chưa rõ"),
        help_text=gettext_lazy(
            "Xã, phường nơi người hưởng đến ở, nếu biết. Xã, phường đó tiếp nhận hồ sơ và chi "
            "trả từ tháng sau tháng chuyển đi."
        ),
    )
    note = TextField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_ward"].queryset = (
            Area.objects.wards()
            .filter(parent_id=case.ward.parent_id, is_active=True)
            .exclude(pk=case.ward_id)
            .order_by(vietnamese_order("name"))
        )

    def clean_moved_on(self):
        return not_future(self.cleaned_data["moved_on"])


class IncomingSearchForm(forms.Form):
    """A person arriving from elsewhere, found by their national ID (or old CMND)."""

    number = TextField(
        label=gettext_lazy("Số định danh (CCCD) hoặc CMND cũ"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_number(self):
        try:
            parsed = parse_national_id(self.cleaned_data["number"])
        except InvalidNationalId as e:
            raise forms.ValidationError(str(e)) from e
        if not parsed.value:
            raise forms.ValidationError(_("Nhập số định danh."))
        return parsed
