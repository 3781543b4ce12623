"""Households moving in: the receiving ward lists those bound for it, finds one whose new
ward was not known (by its code or a member's national ID), and receives it under its own
code. Before that it sees only what identifies the household, never its record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from areas.queries import wards_visible_to
from areas.scope import can_write_any_ward

from ..forms.arrivals import ArrivalSearchForm, ReceiveForm
from ..queries import arrivals, arrivals_search, get_arrival_for_user
from ..services import Event, RegisterError, household_receive


@login_required
@require_GET
def arrivals_view(request):
    if not can_write_any_ward(request.user):
        raise Http404
    form = ArrivalSearchForm(request.GET)
    form.is_valid()
    q = form.cleaned_data.get("q", "")
    context = {
        "form": form,
        "arrivals": list(arrivals(request.user)),
        "found": list(arrivals_search(request.user, q)) if q else None,
    }
    return render(request, "households/arrivals.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def household_receive_view(request, pk):
    household = get_arrival_for_user(request.user, pk)
    wards = wards_visible_to(request.user, write=True).exclude(pk=household.ward_id)
    if household.moving_to_id:
        wards = wards.filter(pk=household.moving_to_id)
    form = ReceiveForm(request.POST if request.method == "POST" else None, wards=wards)
    if form.is_valid():
        data = form.cleaned_data
        try:
            new = household_receive(
                Event(request.user, household.closed_on, data["note"]),
                household=household,
                ward=data["ward"],
                code=data["code"],
                residential_group=data["residential_group"],
                address=data["address"],
            )
        except RegisterError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Đã tiếp nhận hộ %(code)s.") % {"code": new.code})
            return redirect("households:detail", pk=new.pk)
    status = 400 if form.is_bound else 200
    context = {"household": household, "form": form}
    return render(request, "households/receive.html", context, status=status)
