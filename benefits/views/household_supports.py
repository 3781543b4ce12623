"""Vay vốn and Nhà ở of a ward: each page the plans' figure per residential group, the
records, a form for a new one (the household found by its code) and the next step.
The forms live here as they serve these pages only."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from areas.scope import can_write_ward
from beneficiaries.access import chosen_ward
from beneficiaries.forms.fields import not_future
from households.models import Household
from ui.fields import DATE_WIDGET, DateField, IntegerField, MoneyField, TextField, YearField

from ..models import HousingFunding, HousingSupport, Loan
from ..queries.household_supports import housing_figures, loan_figures
from ..services.household_supports import (
    SupportRecordError,
    housing_advance,
    housing_propose,
    loan_save,
)


class HouseholdCodeField(TextField):
    def __init__(self, **kwargs):
        super().__init__(label=gettext_lazy("Mã hộ"), max_length=30, **kwargs)


def _household(form, ward, user):
    code = form.cleaned_data["household_code"].strip()
    household = Household.objects.visible_to(user, write=True).filter(ward=ward, code__iexact=code)
    household = household.first()
    if household is None:
        form.add_error(
            "household_code",
            _("Không có hộ mã %(c)s trong %(w)s.") % {"c": code, "w": ward.name},
        )
    return household


class LoanForm(forms.Form):
    household_code = HouseholdCodeField()
    asked_on = DateField(label=gettext_lazy("Ngày đăng ký nhu cầu"), widget=DATE_WIDGET)
    purpose = forms.ChoiceField(label=gettext_lazy("Mục đích vay"), choices=Loan.Purpose.choices)
    amount_asked = MoneyField(label=gettext_lazy("Số tiền cần vay"))
    referred_on = DateField(
        label=gettext_lazy("Ngày giới thiệu đến ngân hàng"), widget=DATE_WIDGET, required=False
    )

    def clean_asked_on(self):
        return not_future(self.cleaned_data["asked_on"])


class BankForm(forms.Form):
    """What the bank reported: the programme, its answer, the amount, the disbursement."""

    status = forms.ChoiceField(label=gettext_lazy("Tình trạng"), choices=Loan.Status.choices)
    programme = forms.ChoiceField(
        label=gettext_lazy("Chương trình cho vay"),
        choices=[("", "—"), *Loan.Programme.choices],
        required=False,
    )
    referred_on = DateField(
        label=gettext_lazy("Ngày giới thiệu đến ngân hàng"), widget=DATE_WIDGET, required=False
    )
    answered_on = DateField(
        label=gettext_lazy("Ngày ngân hàng trả lời"), widget=DATE_WIDGET, required=False
    )
    amount_lent = MoneyField(label=gettext_lazy("Số tiền được vay"), required=False)
    disbursed_on = DateField(
        label=gettext_lazy("Ngày giải ngân"), widget=DATE_WIDGET, required=False
    )
    term_months = IntegerField(
        label=gettext_lazy("Thời hạn (tháng)"), min_value=1, max_value=600, required=False
    )
    notes = TextField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)


class HousingForm(forms.Form):
    household_code = HouseholdCodeField()
    condition = forms.ChoiceField(
        label=gettext_lazy("Tình trạng nhà ở"), choices=HousingSupport.Condition.choices
    )
    need = forms.ChoiceField(label=gettext_lazy("Nhu cầu"), choices=HousingSupport.Need.choices)
    proposed_on = DateField(label=gettext_lazy("Ngày đề xuất"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for source, label in HousingFunding.SOURCES:
            self.fields[f"fund_{source}"] = MoneyField(label=label, required=False)

    def funding(self) -> dict[str, int]:
        return {s: self.cleaned_data[f"fund_{s}"] or 0 for s, _label in HousingFunding.SOURCES}


def _page(request):
    wards, ward = chosen_ward(request)
    can_write = ward is not None and can_write_ward(request.user, ward.pk)
    if request.method == "POST" and not can_write:
        raise Http404
    options = wards if len(wards) > 1 else []
    return ward, can_write, {"ward": ward, "ward_options": options, "can_write": can_write}


@login_required
@require_http_methods(["GET", "POST"])
def loans_view(request):
    ward, can_write, context = _page(request)
    form = LoanForm(request.POST or None) if can_write else None
    if form is not None and request.method == "POST" and form.is_valid():
        household = _household(form, ward, request.user)
        if household is not None:
            data = {k: v for k, v in form.cleaned_data.items() if k != "household_code"}
            try:
                loan_save(user=request.user, household=household, **data)
            except SupportRecordError as e:
                form.add_error(None, str(e))
            else:
                messages.success(
                    request, _("Đã ghi nhu cầu vay vốn của hộ %(c)s.") % {"c": household.code}
                )
                return redirect(f"{request.path}?ward={ward.pk}")
    if ward is not None:
        year = _year(request)
        groups, whole = loan_figures(ward, year)
        loans = Loan.objects.visible_to(request.user).filter(ward=ward, asked_on__year=year)
        context |= {
            "year": year,
            "groups": groups,
            "whole": whole,
            "loans": loans.select_related("household"),
        }
    return render(request, "benefits/loans.html", {**context, "form": form})


def _year(request) -> int:
    field = YearField(required=False)
    try:
        return field.clean(request.GET.get("year")) or timezone.localdate().year
    except forms.ValidationError:
        return timezone.localdate().year


@login_required
@require_http_methods(["GET", "POST"])
def loan_edit_view(request, pk):
    loan = get_object_or_404(
        Loan.objects.visible_to(request.user, write=True).select_related("household"), pk=pk
    )
    fields = ("status", "programme", "referred_on", "answered_on", "amount_lent")
    fields += ("disbursed_on", "term_months", "notes")
    form = BankForm(request.POST or None, initial={f: getattr(loan, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            loan_save(user=request.user, household=loan.household, loan=loan, **form.cleaned_data)
        except SupportRecordError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Đã ghi kết quả từ ngân hàng."))
            return redirect(f"{reverse('benefits:loans')}?ward={loan.ward_id}")
    return render(request, "benefits/loan_form.html", {"loan": loan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def housing_view(request):
    ward, can_write, context = _page(request)
    form = HousingForm(request.POST or None) if can_write else None
    if form is not None and request.method == "POST" and form.is_valid():
        household = _household(form, ward, request.user)
        if household is not None:
            data = form.cleaned_data
            housing_propose(
                user=request.user,
                household=household,
                condition=data["condition"],
                need=data["need"],
                proposed_on=data["proposed_on"],
                funding=form.funding(),
            )
            messages.success(
                request, _("Đã ghi đề xuất hỗ trợ nhà ở của hộ %(c)s.") % {"c": household.code}
            )
            return redirect(f"{request.path}?ward={ward.pk}")
    if ward is not None:
        today = timezone.localdate()
        groups, whole = housing_figures(ward, today)
        supports = HousingSupport.objects.visible_to(request.user).filter(ward=ward)
        context |= {
            "today": today,
            "groups": groups,
            "whole": whole,
            "supports": supports.select_related("household").prefetch_related("funding"),
            "next_stages": NEXT,
        }
    return render(request, "benefits/housing.html", {**context, "form": form})


NEXT = {
    HousingSupport.Stage.PROPOSED: HousingSupport.Stage.APPROVED,
    HousingSupport.Stage.APPROVED: HousingSupport.Stage.STARTED,
    HousingSupport.Stage.STARTED: HousingSupport.Stage.ACCEPTED,
}


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=HousingSupport.Stage.choices)
    on = DateField(widget=DATE_WIDGET)

    def clean_on(self):
        return not_future(self.cleaned_data["on"])


@login_required
@require_POST
def housing_stage_view(request, pk):
    support = get_object_or_404(HousingSupport.objects.visible_to(request.user, write=True), pk=pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for f in form.errors.values() for e in f))
    else:
        try:
            housing_advance(user=request.user, support=support, **form.cleaned_data)
        except SupportRecordError as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request,
                _("Đã ghi: %(stage)s.")
                % {"stage": HousingSupport.Stage(form.cleaned_data["stage"]).label},
            )
    return redirect(f"{reverse('benefits:housing')}?ward={support.ward_id}")
