"""The provider's side of a payroll: its list as .xlsx and as the PDF signed at a cash
payment session, the returned list uploaded and checked before anything is recorded, and
one person's result marked by hand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from imports.reading import UploadRefused
from ui.documents import XLSX_CONTENT_TYPE, ascii_filename, document_response, file_response

from ..access import get_payroll_for_user
from ..documents import payment_list_context, payment_list_filename
from ..exports import provider_workbook
from ..forms import LineMarkForm, ReturnedListForm
from ..reconciliation import matches_from_data, matches_to_data, read_returned
from ..services.payrolls import PayrollError
from ..services.reconciliation import line_mark, reconciliation_apply

SESSION_KEY = "benefits:returned:%d"


def _decided(request, pk):
    payroll = get_payroll_for_user(request.user, pk)
    if not payroll.frozen:
        raise Http404(_("Bảng chi trả chưa duyệt: chưa có danh sách cho tổ chức chi trả."))
    return payroll


@login_required
@require_GET
def provider_xlsx_view(request, pk):
    payroll = _decided(request, pk)
    with translation.override("vi"):  # an administrative document is Vietnamese
        content = provider_workbook(payroll)
        name = ascii_filename(
            f"danh sach chi tra {payroll.ward.name} {payroll.month:%Y-%m}", "xlsx"
        )
    return file_response(content, name, XLSX_CONTENT_TYPE)


@login_required
@require_GET
def payment_pdf_view(request, pk):
    payroll = _decided(request, pk)
    with translation.override("vi"):
        context = payment_list_context(payroll, today=timezone.localdate())
        template = "benefits/docs/payment_list.html"
        return document_response(request, template, context, payment_list_filename(payroll))


@login_required
@require_POST
def returned_upload_view(request, pk):
    """Read the returned list and show what it says; nothing is recorded yet."""
    payroll = get_payroll_for_user(request.user, pk, write=True)
    form = ReturnedListForm(request.POST, request.FILES)
    reading = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            reading = read_returned(payroll, upload.read(), upload.name, today=timezone.localdate())
        except UploadRefused as e:
            form.add_error("file", str(e))
    if reading is not None and reading.ok:
        request.session[SESSION_KEY % payroll.pk] = matches_to_data(reading.matches)
    context = {"payroll": payroll, "form": form, "reading": reading}
    status = 200 if reading is not None and reading.ok else 400
    return render(request, "benefits/returned.html", context, status=status)


@login_required
@require_POST
def returned_confirm_view(request, pk):
    payroll = get_payroll_for_user(request.user, pk, write=True)
    data = request.session.pop(SESSION_KEY % payroll.pk, None)
    if data is None:
        messages.error(request, _("Hãy tải lại danh sách tổ chức chi trả gửi lại."))
        return redirect("benefits:detail", payroll.pk)
    try:
        applied = reconciliation_apply(
            user=request.user,
            payroll=payroll,
            matches=matches_from_data(data),
            today=timezone.localdate(),
        )
    except PayrollError as e:
        messages.error(request, str(e))
        return redirect("benefits:detail", payroll.pk)
    messages.success(
        request,
        _("Đã ghi kết quả chi trả: %(paid)s người đã nhận, %(unpaid)s người chưa nhận.")
        % {"paid": applied.paid, "unpaid": applied.unpaid},
    )
    for skipped in applied.skipped:
        messages.warning(request, skipped)
    return redirect("benefits:detail", payroll.pk)


@login_required
@require_POST
def line_mark_view(request, pk, line_pk):
    payroll = get_payroll_for_user(request.user, pk, write=True)
    line = get_object_or_404(payroll.lines, pk=line_pk)
    form = LineMarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn đã nhận hoặc chưa nhận, ngày nhận dạng nn/tt/nnnn."))
        return redirect("benefits:detail", payroll.pk)
    try:
        line_mark(
            user=request.user,
            line=line,
            paid=form.cleaned_data["paid"],
            paid_on=form.cleaned_data["paid_on"],
        )
    except PayrollError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Đã ghi kết quả của %(name)s.") % {"name": line.full_name})
    return redirect("benefits:detail", payroll.pk)
