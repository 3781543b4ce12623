"""One-off supports (trợ giúp một lần): the ward's list, proposing one for a person (by
national ID) or a household (by its code), its page with the chair's decision, the payment
on the spot or the cancellation, and the decision as PDF.

The forms live here as they serve these pages only."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areas.scope import can_write_ward
from beneficiaries.access import chosen_ward, get_ward_for_user
from beneficiaries.forms.fields import not_future
from beneficiaries.forms.steps import DecisionFields
from households.models import Household
from ui.documents import document_response
from ui.fields import DATE_WIDGET, DateField, IntegerField, MoneyField, TextField
from vn.money import vnd

from ..access import get_support_for_user, ward_person
from ..models import BenefitType, PayrollLine, Support
from ..services.supports import (
    RICE_MONTHS,
    SUPPORT_CODES,
    SupportError,
    rate_minimum,
    support_cancel,
    support_decide,
    support_pay_on_spot,
    support_propose,
)
from ..support_decisions import support_decision_context, support_decision_filename


class SupportForm(forms.Form):
    """What the officer types; the person or household is looked up within the ward."""

    benefit_type = forms.ModelChoiceField(
        label=gettext_lazy("Loại trợ giúp"), queryset=BenefitType.objects.none(), empty_label=None
    )
    national_id = TextField(
        label=gettext_lazy("Số định danh của người được hỗ trợ"), max_length=20, required=False
    )
    household_code = TextField(
        label=gettext_lazy("Hoặc mã hộ được hỗ trợ"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("Hỗ trợ nhà ở, lương thực cho cả hộ: nhập mã hộ."),
    )
    event_on = DateField(
        label=gettext_lazy("Ngày xảy ra"),
        help_text=gettext_lazy("Hỗ trợ mai táng: ngày mất."),
        widget=DATE_WIDGET,
    )
    reason = TextField(
        label=gettext_lazy("Lý do"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    persons = IntegerField(label=gettext_lazy("Số người (hỗ trợ gạo)"), min_value=1, max_value=99)
    months = IntegerField(
        label=gettext_lazy("Số tháng (hỗ trợ gạo)"), min_value=1, max_value=RICE_MONTHS
    )
    amount = MoneyField(
        label=gettext_lazy("Số tiền"),
        required=False,
        help_text=gettext_lazy("Để trống: mức tối thiểu theo quy định; chỉ được cao hơn."),
    )
    receiver_name = TextField(label=gettext_lazy("Người nhận"), max_length=120, required=False)
    receiver_relation = TextField(
        label=gettext_lazy("Quan hệ với người được hỗ trợ"), max_length=60, required=False
    )
    payment = forms.ChoiceField(label=gettext_lazy("Cách chi"), choices=Support.Payment.choices)

    def __init__(self, *args, ward, user, **kwargs):
        kwargs.setdefault("initial", {"persons": 1, "months": 1})
        super().__init__(*args, **kwargs)
        self.ward, self.user = ward, user
        self.fields["benefit_type"].queryset = BenefitType.objects.filter(code__in=SUPPORT_CODES)

    def clean_event_on(self):
        return not_future(self.cleaned_data["event_on"])

    def clean_national_id(self):
        number = "".join(self.cleaned_data["national_id"].split())
        if not number:
            return None
        return ward_person(self.user, self.ward, number)

    def clean_household_code(self):
        code = self.cleaned_data["household_code"].strip()
        if not code:
            return None
        households = Household.objects.visible_to(self.user, write=True)
        household = households.filter(ward=self.ward, code__iexact=code).first()
        if household is None:
            raise forms.ValidationError(
                _("Không có hộ mã %(c)s trong %(w)s.") % {"c": code, "w": self.ward.name}
            )
        return household

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("national_id") and not data.get("household_code"):
            raise forms.ValidationError(_("Hãy nhập số định danh của người hoặc mã hộ."))
        return data


class DecideForm(DecisionFields):
    prefix = "decide"


class SpotForm(forms.Form):
    prefix = "spot"
    paid_on = DateField(label=gettext_lazy("Ngày chi"), widget=DATE_WIDGET)

    def clean_paid_on(self):
        return not_future(self.cleaned_data["paid_on"])


class CancelForm(forms.Form):
    prefix = "cancel"
    note = TextField(label=gettext_lazy("Lý do hủy"), max_length=500)


@login_required
@require_GET
def support_list_view(request):
    """Trợ giúp một lần: the ward's supports, the latest first."""
    wards, ward = chosen_ward(request)
    supports = []
    if ward is not None:
        supports = (
            Support.objects.visible_to(request.user)
            .filter(ward=ward)
            .select_related("benefit_type", "person", "household")[:200]
        )
    context = {
        "ward": ward,
        "ward_options": wards if len(wards) > 1 else [],
        "supports": supports,
        "can_write": ward is not None and can_write_ward(request.user, ward.pk),
    }
    return render(request, "benefits/support_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def support_new_view(request, ward_pk):
    ward = get_ward_for_user(request.user, ward_pk)
    if not can_write_ward(request.user, ward.pk):
        raise Http404
    form = SupportForm(request.POST or None, ward=ward, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            support = support_propose(
                user=request.user,
                ward=ward,
                benefit_type=data["benefit_type"],
                event_on=data["event_on"],
                person=data["national_id"],
                household=data["household_code"],
                reason=data["reason"],
                persons=data["persons"],
                months=data["months"],
                amount=data["amount"] or None,
                receiver_name=data["receiver_name"],
                receiver_relation=data["receiver_relation"],
                payment=data["payment"],
            )
        except SupportError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Đã lập đề xuất trợ giúp: chờ Chủ tịch quyết định."))
            return redirect("benefits:support_detail", support.pk)
    return render(request, "benefits/support_form.html", {"ward": ward, "form": form})


def _minimum(support: Support):
    try:
        return rate_minimum(
            support.rate,
            support.ward,
            support.event_on,
            persons=support.persons,
            months=support.months,
        )
    except SupportError:
        return None


@login_required
@require_GET
def support_detail_view(request, pk):
    support = get_support_for_user(request.user, pk)
    today = timezone.localdate()
    context = {
        "support": support,
        "minimum": _minimum(support) if support.rate_id else None,
        "lines": PayrollLine.objects.filter(support=support)
        .select_related("payroll")
        .order_by("payroll__month"),
        "can_write": can_write_ward(request.user, support.ward_id),
        "decide_form": DecideForm(initial={"decided_on": today}),
        "spot_form": SpotForm(initial={"paid_on": today}),
        "cancel_form": CancelForm(),
    }
    return render(request, "benefits/support_detail.html", context)


def _refused(request, form) -> None:
    errors = [str(e) for field in form.errors.values() for e in field]
    messages.error(request, " ".join(errors))


def _step(request, pk, form_class, service, done, again: str):
    """Validate the step's form and run its service on the support; say what happened
    (`done` may name what the service wrote) or why not, and go back to its page."""
    support = get_support_for_user(request.user, pk, write=True)
    form = form_class(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("benefits:support_detail", support.pk)
    try:
        changed = service(user=request.user, support=support, **form.cleaned_data)
    except SupportError as e:
        messages.error(request, str(e))
    else:
        if changed:
            messages.success(request, done(support) if callable(done) else done)
        else:
            messages.info(request, again)
    return redirect("benefits:support_detail", support.pk)


@login_required
@require_POST
def support_decide_view(request, pk):
    return _step(
        request,
        pk,
        DecideForm,
        support_decide,
        lambda support: (
            _("Đã ghi Quyết định số %(n)s: %(amount)s.")
            % {"n": support.decision_number, "amount": vnd(support.amount)}
        ),
        _("Khoản hỗ trợ không còn chờ quyết định."),
    )


@login_required
@require_POST
def support_pay_view(request, pk):
    return _step(
        request,
        pk,
        SpotForm,
        support_pay_on_spot,
        _("Đã ghi chi tại chỗ."),
        _("Khoản hỗ trợ đã được ghi chi hoặc đã hủy trước đó."),
    )


@login_required
@require_POST
def support_cancel_view(request, pk):
    return _step(
        request,
        pk,
        CancelForm,
        support_cancel,
        _("Đã hủy khoản hỗ trợ."),
        _("Khoản hỗ trợ đã được hủy trước đó."),
    )


@login_required
@require_GET
def support_pdf_view(request, pk):
    support = get_support_for_user(request.user, pk)
    if support.status == Support.Status.CANCELLED or support.rate_id is None:
        raise Http404
    with translation.override("vi"):  # an administrative document is Vietnamese
        try:
            context = support_decision_context(support)
        except SupportError as e:
            messages.error(request, str(e))
            return redirect("benefits:support_detail", support.pk)
        return document_response(
            request,
            "benefits/docs/support_decision.html",
            context,
            support_decision_filename(support),
        )
