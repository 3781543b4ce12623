"""Drive an import job through its services the way the pages and the worker do."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from imports.models import ImportJob
from imports.services import (
    import_commit_request,
    import_commit_run,
    import_job_create,
    import_preview_request,
    import_preview_run,
)

from .sheets import census, xlsx

# The decision a list of classifications comes with.
DECISION = {"year": 2025, "decision_number": "12/QĐ-UBND", "decision_date": date(2025, 1, 20)}


def upload(user, ward, content, *, name: str = "danh-sach.xlsx", **options) -> ImportJob:
    """Store a list: `content` is a file's bytes, or people rows made into an .xlsx.

    The year defaults to 2025: the lists built in sheets.py have a classification column.
    """
    options.setdefault("year", 2025)
    data = content if isinstance(content, bytes) else xlsx(census(content))
    return import_job_create(user=user, ward=ward, upload=SimpleUploadedFile(name, data), **options)


def preview(job: ImportJob, user, *, create_groups: bool = False, mapping=None) -> ImportJob:
    """Ask for the dry run, then run it as the worker would."""
    import_preview_request(
        user=user,
        job=job,
        mapping=mapping or job.column_mapping(),
        create_groups=create_groups,
    )
    import_preview_run(job.pk)
    job.refresh_from_db()
    return job


def commit(job: ImportJob, user) -> ImportJob:
    import_commit_request(user=user, job=job)
    import_commit_run(job.pk)
    job.refresh_from_db()
    return job


def import_list(user, ward, content, *, name="danh-sach.xlsx", create_groups=False, **options):
    """Upload, preview and commit a list that has no blocking problem."""
    job = preview(
        upload(user, ward, content, name=name, **options), user, create_groups=create_groups
    )
    assert job.status == ImportJob.Status.PREVIEWED, job.error
    assert job.blocking_count == 0, job.problems
    job = commit(job, user)
    assert job.status == ImportJob.Status.DONE, job.error
    return job


def messages_at(job: ImportJob, line: int, *, blocking: bool | None = None) -> list[str]:
    """The problems the preview lists for one row, as "column: message"."""
    return [
        f"{p['column']}: {p['message']}"
        for p in job.problems
        if p["row"] == line and (blocking is None or p["blocking"] == blocking)
    ]
