"""Forms of paying (the month to generate, how a beneficiary is paid) and of gift
campaigns (the campaign, its groups, the list's adjustments and hand-outs)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Area, Level
from beneficiaries.forms.fields import not_future
from beneficiaries.models.policy import GROUPS
from households.models import Classification
from ui.fields import DATE_WIDGET, MONTH_WIDGET, DateField, MoneyField, MonthField, TextField

from . import gifts
from .models import BenefitType, Campaign, CampaignGroup, Funding, PaymentArrangement, Provider
from .queries.campaigns import milestone_label


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


GIFT_CODES = ("gift_tet", "gift_longevity", "gift_donor")


class CampaignForm(forms.Form):
    name = TextField(label=gettext_lazy("Tên đợt"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=Campaign.Kind.choices)
    ceremony_on = DateField(label=gettext_lazy("Ngày trao"), widget=DATE_WIDGET)
    age_on = forms.ChoiceField(
        label=gettext_lazy("Tính tuổi mừng thọ"), choices=Campaign.AgeOn.choices
    )
    giver = TextField(label=gettext_lazy("Đơn vị, người tặng"), max_length=200)
    funding = forms.ChoiceField(label=gettext_lazy("Nguồn kinh phí"), choices=Funding.choices)
    benefit_type = forms.ModelChoiceField(
        label=gettext_lazy("Loại quà"), queryset=BenefitType.objects.none(), empty_label=None
    )
    one_per_person = forms.BooleanField(
        label=gettext_lazy("Mỗi người một phần quà dù thuộc nhiều nhóm"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefit_type"].queryset = BenefitType.objects.filter(code__in=GIFT_CODES)


class GroupForm(forms.Form):
    """One group the campaign selects; the second of the page may stay empty."""

    selects = forms.ChoiceField(
        label=gettext_lazy("Chọn theo"),
        choices=[("", "—"), *CampaignGroup.Selects.choices],
        required=False,
    )
    label = TextField(label=gettext_lazy("Tên nhóm"), max_length=200, required=False)
    unit = forms.ChoiceField(label=gettext_lazy("Đơn vị nhận"), choices=CampaignGroup.Unit.choices)
    classifications = forms.MultipleChoiceField(
        label=gettext_lazy("Phân loại hộ (vào ngày trao)"),
        choices=Classification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    case_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Nhóm đối tượng đang hưởng trong tháng"),
        choices=[*GROUPS, ("social_pension", gettext_lazy("Hưu trí xã hội"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    milestones = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Tuổi mừng thọ"),
        choices=[(m, milestone_label(m)) for m in gifts.MILESTONES],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    residential_groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Chỉ các tổ dân phố, khóm (để trống: cả phường)"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cash = MoneyField(label=gettext_lazy("Tiền mặt mỗi phần"), required=False)
    goods = TextField(label=gettext_lazy("Hiện vật"), max_length=200, required=False)
    goods_value = MoneyField(label=gettext_lazy("Trị giá hiện vật"), required=False)

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        places = Area.objects.filter(parent=ward, level=Level.RESIDENTIAL_GROUP).order_by("name")
        self.fields["residential_groups"].queryset = places

    def clean(self):
        data = super().clean()
        selects = data.get("selects")
        if not selects:
            return data
        needed = {
            CampaignGroup.Selects.CLASSIFICATION: "classifications",
            CampaignGroup.Selects.CASE: "case_groups",
            CampaignGroup.Selects.MILESTONE: "milestones",
        }[selects]
        if not data.get(needed):
            self.add_error(needed, _("Hãy chọn ít nhất một mục."))
        if not data.get("label"):
            data["label"] = dict(CampaignGroup.Selects.choices)[selects]
        return data

    def group(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("selects"):
            return None
        return {
            "label": data["label"],
            "selects": data["selects"],
            "unit": data["unit"],
            "classifications": data["classifications"],
            "case_groups": data["case_groups"],
            "milestones": data["milestones"],
            "residential_groups": list(data["residential_groups"]),
            "cash": data["cash"] or 0,
            "goods": data["goods"],
            "goods_value": data["goods_value"] or 0,
        }


class RemoveForm(forms.Form):
    reason = TextField(label=gettext_lazy("Lý do đưa ra"), max_length=255)


class AddForm(forms.Form):
    national_id = TextField(label=gettext_lazy("Số định danh"), max_length=20)
    note = TextField(label=gettext_lazy("Lý do bổ sung"), max_length=255)


class HandOutForm(forms.Form):
    received_on = DateField(label=gettext_lazy("Ngày nhận"), widget=DATE_WIDGET)
    received_by = TextField(label=gettext_lazy("Người nhận thay"), max_length=200, required=False)

    def clean_received_on(self):
        return not_future(self.cleaned_data["received_on"])
