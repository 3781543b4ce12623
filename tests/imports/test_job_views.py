"""A job's pages: who may see and run a job, previewing, committing, progress, the error
file."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from households.models import Household
from imports import tasks
from imports.models import ImportJob
from imports.services import import_commit_run, import_preview_run

from .jobs import commit, preview, upload
from .pages import LIST, mapping_post, previewed_job, upload_post
from .sheets import census, family, xlsx

pytestmark = pytest.mark.usefixtures("dong_an")
Status = ImportJob.Status
READ_PAGES = ["imports:detail", "imports:progress", "imports:problems_file"]
WRITE_PAGES = ["imports:preview", "imports:commit"]


@pytest.fixture
def queued(monkeypatch) -> dict[str, list[int]]:
    """The tasks handed to the broker, by name: pages queue work, workers run it."""
    sent = {"preview": [], "commit": []}
    monkeypatch.setattr(tasks.preview_import, "delay", sent["preview"].append)
    monkeypatch.setattr(tasks.commit_import, "delay", sent["commit"].append)
    return sent


@pytest.fixture
def job(ward_officer, ward) -> ImportJob:
    """A previewed list of `ward` with one warning (so an error file), ready to commit."""
    return previewed_job(ward_officer, ward)


def assert_not_run(client, job: ImportJob, queued: dict, name: str) -> None:
    """Posting to the page `name` finds no job: nothing changes, nothing is queued."""
    response = client.post(reverse(name, args=[job.pk]), mapping_post(job))

    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == Status.PREVIEWED
    assert queued == {"preview": [], "commit": []}


# Scope


@pytest.mark.parametrize("name", READ_PAGES)
def test_anonymous_users_are_sent_to_login_from_job_pages(client, job, name):
    url = reverse(name, args=[job.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_anonymous_users_cannot_run_a_job(client, job, queued, name):
    response = client.post(reverse(name, args=[job.pk]), mapping_post(job))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert queued == {"preview": [], "commit": []}


@pytest.mark.parametrize("name", READ_PAGES)
def test_officers_of_another_ward_cannot_see_a_job(client, other_ward_officer, job, name):
    client.force_login(other_ward_officer)

    assert client.get(reverse(name, args=[job.pk])).status_code == 404


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_officers_of_another_ward_cannot_run_a_job(client, other_ward_officer, job, queued, name):
    client.force_login(other_ward_officer)

    assert_not_run(client, job, queued, name)


@pytest.mark.parametrize("name", READ_PAGES)
def test_an_approver_reads_the_jobs_of_the_province(client, approver, job, name):
    client.force_login(approver)

    assert client.get(reverse(name, args=[job.pk])).status_code == 200


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_an_approver_cannot_run_a_job(client, approver, job, queued, name):
    client.force_login(approver)

    assert_not_run(client, job, queued, name)


def test_an_approver_sees_no_mapping_form_nor_commit_button(client, approver, job):
    client.force_login(approver)

    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()

    assert reverse("imports:preview", args=[job.pk]) not in page
    assert reverse("imports:commit", args=[job.pk]) not in page
    assert "Quan hệ “Bạn” không có trong danh mục" in page


# Preview and commit


def test_previewing_saves_the_mapping_and_queues_the_dry_run(
    client, ward_officer, ward, queued, django_capture_on_commit_callbacks
):
    job = upload(ward_officer, ward, family("LX-001"))
    client.force_login(ward_officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("imports:preview", args=[job.pk]),
            mapping_post(job, col_11="", create_groups="on"),
        )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.PREVIEW_QUEUED
    assert job.create_groups is True
    assert "11" not in job.mapping
    assert queued == {"preview": [job.pk], "commit": []}


def test_a_mapping_naming_one_field_twice_is_refused(client, ward_officer, ward, queued):
    job = upload(ward_officer, ward, family("LX-001"))
    client.force_login(ward_officer)

    response = client.post(
        reverse("imports:preview", args=[job.pk]),
        mapping_post(job, col_11="full_name"),
        follow=True,
    )

    assert "Họ và tên bị chọn hai lần" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Status.UPLOADED
    assert queued["preview"] == []


def test_the_preview_page_shows_counts_problems_and_the_commit_button(client, ward_officer, job):
    client.force_login(ward_officer)

    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()

    assert "Quan hệ “Bạn” không có trong danh mục" in page
    assert "Vấn đề: 0 lỗi, 1 cảnh báo" in page
    assert reverse("imports:problems_file", args=[job.pk]) in page
    assert reverse("imports:commit", args=[job.pk]) in page


def test_committing_queues_the_write(
    client, ward_officer, job, queued, django_capture_on_commit_callbacks
):
    client.force_login(ward_officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:commit", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.COMMIT_QUEUED
    assert queued == {"preview": [], "commit": [job.pk]}


def test_a_list_with_errors_cannot_be_committed(client, ward_officer, ward, queued):
    people = family("LX-001")
    people[0]["Giới tính"] = ""
    job = preview(upload(ward_officer, ward, people), ward_officer)
    client.force_login(ward_officer)

    response = client.post(reverse("imports:commit", args=[job.pk]), follow=True)

    assert "Chỉ ghi được danh sách đã xem trước và không còn lỗi." in response.content.decode()
    job.refresh_from_db()
    assert job.status == Status.PREVIEWED
    assert queued["commit"] == []


def test_a_list_goes_from_upload_to_the_register_through_the_pages(client, ward_officer, ward):
    client.force_login(ward_officer)
    response = client.post(LIST, upload_post(ward, xlsx(census(family("LX-001")))))
    job = ImportJob.objects.get()

    client.post(reverse("imports:preview", args=[job.pk]), mapping_post(job))
    import_preview_run(job.pk)  # what the worker does with the queued task
    page = client.get(response.url).content.decode()
    assert "Ghi vào sổ" in page
    client.post(reverse("imports:commit", args=[job.pk]))
    import_commit_run(job.pk)

    job.refresh_from_db()
    assert job.status == Status.DONE
    assert Household.objects.get().members.count() == 3
    assert "Đã nhập xong" in client.get(response.url).content.decode()


def test_a_failed_commit_shows_its_reason_without_a_stack_trace(
    client, ward_officer, job, monkeypatch
):
    from imports import committing

    def broken(*args, **kwargs):
        raise RuntimeError("relation does not exist")

    monkeypatch.setattr(committing, "_write_persons", broken)
    commit(job, ward_officer)
    client.force_login(ward_officer)

    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()

    assert "Lỗi hệ thống khi xử lý danh sách; sổ hộ không bị thay đổi." in page
    assert "Traceback" not in page
    assert "RuntimeError" not in page
    assert "relation does not exist" not in page
    assert not Household.objects.exists()


# Progress


def test_the_progress_bar_keeps_polling_while_the_job_runs(client, ward_officer, job):
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.COMMITTING, progress=70, heartbeat_at=timezone.now()
    )
    client.force_login(ward_officer)

    response = client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")

    assert "HX-Refresh" not in response
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert "70 %" in response.content.decode()


def test_the_page_reloads_once_the_job_is_done(client, ward_officer, job):
    client.force_login(ward_officer)

    response = client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")

    assert response["HX-Refresh"] == "true"
    assert "hx-get" not in response.content.decode()


def test_the_progress_view_fails_a_job_whose_worker_went_silent(
    client, ward_officer, job, settings
):
    settings.IMPORT_STALE_SECONDS = 60
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.PREVIEWING, heartbeat_at=timezone.now() - timedelta(seconds=61)
    )
    client.force_login(ward_officer)

    response = client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")

    assert response["HX-Refresh"] == "true"
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "Lần nhập bị dừng giữa chừng" in job.error


# Error file


def test_the_error_file_downloads_as_an_xlsx_named_after_the_list(client, ward_officer, job):
    client.force_login(ward_officer)

    response = client.get(reverse("imports:problems_file", args=[job.pk]))

    assert response.status_code == 200
    assert 'filename="loi-danh-sach.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "Danh sách cần sửa"


def test_a_list_without_problems_has_no_error_file(client, ward_officer, ward):
    job = preview(upload(ward_officer, ward, family("LX-001")), ward_officer)
    client.force_login(ward_officer)

    assert job.problems == []
    assert client.get(reverse("imports:problems_file", args=[job.pk])).status_code == 404
