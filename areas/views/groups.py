from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import ResidentialGroupForm
from ..queries import residential_groups_visible_to, vietnamese_order, wards_visible_to
from ..services import AreaError, residential_group_create


@login_required
@require_http_methods(["GET", "POST"])
def residential_group_list_view(request):
    writable = wards_visible_to(request.user, write=True)
    form = ResidentialGroupForm(request.POST or None, wards=writable)
    if request.method == "POST":
        if not writable.exists():
            raise Http404
        if form.is_valid():
            try:
                group = residential_group_create(
                    ward=form.cleaned_data["ward"],
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                )
            except AreaError as e:
                form.add_error("name", str(e))
            else:
                messages.success(request, _("Đã thêm %(name)s.") % {"name": group.name})
                return redirect("areas:groups")
    groups = residential_groups_visible_to(request.user).order_by(
        vietnamese_order("parent__name"), vietnamese_order("name")
    )
    context = {"groups": groups, "form": form if writable.exists() else None}
    return render(request, "areas/groups.html", context)
