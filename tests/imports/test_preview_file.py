"""The preview is shown as soon as it is known; the problems file follows it, never a stale one."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from imports import services
from imports.models import ImportJob
from imports.reading import read_upload
from imports.services import import_jobs_fail_stale
from imports.sheet_store import dump_rows, load_rows

from ..factories import ResidentialGroupFactory
from .jobs import preview, upload
from .sheets import census, family, person, xlsx

Status = ImportJob.Status


@pytest.fixture(autouse=True)
def _dong_an(ward):
    ResidentialGroupFactory(parent=ward, name="Khóm Đông An")


def with_warning():
    return [*family("LX-001"), person("LX-001", "Lê Văn Tư", "Bạn")]


def test_the_cells_kept_at_upload_are_the_cells_read():
    rows = [
        ["Họ và tên", "Ngày sinh", "Năm", "Số", "Có", ""],
        ["Nguyễn Thị Ánh", date(1980, 5, 17), 1980, 0.1 + 0.2, True, ""],
        ["=1+1", datetime(2025, 1, 20, 8, 30), -7, 1e21, False, "“Đông An”"],
    ]

    assert load_rows(dump_rows(rows)) == rows


def test_an_upload_keeps_its_cells_so_preview_and_commit_need_not_read_the_file_again(
    ward_officer, ward
):
    data = xlsx(census(family("LX-001")))
    job = upload(ward_officer, ward, data)

    assert load_rows(job.cells_file.read()) == read_upload(data, "ds.xlsx").rows
    job.file.storage.delete(job.file.name)  # the workbook is not read again
    assert preview(job, ward_officer).counts["persons_new"] == 3


def test_the_preview_is_shown_before_its_problems_file_is_written(ward_officer, ward, monkeypatch):
    seen = []
    written = services.problems_workbook

    def workbook(rows, header, problems):
        seen.append(ImportJob.objects.values_list("status", "problems_file_pending").get())
        return written(rows, header, problems)

    monkeypatch.setattr(services, "problems_workbook", workbook)
    job = preview(upload(ward_officer, ward, with_warning()), ward_officer)

    assert seen == [(Status.PREVIEWED, True)]
    assert (job.problems_file_pending, bool(job.problems_file)) == (False, True)


def test_a_problems_file_that_cannot_be_written_is_said_so_and_the_preview_stands(
    client, ward_officer, ward, monkeypatch
):
    def broken(rows, header, problems):
        raise MemoryError

    monkeypatch.setattr(services, "problems_workbook", broken)
    job = preview(upload(ward_officer, ward, with_warning()), ward_officer)
    client.force_login(ward_officer)

    assert (job.status, job.warning_count, job.problems_file_pending) == (
        Status.PREVIEWED,
        1,
        False,
    )
    assert not job.problems_file
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Chưa lập được tệp lỗi" in page
    assert "Traceback" not in page


def test_a_problems_file_finished_after_a_newer_preview_was_asked_for_is_dropped(
    ward_officer, ward
):
    job = preview(upload(ward_officer, ward, with_warning()), ward_officer)
    old_preview = job.previewed_at
    files = job.problems_file.storage
    before = set(files.listdir(job.problems_file.name.rsplit("/", 1)[0])[1])
    services.import_preview_request(
        user=ward_officer, job=job, mapping=job.column_mapping(), create_groups=False
    )

    services._attach_problems_file(job, [["x"]], [], previewed_at=old_preview)

    job.refresh_from_db()
    assert (job.status, job.problems_file.name, job.problems_file_pending) == (
        Status.PREVIEW_QUEUED,
        "",
        False,
    )
    assert set(files.listdir(job.file.name.rsplit("/", 1)[0])[1]) == before  # nothing left


def test_a_problems_file_whose_worker_died_stops_being_awaited(ward_officer, ward):
    job = preview(upload(ward_officer, ward, with_warning()), ward_officer)
    ImportJob.objects.filter(pk=job.pk).update(problems_file="", problems_file_pending=True)

    import_jobs_fail_stale(now=job.previewed_at + timedelta(seconds=1))
    assert ImportJob.objects.get(pk=job.pk).problems_file_pending
    import_jobs_fail_stale(now=timezone.now() + timedelta(hours=1))

    job.refresh_from_db()
    assert (job.status, job.problems_file_pending) == (Status.PREVIEWED, False)


def test_the_page_polls_for_the_problems_file_until_it_is_written(client, ward_officer, ward):
    job = preview(upload(ward_officer, ward, with_warning()), ward_officer)
    name = job.problems_file.name
    ImportJob.objects.filter(pk=job.pk).update(problems_file="", problems_file_pending=True)
    client.force_login(ward_officer)
    status = reverse("imports:problems_file_status", args=[job.pk])

    waiting = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert f'hx-get="{status}"' in waiting
    assert "Đang lập tệp lỗi để tải về" in waiting

    ImportJob.objects.filter(pk=job.pk).update(problems_file=name, problems_file_pending=False)
    ready = client.get(status).content.decode()
    assert reverse("imports:problems_file", args=[job.pk]) in ready
    assert "hx-get" not in ready


def test_officers_of_another_ward_cannot_poll_the_problems_file(
    client, other_ward_officer, ward_officer, ward
):
    job = preview(upload(ward_officer, ward, with_warning()), ward_officer)
    client.force_login(other_ward_officer)

    response = client.get(reverse("imports:problems_file_status", args=[job.pk]))

    assert response.status_code == 404
