"""Forms of the poverty review; the services in review_services.py write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from areas.models import Area
from ui.fields import DATE_WIDGET, DateField, DecimalField, IntegerField, TextField

from .models import Cause, ReviewKind, ReviewSource, Wish

YES_NO = [
    ("", gettext_lazy("Chưa rõ")),
    ("yes", pgettext_lazy("trả lời", "Có")),
    ("no", pgettext_lazy("trả lời", "Không")),
]


class RoundOpenForm(forms.Form):
    ward = forms.ModelChoiceField(label=gettext_lazy("Xã, phường"), queryset=Area.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("Loại rà soát"), choices=ReviewKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm rà soát"), min_value=2021, max_value=2100)
    month = forms.IntegerField(
        label=gettext_lazy("Tháng (rà soát thường xuyên)"),
        min_value=1,
        max_value=12,
        required=False,
    )
    reference_date = DateField(
        label=gettext_lazy("Tính tuổi đến ngày"),
        required=False,
        help_text=gettext_lazy("Để trống: hôm nay."),
    )

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        if wards.count() == 1:
            self.fields["ward"].initial = wards.first()
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReviewKind.MONTHLY and not data.get("month"):
            self.add_error("month", _("Rà soát thường xuyên cần ghi tháng."))
        return data


class RequestForm(forms.Form):
    code = TextField(label=gettext_lazy("Mã hộ"), max_length=30)
    source = forms.ChoiceField(
        label=gettext_lazy("Đơn"), choices=[c for c in ReviewSource.choices if c[0] != "register"]
    )
    filed_on = forms.DateField(label=gettext_lazy("Ngày nộp"), widget=DATE_WIDGET)

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.households = households  # the round's ward, as the user may see it

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        household = self.households.filter(code__iexact=code).first()
        if household is None:
            raise forms.ValidationError(
                _("Không có hộ mã %(code)s ở xã, phường này.") % {"code": code}
            )
        self.household = household
        return code


class AssessmentForm(forms.Form):
    """The assessment of one household: one yes/no per indicator of the round's standard."""

    household_income_year = IntegerField(
        label=gettext_lazy("Tổng thu nhập của hộ trong 12 tháng (đồng)"),
        required=False,
    )
    income_per_capita = IntegerField(
        label=gettext_lazy("hoặc thu nhập bình quân (đồng/người/tháng)"),
        required=False,
    )
    floor_area = DecimalField(
        label=gettext_lazy("Diện tích nhà ở (m²)"),
        max_digits=7,
        decimal_places=1,
        required=False,
    )
    causes = forms.MultipleChoiceField(
        label=gettext_lazy("Nguyên nhân nghèo"),
        choices=Cause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    able_to_escape = forms.TypedChoiceField(
        label=gettext_lazy("Có khả năng thoát nghèo trong năm"),
        choices=YES_NO,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
    )
    wishes = forms.MultipleChoiceField(
        label=gettext_lazy("Nguyện vọng"),
        choices=Wish.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = TextField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = []
        for indicator, proposal in proposals:
            name = f"deprived_{indicator.code}"
            self.fields[name] = forms.BooleanField(label=indicator.name, required=False)
            self.fields[f"reason_{indicator.code}"] = TextField(
                label=gettext_lazy("Lý do khác với đề xuất"),
                required=False,
                max_length=255,
                widget=forms.TextInput(
                    attrs={"placeholder": gettext_lazy("Lý do, nếu chọn khác đề xuất")}
                ),
            )
            if proposal is not None and proposal.deprived is not None:
                self.fields[name].initial = proposal.deprived
            self.indicators.append((indicator, proposal))

    def clean(self):
        data = super().clean()
        if data.get("household_income_year") is None and data.get("income_per_capita") is None:
            self.add_error(
                "household_income_year",
                _("Ghi tổng thu nhập của hộ, hoặc thu nhập bình quân đầu người."),
            )
        return data

    def rows(self):
        """(indicator, proposal, deprived field, reason field), in the standard's order."""
        return [
            (i, p, self[f"deprived_{i.code}"], self[f"reason_{i.code}"]) for i, p in self.indicators
        ]

    def answers(self) -> tuple[dict[str, bool], dict[str, str]]:
        data = self.cleaned_data
        codes = [i.code for i, _p in self.indicators]
        return (
            {c: bool(data.get(f"deprived_{c}")) for c in codes},
            {c: data.get(f"reason_{c}", "") for c in codes},
        )


class MeetingForm(forms.Form):
    """A residential group's meeting; the group is chosen only when the list has several."""

    residential_group = forms.ModelChoiceField(
        label=gettext_lazy("Khóm, ấp, tổ dân phố"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("Các hộ chưa ghi tổ"),
    )
    held_on = forms.DateField(label=gettext_lazy("Ngày họp"), widget=DATE_WIDGET)
    place = TextField(label=gettext_lazy("Địa điểm"), max_length=255, required=False)
    chaired_by = TextField(
        label=gettext_lazy("Chủ trì (trưởng thôn, tổ dân phố, khóm, ấp)"),
        max_length=120,
        required=False,
    )
    attendance = forms.IntegerField(label=gettext_lazy("Số người dự"), min_value=1)
    agreed = forms.IntegerField(label=gettext_lazy("Số người đồng ý"), min_value=0)
    notes = TextField(
        label=gettext_lazy("Ý kiến tại cuộc họp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, groups, without_group=False, **kwargs):
        """groups: the round's residential groups that still need a meeting that passes, or
        None for a list of a single group (or none), whose one meeting needs no choice;
        without_group: households without a group still wait for theirs."""
        super().__init__(*args, **kwargs)
        field = self.fields["residential_group"]
        if groups is None:
            del self.fields["residential_group"]
            return
        field.queryset = groups
        if not without_group:
            field.required, field.empty_label = True, "---------"


class PostingForm(forms.Form):
    posting_from = forms.DateField(label=gettext_lazy("Niêm yết từ ngày"), widget=DATE_WIDGET)
    posting_to = forms.DateField(label=gettext_lazy("đến ngày"), widget=DATE_WIDGET)
    place = TextField(label=gettext_lazy("Nơi niêm yết"), max_length=255, required=False)
    complaints = TextField(
        label=gettext_lazy("Ghi chú về niêm yết"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ComplaintForm(forms.Form):
    """A complaint or request for re-check received during the posting."""

    received_on = forms.DateField(label=gettext_lazy("Ngày nhận"), widget=DATE_WIDGET)
    complainant = TextField(label=gettext_lazy("Người khiếu nại, đề nghị"), max_length=120)
    content = TextField(label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))


class ComplaintAnswerForm(forms.Form):
    answer = TextField(
        label=gettext_lazy("Kết quả giải quyết"), widget=forms.Textarea(attrs={"rows": 2})
    )
    answered_on = forms.DateField(label=gettext_lazy("Ngày trả lời"), widget=DATE_WIDGET)


class DecisionForm(forms.Form):
    number = TextField(label=gettext_lazy("Số quyết định"), max_length=50)
    decided_on = forms.DateField(label=gettext_lazy("Ngày quyết định"), widget=DATE_WIDGET)
    signer = TextField(label=gettext_lazy("Người ký"), max_length=120)


class MovementForm(forms.Form):
    area = forms.ModelChoiceField(label=gettext_lazy("Địa bàn"), queryset=Area.objects.none())
    start = forms.DateField(label=gettext_lazy("Từ ngày"), widget=DATE_WIDGET)
    end = forms.DateField(label=gettext_lazy("Đến ngày"), widget=DATE_WIDGET)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def offer(self, areas) -> None:
        """List only these areas in the choice (any of `areas` stays valid when asked)."""
        field = self.fields["area"]
        field.choices = [("", field.empty_label), *((a.pk, str(a)) for a in areas)]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
