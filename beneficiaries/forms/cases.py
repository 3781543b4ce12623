"""Forms of the case list and a new application: they validate and convert, the services
write."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Area
from households.models import Household, Person
from households.rules import normal_national_id
from ui.fields import DATE_WIDGET, DateField, MoneyField, TextField
from vn.names import forbidden_characters, search_key
from vn.numbers import parse_id

from ..models import Benefit, CaseStatus
from .choices import DOCUMENT_CHOICES, GROUP_CHOICES
from .fields import flags_field, not_future


class CaseFilterForm(forms.Form):
    q = TextField(
        label=gettext_lazy("Tìm kiếm"),
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": gettext_lazy("Họ tên (có hoặc không dấu) hoặc số CCCD")}
        ),
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Xã, phường"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("Tất cả"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        choices=[("", gettext_lazy("Tất cả")), *CaseStatus.choices],
        required=False,
    )
    benefit = forms.ChoiceField(
        label=gettext_lazy("Chế độ"),
        choices=[("", gettext_lazy("Tất cả")), *Benefit.choices],
        required=False,
    )

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards

    def clean_q(self):
        text = self.cleaned_data["q"].strip()
        digits = normal_national_id(text)
        if digits.isascii() and digits.isdigit():
            return {"national_id": digits}
        return {"search_name": search_key(text)} if text else {}


class CaseOpenForm(forms.Form):
    """An application: the person (by national ID, or household and member) and the dossier."""

    national_id = TextField(
        label=gettext_lazy("Số định danh (CCCD)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Xã, phường"), queryset=Area.objects.none(), required=False
    )
    household = TextField(
        label=gettext_lazy("hoặc mã hộ"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    member = forms.TypedChoiceField(
        label=gettext_lazy("Người đề nghị"),
        choices=[("", gettext_lazy("— Nhập mã hộ trước —"))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    benefit = forms.ChoiceField(
        label=gettext_lazy("Chế độ đề nghị"),
        choices=Benefit.choices,
        initial=Benefit.ALLOWANCE,
        widget=forms.RadioSelect,
    )
    group = forms.ChoiceField(
        label=gettext_lazy("Nhóm đối tượng (trợ cấp hằng tháng)"),
        choices=GROUP_CHOICES,
        required=False,
    )
    flags = flags_field()
    children_raised = forms.IntegerField(
        label=gettext_lazy("Số con đang nuôi (nhóm K4)"),
        min_value=0,
        max_value=20,
        initial=0,
        required=False,
    )
    pension_amount = MoneyField(
        label=gettext_lazy("Lương hưu, trợ cấp BHXH đang hưởng (đồng/tháng)"),
        min_value=0,
        initial=0,
        required=False,
    )
    disability_certified_on = DateField(
        label=gettext_lazy("Ngày cấp giấy xác nhận khuyết tật"),
        required=False,
        widget=DATE_WIDGET,
    )
    documents = forms.MultipleChoiceField(
        label=gettext_lazy("Giấy tờ đã kiểm tra"),
        choices=DOCUMENT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = TextField(
        label=gettext_lazy("Đánh giá nhu cầu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    applied_on = DateField(label=gettext_lazy("Ngày nộp hồ sơ"), widget=DATE_WIDGET)

    def __init__(self, *args, user, wards, lookup=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.person = None
        self.fields["ward"].queryset = wards
        only = list(wards[:2])
        if len(only) == 1:
            del self.fields["ward"]
            self.only_ward = only[0]
        else:
            self.only_ward = None
        self.fields["applied_on"].initial = timezone.localdate()
        # Typing a household code (or choosing the ward) refreshes the member choice.
        refresh = {
            "hx-get": reverse("beneficiaries:members"),
            "hx-target": "#member-field",
            "hx-swap": "outerHTML",
            "hx-include": "[name=household], [name=ward]",
        }
        self.fields["household"].widget.attrs |= refresh | {
            "hx-trigger": "input changed delay:400ms"
        }
        if "ward" in self.fields:
            self.fields["ward"].widget.attrs |= refresh | {"hx-trigger": "change"}
        # The member choices follow the household typed: the posted data, or the
        # query of the htmx request that refreshes the choice alone.
        self.found_household = self._household_from(self.data if lookup is None else lookup)
        if self.found_household is not None:
            self.fields["member"].choices = [("", _("— Chọn người —"))] + [
                (p.pk, member_label(p)) for p in self._members(self.found_household)
            ]

    def _people(self):
        return Person.objects.visible_to(self.user, write=True)

    def _household_from(self, data) -> Household | None:
        """The household the typed code names in the user's wards, if exactly one."""
        code = str(data.get(self.add_prefix("household")) or "").strip().upper()
        if not code or len(code) > 30 or forbidden_characters(code):
            return None  # the field's own validation says what is wrong
        households = Household.objects.visible_to(self.user, write=True).filter(code__iexact=code)
        ward = parse_id(data.get(self.add_prefix("ward"))) if "ward" in self.fields else None
        if ward:
            households = households.filter(ward_id=ward)
        found = list(households.select_related("ward")[:2])
        return found[0] if len(found) == 1 else None

    def _members(self, household):
        return self._people().filter(
            household=household, deceased_on__isnull=True, moved_out_on__isnull=True
        )

    def clean_children_raised(self):
        return self.cleaned_data["children_raised"] or 0

    def clean_national_id(self):
        return normal_national_id(self.cleaned_data["national_id"])

    def clean_disability_certified_on(self):
        return not_future(self.cleaned_data["disability_certified_on"])

    def clean_applied_on(self):
        return not_future(self.cleaned_data["applied_on"])

    def clean(self):
        data = super().clean()
        self.person = self._find_person(data)
        benefit, group = data.get("benefit"), data.get("group")
        if benefit == Benefit.ALLOWANCE and not group:
            self.add_error("group", _("Chọn nhóm đối tượng đề nghị hưởng trợ cấp hằng tháng."))
        if benefit == Benefit.ALLOWANCE and group == "K4" and not data.get("children_raised"):
            self.add_error("children_raised", _("Nhóm K4 cần ghi số con đang nuôi."))
        if (
            benefit == Benefit.ALLOWANCE
            and group == "K6"
            and not data.get("disability_certified_on")
        ):
            self.add_error(
                "disability_certified_on",
                _("Nhóm K6 hưởng từ tháng cấp giấy xác nhận khuyết tật: ghi ngày cấp."),
            )
        return data

    def _find_person(self, data) -> Person | None:
        national_id = data.get("national_id")
        code = (data.get("household") or "").strip()
        if national_id:
            person = self._people().filter(national_id=national_id).first()
            if person is None:
                self.add_error(
                    "national_id",
                    _("Không có người mang số định danh %(id)s ở xã, phường của bạn.")
                    % {"id": national_id},
                )
            return person
        if not code:
            self.add_error(
                "national_id", _("Nhập số định danh, hoặc mã hộ rồi chọn người trong hộ.")
            )
            return None
        if self.found_household is None:
            self.add_error(
                "household",
                _("Không có hộ mã %(code)s ở xã, phường của bạn.") % {"code": code.upper()},
            )
            return None
        member = data.get("member")
        household = self.found_household
        person = self._members(household).filter(pk=member).first() if member else None
        if person is None:
            self.add_error("member", _("Chọn người đề nghị trong hộ %(code)s.") % {"code": code})
        return person


def member_label(person: Person) -> str:
    parts = [person.full_name, person.get_relation_to_head_display()]
    if person.birth_display:
        parts.append(_("sinh %(birth)s") % {"birth": person.birth_display})
    if person.disability_level:
        parts.append(_("khuyết tật %(level)s") % {"level": person.get_disability_level_display()})
    return " · ".join(str(p) for p in parts)
