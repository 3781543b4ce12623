"""The list of social-assistance cases in the user's scope, filtered and paged."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from areas.queries import wards_visible_to
from areas.scope import can_write_any_ward
from ui.pagination import counted_page

from ..access import with_household_code
from ..forms.cases import CaseFilterForm
from ..models import Case

PAGE_SIZE = 25


@login_required
@require_GET
def case_list_view(request):
    wards = wards_visible_to(request.user)
    form = CaseFilterForm(request.GET, wards=wards)
    form.is_valid()  # an invalid field is shown with its error; the valid ones still filter
    filters = form.cleaned_data
    cases = with_household_code(
        Case.objects.visible_to(request.user).select_related("person__household", "ward")
    )
    if filters.get("ward"):
        cases = cases.filter(ward=filters["ward"])
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("benefit"):
        cases = cases.filter(benefit=filters["benefit"])
    q = filters.get("q") or {}
    if "national_id" in q:
        cases = cases.filter(person__national_id=q["national_id"])
    elif q.get("search_name"):
        cases = cases.filter(person__search_name__contains=q["search_name"])
    page = counted_page(cases.order_by("-applied_on", "-pk"), PAGE_SIZE, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "several_wards": len(wards[:2]) > 1,
        "can_open": can_write_any_ward(request.user),
    }
    return render(request, "beneficiaries/list.html", context)
