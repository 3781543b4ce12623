"""A new application: the form, and the member choice it refreshes as a household code is
typed (htmx)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from areas.queries import wards_visible_to

from ..forms.cases import CaseOpenForm
from ..services import CaseError, case_open


@login_required
@require_http_methods(["GET", "POST"])
def case_create_view(request):
    wards = wards_visible_to(request.user, write=True)
    if not wards.exists():
        raise Http404
    form = CaseOpenForm(request.POST or None, user=request.user, wards=wards)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_open(
                user=request.user,
                person=form.person,
                benefit=data["benefit"],
                group=data["group"],
                applied_on=data["applied_on"],
                flags=data["flags"],
                children_raised=data["children_raised"],
                pension_amount=data["pension_amount"],
                disability_certified_on=data["disability_certified_on"],
                documents=data["documents"],
                needs=data["needs"],
            )
        except CaseError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("Đã tiếp nhận hồ sơ của %(name)s.") % {"name": case.person.full_name},
            )
            return redirect("beneficiaries:detail", pk=case.pk)
    status = 400 if form.errors else 200
    return render(request, "beneficiaries/form.html", {"form": form}, status=status)


@login_required
@require_GET
def case_members_view(request):
    """The member choice of the new-case form, for the household code typed (htmx)."""
    wards = wards_visible_to(request.user, write=True)
    form = CaseOpenForm(user=request.user, wards=wards, lookup=request.GET)
    return render(request, "beneficiaries/_member_field.html", {"form": form})
