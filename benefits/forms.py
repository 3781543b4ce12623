"""Forms of paying: the month to generate, and how a beneficiary is paid."""

from django import forms
from django.utils.translation import gettext_lazy

from ui.fields import MONTH_WIDGET, DateField, MonthField, TextField

from .models import PaymentArrangement, Provider


class GenerateForm(forms.Form):
    month = MonthField(label=gettext_lazy("Tháng chi trả"), widget=MONTH_WIDGET)


class MonthForm(forms.Form):
    month = MonthField(label=gettext_lazy("Tháng"), widget=MONTH_WIDGET, required=False)


class ArrangementForm(forms.ModelForm):
    account_number = TextField(
        label=gettext_lazy("Số tài khoản, số ví"), max_length=30, required=False
    )
    bank_name = TextField(label=gettext_lazy("Ngân hàng, ví"), max_length=120, required=False)
    receiver_name = TextField(
        label=gettext_lazy("Người nhận thay"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Người giám hộ, người thân nhận thay; để trống khi tự nhận."),
    )
    receiver_relation = TextField(
        label=gettext_lazy("Quan hệ với người hưởng"), max_length=60, required=False
    )
    note = TextField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)

    class Meta:
        model = PaymentArrangement
        fields = [
            "method",
            "provider",
            "account_number",
            "bank_name",
            "receiver_name",
            "receiver_relation",
            "note",
        ]

    def __init__(self, *args, province_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.filter(province_id=province_id)

    def clean_account_number(self):
        return "".join(self.cleaned_data["account_number"].split())


class ReturnedListForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Danh sách tổ chức chi trả gửi lại (.xlsx, .xls, .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )


class LineMarkForm(forms.Form):
    paid = forms.TypedChoiceField(
        choices=[("1", gettext_lazy("Đã nhận")), ("0", gettext_lazy("Chưa nhận"))],
        coerce=lambda v: v == "1",
    )
    paid_on = DateField(label=gettext_lazy("Ngày nhận"), required=False)
