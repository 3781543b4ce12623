"""For an office over many wards: every ward's payroll of a month, the province's totals
by benefit and funding source, and the download of both."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from areas.queries import vietnamese_order, wards_visible_to
from ui.documents import XLSX_CONTENT_TYPE, ascii_filename, file_response

from .. import queries
from ..exports import province_workbook
from ..forms import MonthForm
from ..models import Payroll
from ..queries.wards import paying_wards


def _month_and_wards(request):
    form = MonthForm(request.GET or None)
    month = queries.next_payroll_month(timezone.localdate())
    if form.is_bound and form.is_valid() and form.cleaned_data["month"]:
        month = form.cleaned_data["month"]
    paying = set(paying_wards(month))
    with_payroll = set(
        Payroll.objects.visible_to(request.user).filter(month=month).values_list("ward", flat=True)
    )
    wards = (
        wards_visible_to(request.user)
        .filter(pk__in=paying | with_payroll)
        .order_by(vietnamese_order("name"))
    )
    return form, month, list(wards)


@login_required
@require_GET
def province_view(request):
    form, month, wards = _month_and_wards(request)
    rows = queries.province_month(request.user, wards, month)
    payrolls = [r.payroll.pk for r in rows if r.payroll]
    counts = {status: 0 for status, _label in Payroll.Status.choices}
    for row in rows:
        if row.payroll:
            counts[row.payroll.status] += 1
    context = {
        "form": form,
        "month": month,
        "rows": rows,
        "missing": sum(1 for r in rows if r.payroll is None),
        "counts": [(label, counts[status]) for status, label in Payroll.Status.choices],
        "totals": queries.totals_by_benefit(payrolls),
        "total": sum(r.payroll.total for r in rows if r.payroll),
        "people": sum(r.payroll.people for r in rows if r.payroll),
        "deadline": queries.send_deadline(month),
    }
    return render(request, "benefits/province.html", context)


@login_required
@require_GET
def province_xlsx_view(request):
    _form, month, wards = _month_and_wards(request)
    payrolls = Payroll.objects.visible_to(request.user).filter(month=month, ward__in=wards)
    with translation.override("vi"):  # an administrative document is Vietnamese
        content = province_workbook(payrolls.select_related("ward"))
    name = ascii_filename(f"bang chi tra {month:%Y-%m}", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)
