"""The import job's life: upload, mapping, preview and commit; tasks call the *_run ones."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.scope import can_write_ward
from households.rules import known_province_codes

from . import values
from .columns import FIELDS, auto_mapping, find_header, missing_required
from .committing import write_plan
from .models import ImportJob
from .parsing import parse_rows
from .plan import Plan
from .planning import plan_import, ward_groups
from .problems_file import problems_workbook
from .reading import UploadRefused, read_upload
from .rows import Context, ParsedList, Problem
from .sheet_store import dump_rows, load_sheet

log = logging.getLogger(__name__)
Status = ImportJob.Status
PROBLEMS_SHOWN = 500
CHANGES_SHOWN = 200


class ImportRefused(ValueError):
    """A request about a job refused for a reason the user can act on."""


def import_job_create(
    *, user, ward, upload, year=None, decision_number="", decision_date=None
) -> ImportJob:
    """Store an uploaded list and find its header row and columns."""
    if not can_write_ward(user, ward.pk):
        raise ImportRefused(_("Bạn không có quyền nhập vào xã, phường này."))
    data = upload.read()
    sheet = read_upload(data, upload.name)  # raises UploadRefused with the reason
    header = find_header(sheet.rows)
    if header is None:
        raise UploadRefused(
            _(
                "Không tìm thấy dòng tiêu đề trong %(n)d dòng đầu: cần ít nhất cột “Họ và tên” và "
                "một cột khác như “Mã hộ”, “Ngày sinh”."
            )
            % {"n": 30}
        )
    headers = [values.text(c) for c in sheet.rows[header]]
    job = ImportJob(
        created_by=user,
        ward=ward,
        original_name=upload.name[:255],
        year=year,
        decision_number=decision_number,
        decision_date=decision_date,
        header_row=header,
        headers=headers,
        mapping={str(i): f for i, f in auto_mapping(headers).items()},
    )
    job.file.save(upload.name, ContentFile(data), save=False)
    cells = dump_rows(sheet.rows, sheet.formulas)
    job.cells_file.save(f"{upload.name}.json", ContentFile(cells), save=False)
    job.save()
    return job


@transaction.atomic
def import_preview_request(
    *, user, job: ImportJob, mapping: dict[int, str], create_groups: bool
) -> ImportJob:
    """Save the column mapping and queue the dry run."""
    _check_writable(user, job)
    missing = missing_required(mapping)
    if missing:
        raise ImportRefused(
            _("Chưa chọn cột cho: %(fields)s.")
            % {"fields": ", ".join(str(FIELDS[f]) for f in missing)}
        )
    if "classification" in mapping.values() and not job.year:
        raise ImportRefused(_("Danh sách có cột phân loại hộ: hãy ghi năm phân loại."))
    claimed = ImportJob.objects.filter(
        pk=job.pk, status__in=(Status.UPLOADED, Status.PREVIEWED, Status.FAILED)
    ).update(
        status=Status.PREVIEW_QUEUED,
        mapping={str(i): f for i, f in mapping.items()},
        create_groups=create_groups,
        previewed_at=None,
        problems_file="",
        problems_file_pending=False,
        progress=0,
        progress_message="",
        error="",
        heartbeat_at=timezone.now(),
    )
    if not claimed:
        raise ImportRefused(_("Lần nhập này đang chạy hoặc đã xong."))
    from .tasks import preview_import

    transaction.on_commit(lambda: preview_import.delay(job.pk))
    job.refresh_from_db()
    return job


@transaction.atomic
def import_commit_request(*, user, job: ImportJob) -> ImportJob:
    """Queue the commit of a previewed list that has no blocking problem."""
    _check_writable(user, job)
    claimed = ImportJob.objects.filter(pk=job.pk, status=Status.PREVIEWED, blocking_count=0).update(
        status=Status.COMMIT_QUEUED, progress=0, heartbeat_at=timezone.now()
    )
    if not claimed:
        raise ImportRefused(_("Chỉ ghi được danh sách đã xem trước và không còn lỗi."))
    from .tasks import commit_import

    transaction.on_commit(lambda: commit_import.delay(job.pk))
    job.refresh_from_db()
    return job


def _check_writable(user, job: ImportJob) -> None:
    if not can_write_ward(user, job.ward_id):
        raise ImportRefused(_("Bạn không có quyền nhập vào xã, phường này."))


def import_preview_run(job_id: int) -> None:
    """Dry run: read, check and compare with the register; write nothing but the job row.

    The result is shown as soon as it is known; the problems file follows.
    """
    if not _claim(job_id, Status.PREVIEW_QUEUED, Status.PREVIEWING):
        return
    job = ImportJob.objects.select_related("ward").get(pk=job_id)
    try:
        parsed, plan, (rows, formulas) = _parse_and_plan(job)
        problems = [*parsed.problems, *plan.problems]
        problems.sort(key=lambda p: (p.row, not p.blocking))
        blocking = sum(p.blocking for p in problems)
        now = timezone.now()
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.PREVIEWED,
            progress=100,
            progress_message="",
            counts={**plan.counts(), "rows": parsed.rows_read},
            problems=[_problem_dict(p) for p in problems[:PROBLEMS_SHOWN]],
            blocking_count=blocking,
            warning_count=len(problems) - blocking,
            changes=[vars(c) for c in plan.changes[:CHANGES_SHOWN]],
            problems_file="",
            problems_file_pending=bool(problems),
            previewed_at=now,
            finished_at=now,
        )
    except Exception as e:  # the job row must say what happened, whatever happened
        _fail(job, e)
        return
    if problems:
        _attach_problems_file(job, rows, problems, previewed_at=now, formulas=formulas)


def _attach_problems_file(
    job: ImportJob, rows: list[list], problems: list[Problem], *, previewed_at, formulas=None
) -> None:
    """Write the sheet with its problems column, unless a newer preview has been asked for."""
    storage = job.problems_file.storage
    try:
        cells_as_text = {"formulas": formulas} if formulas else {}
        content = problems_workbook(rows, job.header_row, problems, **cells_as_text)
        name = storage.save(
            job.problems_file.field.generate_filename(job, f"loi-{job.pk}.xlsx"),
            ContentFile(content),
        )
    except Exception:
        log.exception("problems file of import job %s", job.pk)
        name = ""  # the page then says the file could not be made
    this_run = ImportJob.objects.filter(pk=job.pk, previewed_at=previewed_at)
    if not this_run.update(problems_file=name, problems_file_pending=False) and name:
        storage.delete(name)


def import_commit_run(job_id: int) -> None:
    """Write the previewed list in one transaction; nothing is written if anything fails."""
    if not _claim(job_id, Status.COMMIT_QUEUED, Status.COMMITTING):
        return
    job = ImportJob.objects.select_related("ward", "created_by").get(pk=job_id)
    try:
        parsed, plan, _rows = _parse_and_plan(job)
        if any(p.blocking for p in [*parsed.problems, *plan.problems]):
            raise ImportRefused(
                _("Sổ đã thay đổi kể từ lúc xem trước và danh sách nay có lỗi: hãy xem trước lại.")
            )
        _progress(job, 70, _("Đang ghi vào sổ"))
        decision = {"decision_number": job.decision_number, "decision_date": job.decision_date}
        write_plan(
            plan,
            user=job.created_by,
            decision=decision,
            reason=_history_reason(job),
        )
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.DONE,
            progress=100,
            progress_message="",
            counts={**plan.counts(), "rows": parsed.rows_read},
            finished_at=timezone.now(),
        )
    except Exception as e:
        _fail(job, e)


def _history_reason(job: ImportJob) -> str:
    """The change reason every written record carries; history keeps 100 characters."""
    reason = _("Nhập từ tệp %(name)s (lần nhập #%(id)d)")
    room = 100 - len(reason % {"name": "", "id": job.pk})
    name = (
        job.original_name if len(job.original_name) <= room else job.original_name[: room - 1] + "…"
    )
    return reason % {"name": name, "id": job.pk}


def _parse_and_plan(job: ImportJob) -> tuple[ParsedList, Plan, tuple[list, dict]]:
    _progress(job, 5, _("Đang đọc tệp"))
    rows, formulas = _sheet(job)
    _progress(job, 25, _("Đang kiểm tra từng dòng"))
    ctx = Context(
        today=timezone.localdate(),
        group_keys=frozenset(ward_groups(job.ward)),
        ward_keys=_ward_keys(job.ward),
        province_codes=known_province_codes(),
        create_groups=job.create_groups,
    )
    parsed = parse_rows(rows, job.header_row, job.column_mapping(), ctx, formulas=formulas)
    if "classification" in job.mapping.values() and not job.year:
        parsed.problems.append(
            Problem(
                job.header_row + 1,
                str(FIELDS["classification"]),
                _("Chưa ghi năm phân loại cho lần nhập này."),
            )
        )
    _progress(job, 55, _("Đang so với sổ hộ"))
    plan = plan_import(parsed, ward=job.ward, year=job.year, create_groups=job.create_groups)
    return parsed, plan, (rows, formulas)


def _cells(job: ImportJob) -> list[list]:
    return _sheet(job)[0]


def _sheet(job: ImportJob) -> tuple[list[list], dict]:
    """The cells of the uploaded sheet and its formula cells."""
    if job.cells_file:
        with job.cells_file.open("rb") as f:
            return load_sheet(f.read())
    with job.file.open("rb") as f:  # uploaded before the cells were kept
        sheet = read_upload(f.read(), job.original_name)
        return sheet.rows, sheet.formulas


def _ward_keys(ward) -> frozenset[str]:
    names = [ward.name, *ward.former_units.values_list("old_ward", flat=True)]
    return frozenset(values.ward_key(n) for n in names)


def _claim(job_id: int, waiting: str, running: str) -> bool:
    """Take the job if it still waits: a duplicated or retried task finds nothing to do."""
    now = timezone.now()
    return bool(
        ImportJob.objects.filter(pk=job_id, status=waiting).update(
            status=running, started_at=now, heartbeat_at=now
        )
    )


def _progress(job: ImportJob, percent: int, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        progress=percent, progress_message=message, heartbeat_at=timezone.now()
    )


def _fail(job: ImportJob, error: Exception) -> None:
    if isinstance(error, (ImportRefused, UploadRefused)):
        message = str(error)
    else:
        log.exception("import job %s failed", job.pk)
        message = _(
            "Lỗi hệ thống khi xử lý danh sách; sổ hộ không bị thay đổi. "
            "Hãy thử lại hoặc báo quản trị viên (lần nhập #%(id)d)."
        ) % {"id": job.pk}
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.FAILED, error=message, finished_at=timezone.now()
    )


def import_jobs_fail_stale(*, now=None, job_ids: list[int] | None = None) -> int:
    """Mark jobs whose worker stopped answering as failed, so none stays "running"."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.IMPORT_STALE_SECONDS)
    jobs = ImportJob.objects.filter(
        status__in=(*ImportJob.RUNNING, *ImportJob.WAITING), heartbeat_at__lt=limit
    )
    files = ImportJob.objects.filter(problems_file_pending=True, previewed_at__lt=limit)
    if job_ids is not None:
        jobs = jobs.filter(pk__in=job_ids)
        files = files.filter(pk__in=job_ids)
    files.update(problems_file_pending=False)  # the page then offers to preview again
    return jobs.update(
        status=Status.FAILED,
        finished_at=now,
        error=_(
            "Lần nhập bị dừng giữa chừng (máy xử lý không phản hồi); sổ hộ không bị thay "
            "đổi. Hãy xem trước lại."
        ),
    )


def _problem_dict(p: Problem) -> dict:
    return {"row": p.row, "column": p.column, "message": p.message, "blocking": p.blocking}
