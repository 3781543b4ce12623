"""Forms of a case's steps (screening, decisions, suspension, death, notes, referrals)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ui.fields import DATE_WIDGET, DateField, MoneyField, MonthField, TextField

from ..models import Service, TerminationReason
from .fields import flags_field, not_future


class ScreenForm(forms.Form):
    prefix = "screen"
    screened_on = DateField(label=gettext_lazy("Ngày xét duyệt"), widget=DATE_WIDGET)
    note = TextField(
        label=gettext_lazy("Kết quả xét duyệt, niêm yết"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_screened_on(self):
        return not_future(self.cleaned_data["screened_on"])


class DecisionFields(forms.Form):
    """A decision of the ward chair: date, signer and number (blank: the next of the year)."""

    decided_on = DateField(label=gettext_lazy("Ngày quyết định"), widget=DATE_WIDGET)
    signer = TextField(label=gettext_lazy("Người ký"), max_length=120)
    number = TextField(
        label=gettext_lazy("Số quyết định"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("Để trống: lấy số tiếp theo trong năm của xã, phường."),
    )

    def clean_decided_on(self):
        return not_future(self.cleaned_data["decided_on"])


class GrantForm(DecisionFields):
    prefix = "grant"


class RefuseForm(forms.Form):
    prefix = "refuse"
    refused_on = DateField(label=gettext_lazy("Ngày trả lời"), widget=DATE_WIDGET)
    note = TextField(
        label=gettext_lazy("Lý do không đủ điều kiện"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AdjustForm(DecisionFields):
    prefix = "adjust"
    flags = flags_field()
    children_raised = forms.IntegerField(
        label=gettext_lazy("Số con đang nuôi"), min_value=0, max_value=20
    )
    pension_amount = MoneyField(
        label=gettext_lazy("Lương hưu, trợ cấp BHXH đang hưởng (đồng/tháng)"),
        min_value=0,
        required=False,
    )
    effective_month = MonthField(label=gettext_lazy("Áp dụng từ tháng"))
    note = TextField(
        label=gettext_lazy("Nội dung điều chỉnh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = [
        "flags",
        "children_raised",
        "pension_amount",
        "effective_month",
        "decided_on",
        "signer",
        "number",
        "note",
    ]


class SuspendForm(forms.Form):
    prefix = "suspend"
    on = DateField(label=gettext_lazy("Tạm dừng từ ngày"), widget=DATE_WIDGET)
    note = TextField(
        label=gettext_lazy("Lý do tạm dừng"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Ba tháng liền không nhận tiền, không chấp hành xét lại, bị tạm giam từ một tháng."
        ),
    )


class ResumeForm(forms.Form):
    prefix = "resume"
    on = DateField(label=gettext_lazy("Hưởng lại từ ngày"), widget=DATE_WIDGET)
    note = TextField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnpaidForm(forms.Form):
    prefix = "unpaid"
    since = MonthField(
        label=gettext_lazy("Chưa nhận tiền từ tháng"),
        help_text=gettext_lazy("Theo danh sách chi trả: tháng đầu tiên người hưởng không nhận."),
    )
    note = TextField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CollectedForm(forms.Form):
    prefix = "collected"
    on = DateField(label=gettext_lazy("Ngày nhận tiền"), widget=DATE_WIDGET)

    def clean_on(self):
        return not_future(self.cleaned_data["on"])


class TerminateForm(DecisionFields):
    prefix = "terminate"
    reason = forms.ChoiceField(
        label=gettext_lazy("Lý do thôi hưởng"),
        choices=[("", gettext_lazy("— Chọn —")), *TerminationReason.choices],
    )
    happened_on = DateField(
        label=gettext_lazy("Ngày xảy ra sự việc"),
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Thôi hưởng từ tháng sau tháng này (khoản 2 Điều 8)."),
    )
    note = TextField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = ["reason", "happened_on", "decided_on", "signer", "number", "note"]

    def clean_happened_on(self):
        return not_future(self.cleaned_data["happened_on"])


class DeathForm(forms.Form):
    prefix = "death"
    died_on = DateField(label=gettext_lazy("Ngày mất"), widget=DATE_WIDGET)
    signer = TextField(
        label=gettext_lazy("Người ký quyết định thôi hưởng"), max_length=120, required=False
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_died_on(self):
        died_on = not_future(self.cleaned_data["died_on"], _("Ngày mất không thể sau hôm nay."))
        if self.person.birth_date and died_on < self.person.birth_date:
            raise forms.ValidationError(_("Ngày mất trước ngày sinh."))
        return died_on


class NoteForm(forms.Form):
    prefix = "note"
    written_on = DateField(label=gettext_lazy("Ngày"), widget=DATE_WIDGET)
    text = TextField(label=gettext_lazy("Ghi chép"), widget=forms.Textarea(attrs={"rows": 2}))


class ReferralForm(forms.Form):
    prefix = "referral"
    service = forms.ChoiceField(
        label=gettext_lazy("Chuyển đến"), choices=[("", gettext_lazy("— Chọn —")), *Service.choices]
    )
    purpose = TextField(label=gettext_lazy("Nội dung"), max_length=255)
    referred_on = DateField(label=gettext_lazy("Ngày chuyển"), widget=DATE_WIDGET)
    follow_up_on = DateField(
        label=gettext_lazy("Ngày theo dõi lại"), required=False, widget=DATE_WIDGET
    )

    def clean(self):
        data = super().clean()
        start, follow = data.get("referred_on"), data.get("follow_up_on")
        if start and follow and follow < start:
            self.add_error("follow_up_on", _("Ngày theo dõi lại trước ngày chuyển."))
        return data


class ReferralCloseForm(forms.Form):
    outcome = TextField(label=gettext_lazy("Kết quả"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, prefix=f"close-{referral.pk}", **kwargs)
        self.referral = referral
