from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areas.queries import wards_visible_to
from areas.scope import can_write_ward

from .access import get_job_for_user
from .forms import MappingForm, UploadForm
from .models import ImportJob
from .reading import UploadRefused
from .services import (
    ImportRefused,
    import_commit_request,
    import_job_create,
    import_jobs_fail_stale,
    import_preview_request,
)
from .template_file import template_workbook


@login_required
@require_http_methods(["GET", "POST"])
def import_list_view(request):
    wards = wards_visible_to(request.user, write=True)
    form = UploadForm(request.POST or None, request.FILES or None, wards=wards)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = import_job_create(
                user=request.user,
                ward=data["ward"],
                upload=data["file"],
                year=data["year"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
            )
        except (UploadRefused, ImportRefused) as e:
            form.add_error("file", str(e))
        else:
            return redirect("imports:detail", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user).select_related("ward", "created_by")[:50]
    context = {"form": form, "jobs": jobs, "can_import": wards.exists()}
    return render(request, "imports/list.html", context)


@login_required
@require_GET
def import_detail_view(request, pk):
    job = get_job_for_user(request.user, pk)
    import_jobs_fail_stale(job_ids=[job.pk])
    job.refresh_from_db()
    mapping_form = MappingForm(
        headers=job.headers,
        mapping=job.column_mapping(),
        initial={"create_groups": job.create_groups},
    )
    context = {
        "job": job,
        "mapping_form": mapping_form,
        "can_write": can_write_ward(request.user, job.ward_id),
    }
    return render(request, "imports/detail.html", context)


@login_required
@require_GET
def import_progress_view(request, pk):
    """The progress bar, polled by htmx; once the job stops, the page reloads itself."""
    job = get_job_for_user(request.user, pk)
    import_jobs_fail_stale(job_ids=[job.pk])
    job.refresh_from_db()
    response = render(request, "imports/_progress.html", {"job": job})
    if not job.is_active:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_preview_view(request, pk):
    job = get_job_for_user(request.user, pk, write=True)
    form = MappingForm(request.POST, headers=job.headers, mapping=job.column_mapping())
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("imports:detail", pk=job.pk)
    try:
        import_preview_request(
            user=request.user,
            job=job,
            mapping=form.mapping,
            create_groups=form.cleaned_data["create_groups"],
        )
    except ImportRefused as e:
        messages.error(request, str(e))
    return redirect("imports:detail", pk=job.pk)


@login_required
@require_POST
def import_commit_view(request, pk):
    job = get_job_for_user(request.user, pk, write=True)
    try:
        import_commit_request(user=request.user, job=job)
    except ImportRefused as e:
        messages.error(request, str(e))
    return redirect("imports:detail", pk=job.pk)


@login_required
@require_GET
def problems_file_view(request, pk):
    job = get_job_for_user(request.user, pk)
    if not job.problems_file:
        raise Http404
    name = f"loi-{job.original_name.rsplit('.', 1)[0]}.xlsx"
    return FileResponse(job.problems_file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def problems_file_status_view(request, pk):
    """The problems file's link, polled by htmx while the file is being written."""
    job = get_job_for_user(request.user, pk)
    import_jobs_fail_stale(job_ids=[job.pk])
    job.refresh_from_db()
    return render(request, "imports/_problems_file.html", {"job": job})


@login_required
@require_GET
def template_view(request):
    wards = wards_visible_to(request.user, write=True)
    asked = request.GET.get("ward", "")
    ward = (
        wards.filter(pk=asked).first() if asked.isascii() and asked.isdigit() else None
    ) or wards.first()
    if ward is None:
        raise Http404
    # The list is a Vietnamese document: its headers and drop-downs are what the reader accepts.
    with translation.override("vi"):
        content = template_workbook(ward)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-danh-sach-{ward.code}.xlsx"'
    return response
