"""The population figures of a ward and its residential groups: read, entered, imported."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import PopulationForm, PopulationUploadForm
from ..models import Area, Level
from ..queries import populations_of, vietnamese_order, wards_visible_to
from ..scope import can_write_ward
from ..services import AreaError, area_population_record, area_populations_import
from ..sheets import read_rows, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def population_view(request):
    ward, wards = _chosen(request)
    if ward is None:
        return render(request, "areas/population_wards.html", _wards_context(wards))
    areas = [ward, *_groups(ward)]
    writable = can_write_ward(request.user, ward.pk)
    if request.method == "POST" and not writable:
        raise Http404
    choices = Area.objects.filter(pk__in=[a.pk for a in areas]).order_by("path")
    uploading = request.method == "POST" and "file" in request.FILES
    form = PopulationForm(
        request.POST if request.method == "POST" and not uploading else None, areas=choices
    )
    upload = PopulationUploadForm(*((request.POST, request.FILES) if uploading else ()))
    here = f"{reverse('areas:population')}?area={ward.pk}"
    today = timezone.localdate()
    if uploading and upload.is_valid():
        try:
            n = area_populations_import(
                user=request.user,
                ward=ward,
                rows=read_rows(upload.cleaned_data["file"]),
                today=today,
            )
        except (AreaError, ValueError) as e:
            upload.add_error("file", str(e))
        else:
            messages.success(request, _("Đã ghi %(n)s số liệu từ tệp.") % {"n": n})
            return redirect(here)
    elif form.is_bound and form.is_valid():
        try:
            area_population_record(user=request.user, today=today, **form.cleaned_data)
        except AreaError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Đã ghi số liệu dân số."))
            return redirect(here)
    history = populations_of(areas)
    context = {
        "ward": ward,
        "rows": [(area, history.get(area.pk, [])) for area in areas],
        "form": form if writable else None,
        "upload": upload if writable else None,
    }
    return render(request, "areas/population.html", context)


@login_required
@require_GET
def population_template_view(request):
    ward, _wards = _chosen(request)
    if ward is None:
        raise Http404
    response = HttpResponse(template_workbook([ward, *_groups(ward)]), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="dan-so-dia-ban.xlsx"'
    return response


def _chosen(request):
    """The ward asked for (as itself or one of its groups) in the user's scope, else None
    and the wards in scope under the area asked for (a province), or all of them."""
    wards = wards_visible_to(request.user)
    raw = request.GET.get("area", "")
    area = None
    if raw.isascii() and raw.isdigit() and len(raw) <= 10:
        area = Area.objects.filter(pk=int(raw)).first()
    if area is not None and area.level == Level.RESIDENTIAL_GROUP:
        area = area.parent
    if area is not None and area.level == Level.WARD:
        ward = wards.filter(pk=area.pk).first()
        if ward is None:
            raise Http404
        return ward, wards
    if area is not None:
        wards = wards.filter(path__startswith=area.path)
    only = list(wards[:2])
    return (only[0] if len(only) == 1 else None), wards


def _groups(ward: Area):
    return ward.children.filter(level=Level.RESIDENTIAL_GROUP, is_active=True).order_by(
        vietnamese_order("name")
    )


def _wards_context(wards):
    wards = list(wards.order_by(vietnamese_order("parent__name"), vietnamese_order("name")))
    history = populations_of(wards)
    return {"wards": [(w, (history.get(w.pk) or [None])[0]) for w in wards]}
