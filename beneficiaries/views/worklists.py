"""The worklists page: the lists of a ward, or how many rows each ward of an office has."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from areas.queries import ward_choices
from vn.numbers import parse_id

from ..worklists import ward_summary, worklists
from ..worklists.clashes import identity_clashes


@login_required
@require_GET
def worklists_view(request):
    wards = ward_choices(request.user)
    ward_id = None
    chosen = request.GET.get("ward", "")
    if chosen:
        # Another office's ward is answered as missing, as its cases would be.
        ward_id = parse_id(chosen)
        if ward_id not in {pk for pk, _name in wards}:
            raise Http404
    elif len(wards) == 1:
        ward_id = wards[0][0]
    today = timezone.localdate()
    context = {
        "today": today,
        "ward_options": wards if len(wards) > 1 else [],
        "ward_id": ward_id,
        "ward_name": dict(wards).get(ward_id, ""),
    }
    if ward_id is None:
        # An office over many wards: which ward has what, each count opening that ward.
        context["summary"] = ward_summary(request.user, today=today, wards=wards)
        return render(request, "beneficiaries/worklist_summary.html", context)
    context["lists"] = worklists(request.user, today=today, ward_id=ward_id)
    context["clashes"] = identity_clashes(request.user, ward_id=ward_id)
    return render(request, "beneficiaries/worklists.html", context)
