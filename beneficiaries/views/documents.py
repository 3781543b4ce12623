"""Documents of the cases: a decision's draft as PDF, the list of beneficiaries as .xlsx."""

import re
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from areas.models import Area
from ui.documents import XLSX_CONTENT_TYPE, ascii_filename, document_response, file_response
from vn.dates import month_start
from vn.numbers import parse_id

from ..access import get_decision_for_user, get_ward_for_user
from ..documents.beneficiary_list import beneficiaries_workbook, beneficiary_rows
from ..documents.decisions import decision_context, decision_filename


@login_required
@require_GET
def decision_pdf_view(request, event_pk):
    event = get_decision_for_user(request.user, event_pk)
    with translation.override("vi"):  # an administrative document is Vietnamese
        context = decision_context(event)
        template = "beneficiaries/docs/decision.html"
        return document_response(request, template, context, decision_filename(event))


def _ward_param(user, raw: str | None) -> Area | None:
    if not raw:
        return None
    pk = parse_id(raw)
    if pk is None:
        raise Http404
    return get_ward_for_user(user, pk)


def _month_param(raw: str | None) -> date:
    if not raw:
        return month_start(timezone.localdate())
    match = re.fullmatch(r"(\d{4})-(\d{2})", raw)
    if not match or not 1 <= int(match[2]) <= 12:
        raise Http404
    return date(int(match[1]), int(match[2]), 1)


@login_required
@require_GET
def beneficiaries_xlsx_view(request):
    """?ward=<id> for one ward (404 outside the user's scope), else every ward in scope;
    ?month=YYYY-MM for another month than this one."""
    ward = _ward_param(request.user, request.GET.get("ward"))
    month = _month_param(request.GET.get("month"))
    with translation.override("vi"):
        rows = beneficiary_rows(request.user, month=month, ward=ward)
        wards = sorted({r.ward for r in rows})
        scope = ward.name if ward else (wards[0] if len(wards) == 1 else _("Các xã, phường"))
        content = beneficiaries_workbook(rows, month=month, scope=scope)
    name = ascii_filename(f"danh sach doi tuong tro cap {scope} {month:%Y-%m}", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)
