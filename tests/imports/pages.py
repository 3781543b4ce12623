"""What the import pages are sent: the list page's upload form, a job's mapping form."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportJob

from .jobs import preview, upload
from .sheets import family, person

LIST = reverse("imports:list")


def previewed_job(officer, ward) -> ImportJob:
    """A previewed list of `ward` with one warning (so an error file), ready to commit."""
    people = [*family("LX-001"), person("LX-001", "Lê Văn Tư", "Bạn")]
    job = preview(upload(officer, ward, people), officer)
    assert (job.status, job.blocking_count, job.warning_count) == (
        ImportJob.Status.PREVIEWED,
        0,
        1,
    )
    return job


def mapping_post(job: ImportJob, **overrides) -> dict:
    data = {f"col_{i}": field for i, field in job.column_mapping().items() if field != "ignore"}
    return data | overrides


def upload_post(ward, data: bytes, name: str = "danh-sach.xlsx", **fields) -> dict:
    return {
        "ward": ward.pk,
        "file": SimpleUploadedFile(name, data),
        "year": "2025",
        "decision_number": "",
        "decision_date": "",
    } | fields
