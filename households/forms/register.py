"""Forms validate and convert; the services in services.py write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from areas.models import Area
from ui.fields import (
    EARLIEST_DATE,
    DateField,
    IntegerField,
    TextField,
    YearField,
)
from vn.names import clean_name
from vn.numbers import INTEGER_MAX, ascii_digits

from .. import support_filters
from ..models import Classification, DisabilityLevel, Education, HouseholdStatus, Relation, Sex
from ..rules import InvalidNationalId, head_count_error, parse_birth, parse_national_id

CHOOSE = ("", gettext_lazy("— Chọn —"))


def _today():
    return timezone.localdate()


# A yes/no the officer may not know yet: NullBooleanField reads "unknown" as None.
YES_NO_UNKNOWN_WIDGET = forms.Select(
    choices=[
        ("unknown", gettext_lazy("Chưa rõ")),
        ("true", pgettext_lazy("trả lời", "Có")),
        ("false", pgettext_lazy("trả lời", "Không")),
    ]
)


class HouseholdFilterForm(forms.Form):
    q = TextField(
        label=gettext_lazy("Tìm kiếm"),
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": gettext_lazy("Họ tên (có hoặc không dấu), số CCCD hoặc mã hộ")}
        ),
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Xã, phường"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("Tất cả"),
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("Tổ dân phố, khóm"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("Tất cả"),
    )
    classification = forms.ChoiceField(
        label=gettext_lazy("Phân loại"),
        choices=[("", gettext_lazy("Tất cả"))] + Classification.choices,
        required=False,
    )
    # In force on some day of the year: a status carried from the year before counts.
    year = YearField(
        label=gettext_lazy("Áp dụng trong năm"), required=False, min_value=2000, max_value=2100
    )
    state = forms.ChoiceField(
        label=gettext_lazy("Tình trạng"),
        choices=[
            ("", gettext_lazy("Đang quản lý")),
            ("changed", gettext_lazy("Có thay đổi, chờ rà soát")),
            ("closed", gettext_lazy("Đã đóng sổ")),
            ("all", gettext_lazy("Tất cả")),
        ],
        required=False,
    )

    support = forms.ChoiceField(label=gettext_lazy("Hỗ trợ"), choices=(), required=False)

    def __init__(self, *args, wards, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        self.fields["group"].queryset = groups
        self.fields["support"].choices = support_filters.choices()


class PlaceForm(forms.Form):
    """Where a household is: its ward (preselected when the user has one), residential
    group of that ward and code. HouseholdForm and the receiving of a moved household."""

    def place(self, wards, groups) -> None:
        self.fields["ward"].queryset = wards
        self.fields["residential_group"].queryset = groups
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


class HouseholdForm(PlaceForm):
    ward = forms.ModelChoiceField(label=gettext_lazy("Xã, phường"), queryset=Area.objects.none())
    residential_group = forms.ModelChoiceField(
        label=gettext_lazy("Tổ dân phố, khóm, ấp"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("— Không thuộc tổ nào —"),
    )
    code = TextField(label=gettext_lazy("Mã hộ"), max_length=30)
    address = TextField(label=gettext_lazy("Địa chỉ"), max_length=255, required=False)
    phone = forms.RegexField(
        label=gettext_lazy("Điện thoại"),
        regex=r"^[0-9 +().\-]{8,20}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Số điện thoại không hợp lệ.")},
    )
    notes = TextField(
        label=gettext_lazy("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = IntegerField(widget=forms.HiddenInput, required=False, max_value=INTEGER_MAX)

    def __init__(self, *args, wards, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.place(wards, groups)


class MemberForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    full_name = TextField(label=gettext_lazy("Họ và tên"), max_length=120)
    relation_to_head = forms.ChoiceField(
        label=gettext_lazy("Quan hệ với chủ hộ"), choices=[CHOOSE, *Relation.choices]
    )
    sex = forms.ChoiceField(label=gettext_lazy("Giới tính"), choices=[CHOOSE, *Sex.choices])
    birth = TextField(
        label=gettext_lazy("Ngày sinh"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("nn/tt/nnnn hoặc năm")}),
    )
    national_id = TextField(label=gettext_lazy("Số CCCD/CMND"), max_length=20, required=False)
    ethnicity = TextField(
        label=gettext_lazy("Dân tộc"), max_length=40, required=False, initial="Kinh"
    )
    disability_level = forms.ChoiceField(
        label=gettext_lazy("Khuyết tật"),
        choices=[("", gettext_lazy("Không"))] + DisabilityLevel.choices,
        required=False,
    )
    has_health_insurance = forms.NullBooleanField(
        label=gettext_lazy("Có thẻ BHYT"),
        required=False,
        widget=YES_NO_UNKNOWN_WIDGET,
    )
    health_insurance_number = TextField(
        label=gettext_lazy("Mã thẻ BHYT"), max_length=15, required=False
    )
    in_school = forms.NullBooleanField(
        label=gettext_lazy("Đang đi học"),
        required=False,
        widget=YES_NO_UNKNOWN_WIDGET,
    )
    education = forms.ChoiceField(
        label=gettext_lazy("Học vấn"),
        choices=[("", gettext_lazy("Chưa rõ")), *Education.choices],
        required=False,
    )
    deceased_on = DateField(label=gettext_lazy("Ngày mất"), required=False, latest=_today)
    moved_out_on = DateField(label=gettext_lazy("Ngày chuyển đi"), required=False, latest=_today)

    def clean_health_insurance_number(self):
        return self.cleaned_data["health_insurance_number"].replace(" ", "").upper()

    def clean_full_name(self):
        return clean_name(self.cleaned_data["full_name"])

    def clean_birth(self):
        try:
            birth = parse_birth(ascii_digits(self.cleaned_data["birth"]))
        except ValueError:
            raise ValidationError(
                _("Ngày sinh không hợp lệ: nhập ngày/tháng/năm (như 05/06/1980) hoặc chỉ năm sinh.")
            ) from None
        if birth[0] and not EARLIEST_DATE <= birth[0] <= _today():
            raise ValidationError(
                _("Ngày sinh phải từ năm %(earliest)d đến hôm nay.")
                % {"earliest": EARLIEST_DATE.year}
            )
        return birth

    def clean(self):
        data = super().clean()
        birth_date, year_only = data.get("birth") or (None, False)
        data["birth_date"], data["birth_year_only"] = birth_date, year_only
        raw_id = data.get("national_id", "")
        data["legacy_id"] = ""
        if raw_id and "sex" in data:
            try:
                parsed = parse_national_id(
                    raw_id,
                    birth_year=birth_date.year if birth_date else None,
                    sex=data["sex"],
                )
            except InvalidNationalId as e:
                self.add_error("national_id", str(e))
            else:
                data["national_id"] = parsed.value if parsed.kind == "national_id" else ""
                data["legacy_id"] = parsed.value if parsed.kind == "legacy_id" else ""
        if birth_date and data.get("deceased_on") and data["deceased_on"] < birth_date:
            self.add_error("deceased_on", _("Ngày mất trước ngày sinh."))
        return data


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        members = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        error = head_count_error([m["relation_to_head"] for m in members])
        if error:
            raise ValidationError(error)
        ids = [m["national_id"] for m in members if m.get("national_id")]
        if len(ids) != len(set(ids)):
            raise ValidationError(_("Một số định danh được ghi cho hai người trong cùng hộ."))

    @property
    def members(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.cleaned_data]


MemberFormSet = forms.formset_factory(
    MemberForm,
    formset=BaseMemberFormSet,
    extra=0,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


class StatusForm(forms.ModelForm):
    # A status is for a year of the register's standards: none before 2000, none past next year.
    year = YearField(label=gettext_lazy("Năm"), min_value=2000)
    decision_number = TextField(label=gettext_lazy("Số quyết định"), max_length=50, required=False)
    decision_date = DateField(label=gettext_lazy("Ngày quyết định"), required=False, latest=_today)
    reason = TextField(
        label=gettext_lazy("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = HouseholdStatus
        fields = ["year", "classification", "decision_number", "decision_date", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].choices = [CHOOSE, *Classification.choices]
        self.fields["year"].max_value = timezone.localdate().year + 1
