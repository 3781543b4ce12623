"""The worklists page: the lists of a ward, or how many rows each ward of an office has."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from areas.queries import ward_choices
from households.models import IdentityClash, Person

from ..access import chosen_ward_id
from ..forms.clashes import ClashResolveForm
from ..services import CaseError, identity_clash_resolve
from ..worklists import ward_summary, worklists
from ..worklists.clashes import identity_clashes


@login_required
@require_GET
def worklists_view(request):
    wards = ward_choices(request.user)
    ward_id = chosen_ward_id(request, wards)
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
    context["resolutions"] = IdentityClash.Resolution.choices
    return render(request, "beneficiaries/worklists.html", context)


@login_required
@require_POST
def identity_clash_resolve_view(request, pk):
    """Close one clash of the worklist with the officer's conclusion, or say why not."""
    people = Person.objects.visible_to(request.user, write=True).values("pk")
    clash = get_object_or_404(
        IdentityClash.objects.filter(Q(person__in=people) | Q(other__in=people)), pk=pk
    )
    back = reverse("beneficiaries:worklists") + f"?ward={clash.person.household.ward_id}"
    form = ClashResolveForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        messages.error(request, _("Chưa ghi được kết luận: %(e)s") % {"e": errors})
        return redirect(back + "#identity-clashes")
    try:
        identity_clash_resolve(
            user=request.user,
            clash=clash,
            resolution=form.cleaned_data["resolution"],
            note=form.cleaned_data["note"],
            on=timezone.localdate(),
        )
    except CaseError as e:
        messages.error(request, str(e))
        return redirect(back + "#identity-clashes")
    messages.success(
        request,
        _("Đã ghi kết luận về số định danh %(id)s.") % {"id": clash.national_id},
    )
    return redirect(back)
