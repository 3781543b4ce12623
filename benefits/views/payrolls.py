"""The ward's payrolls: the list of months, generating a draft, a payroll's page with its
people and totals, approving it and sending it to the provider."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from areas.queries import ward_choices
from areas.scope import can_write_ward
from beneficiaries.access import chosen_ward_id, get_ward_for_user
from vn.money import vnd

from .. import queries
from ..access import get_payroll_for_user
from ..forms import GenerateForm, ReturnedListForm
from ..models import Payroll
from ..services.payrolls import PayrollError, payroll_approve, payroll_generate, payroll_send


@login_required
@require_GET
def payroll_list_view(request):
    """Bảng chi trả: a ward's payrolls by month, and the next one to make."""
    wards = ward_choices(request.user)
    ward_id = chosen_ward_id(request, wards)
    if ward_id is None:
        return redirect("benefits:province")
    ward = get_ward_for_user(request.user, ward_id)
    today = timezone.localdate()
    upcoming = queries.next_payroll_month(today)
    payrolls = Payroll.objects.visible_to(request.user).filter(ward=ward).order_by("-month")
    context = {
        "ward": ward,
        "ward_options": wards if len(wards) > 1 else [],
        "payrolls": payrolls[:36],
        "form": GenerateForm(initial={"month": upcoming}),
        "upcoming": upcoming,
        "deadline": queries.send_deadline(upcoming),
        "can_write": can_write_ward(request.user, ward.pk),
        "late": queries.unreconciled(payrolls, today),
    }
    return render(request, "benefits/payroll_list.html", context)


@login_required
@require_POST
def payroll_generate_view(request, ward_pk):
    ward = get_ward_for_user(request.user, ward_pk)
    form = GenerateForm(request.POST)
    back = reverse("benefits:list") + f"?ward={ward.pk}"
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["month"]))
        return redirect(back)
    try:
        done = payroll_generate(user=request.user, ward=ward, month=form.cleaned_data["month"])
    except PayrollError as e:
        messages.error(request, str(e))
        return redirect(back)
    if done.skipped:
        messages.info(request, _("Bảng chi trả đang được lập: hãy tải lại trang sau ít phút."))
        return redirect(back)
    payroll = done.payroll
    messages.success(
        request,
        _("Đã lập bảng chi trả tháng %(m)s: %(n)s người, %(total)s.")
        % {"m": f"{payroll.month:%m/%Y}", "n": payroll.people, "total": vnd(payroll.total)},
    )
    return redirect("benefits:detail", payroll.pk)


@login_required
@require_GET
def payroll_detail_view(request, pk):
    payroll = get_payroll_for_user(request.user, pk)
    context = {
        "payroll": payroll,
        "groups": queries.payroll_groups(payroll),
        "totals": queries.totals_by_benefit([payroll.pk]),
        "can_write": can_write_ward(request.user, payroll.ward_id),
        "deadline": queries.send_deadline(payroll.month),
        "return_deadline": queries.return_deadline(payroll.month),
        "returned_form": ReturnedListForm(),
    }
    return render(request, "benefits/payroll_detail.html", context)


def _step(request, pk, service, done: str, again: str = ""):
    """Run one step of the payroll (approve, send) and say what happened; a step already
    taken does nothing and says so."""
    payroll = get_payroll_for_user(request.user, pk, write=True)
    try:
        changed = service(user=request.user, payroll=payroll)
    except PayrollError as e:
        messages.error(request, str(e))
    else:
        if changed:
            messages.success(request, done)
        elif again:
            messages.info(request, again)
    return redirect("benefits:detail", payroll.pk)


@login_required
@require_POST
def payroll_approve_view(request, pk):
    return _step(
        request,
        pk,
        payroll_approve,
        _("Đã duyệt bảng chi trả: từ nay không sửa được nữa."),
        _("Bảng chi trả đã được duyệt trước đó."),
    )


@login_required
@require_POST
def payroll_send_view(request, pk):
    return _step(request, pk, payroll_send, _("Đã ghi gửi danh sách cho tổ chức chi trả."))
