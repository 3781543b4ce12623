"""A case moving between wards: the sending ward records the move from the case page; the
receiving ward lists the cases waiting for it (or finds one by national ID) and receives
each, which opens its own case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from areas.models import Area
from areas.scope import can_write_ward, ward_ids
from ui.steps import run_step

from ..access import (
    get_case_for_user,
    get_incoming_case_for_user,
    incoming_cases_for_user,
    moving_cases_by_id,
)
from ..forms.transfers import IncomingSearchForm, TransferOutForm
from ..services import CaseError, case_transfer_in, case_transfer_out
from .cases import month_label, render_case_page

# The incoming list shows this many cases, the earliest moves first, and how many more.
LIMIT = 100


@login_required
@require_POST
def case_transfer_out_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_transfer_out(
            user=request.user,
            case=case,
            moved_on=data["moved_on"],
            to_ward=data["to_ward"],
            note=data["note"],
        )
        return _("Đã ghi chuyển đi: xã, phường chi trả đến hết tháng %(m)s.") % {
            "m": month_label(data["moved_on"])
        }

    def show_again(failed):
        current = get_case_for_user(request.user, case.pk, write=True)
        return render_case_page(
            request, current, failed_name="transfer_out", failed_form=failed, status=400
        )

    form = TransferOutForm(request.POST, case=case)
    done_url = reverse("beneficiaries:detail", args=[case.pk])
    return run_step(request, form, run, refused=CaseError, done_url=done_url, show_again=show_again)


@login_required
@require_GET
def incoming_view(request):
    """Hồ sơ chuyển đến: the cases waiting for the user's wards, and a search by ID."""
    waiting = incoming_cases_for_user(request.user).order_by("left_on", "pk")
    rows = list(waiting[: LIMIT + 1])
    search = IncomingSearchForm(request.GET) if "number" in request.GET else IncomingSearchForm()
    found = None
    if search.is_bound and search.is_valid():
        parsed = search.cleaned_data["number"]
        here = waiting.filter(**{f"person__{parsed.kind}": parsed.value})
        elsewhere = moving_cases_by_id(request.user, parsed.kind, parsed.value)
        found = list({c.pk: c for c in [*here, *elsewhere]}.values())
    _describe(request.user, [*rows, *(found or [])])
    context = {
        "rows": rows[:LIMIT],
        "more": len(rows) > LIMIT,
        "search": search,
        "found": found,
    }
    return render(request, "beneficiaries/transfer_incoming.html", context)


def _describe(user, rows) -> None:
    """Whether the user may receive each row, and the receiving ward's name where it is
    one of theirs (a search may find a person who lives somewhere else now)."""
    readable = ward_ids(user)
    for row in rows:
        ward = row.receiving_ward
        row.receivable = bool(ward) and can_write_ward(user, ward)
        row.elsewhere = not ward or (readable is not None and ward not in readable)
    ids = {row.receiving_ward for row in rows if not row.elsewhere}
    names = dict(Area.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for row in rows:
        row.receiving_name = names.get(row.receiving_ward, "")


@login_required
@require_POST
def case_receive_view(request, pk):
    case = get_incoming_case_for_user(request.user, pk)
    ward = Area.objects.get(pk=case.receiving_ward)
    try:
        new = case_transfer_in(user=request.user, case=case, ward=ward)
    except CaseError as e:
        messages.error(request, str(e))
        return redirect("beneficiaries:incoming")
    messages.success(
        request,
        _("Đã tiếp nhận hồ sơ của %(name)s từ %(ward)s: chi trả từ tháng %(m)s.")
        % {"name": new.person.full_name, "ward": case.ward.name, "m": month_label(new.start_month)},
    )
    return redirect("beneficiaries:detail", new.pk)
