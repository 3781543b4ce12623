"""What a case and a household were paid, the ward's payroll of the coming month on the
worklists, and how a beneficiary is paid. The first three are fragments the case page, the
household page and the worklists load (those apps do not import this one)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from beneficiaries.access import get_case_for_user, get_ward_for_user
from households.access import get_household_for_user

from .. import queries, rules
from ..forms import ArrangementForm
from ..models import PaymentArrangement, Payroll
from ..queries.received import household_received

ACCOUNT_WARNINGS = {
    "missing": gettext_lazy("chưa có số tài khoản, số ví"),
    "digits": gettext_lazy("số tài khoản thường có từ 6 đến 20 chữ số"),
    "phone": gettext_lazy("ví điện tử thường mang số điện thoại 10 chữ số"),
}


@login_required
@require_GET
def case_payments_view(request, case_pk):
    case = get_case_for_user(request.user, case_pk)
    context = {"case": case, "lines": queries.case_payments(case)}
    return render(request, "benefits/_case_payments.html", context)


@login_required
@require_GET
def household_payments_view(request, household_pk):
    household = get_household_for_user(request.user, household_pk)
    context = {
        "totals": queries.household_totals(household),
        "received": household_received(household),
    }
    return render(request, "benefits/_household_payments.html", context)


@login_required
@require_GET
def ward_payroll_view(request, ward_pk):
    """This month's and the coming month's payrolls of the ward, with their deadlines."""
    ward = get_ward_for_user(request.user, ward_pk)
    today = timezone.localdate()
    upcoming = queries.next_payroll_month(today)
    payrolls = Payroll.objects.visible_to(request.user).filter(ward=ward)
    context = {
        "ward": ward,
        "upcoming": upcoming,
        "payroll": payrolls.filter(month=upcoming).first(),
        "deadline": queries.send_deadline(upcoming),
        "late": list(queries.unreconciled(payrolls, today)),
    }
    return render(request, "benefits/_ward_payroll.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def arrangement_view(request, case_pk):
    """Hình thức chi trả of the case's person: method, provider, account, receiver."""
    case = get_case_for_user(request.user, case_pk, write=request.method == "POST")
    arrangement = PaymentArrangement.objects.filter(person=case.person).first()
    arrangement = arrangement or PaymentArrangement(person=case.person)
    form = ArrangementForm(
        request.POST or None, instance=arrangement, province_id=case.ward.parent_id
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        warnings = rules.account_warnings(saved.method, saved.account_number)
        if warnings:
            messages.warning(
                request,
                _("Đã lưu, nhưng hãy kiểm tra lại: %(w)s.")
                % {"w": "; ".join(str(ACCOUNT_WARNINGS[w]) for w in warnings)},
            )
        else:
            messages.success(request, _("Đã lưu hình thức chi trả."))
        return redirect("beneficiaries:detail", case.pk)
    context = {"case": case, "form": form}
    return render(request, "benefits/arrangement.html", context, status=400 if form.errors else 200)
