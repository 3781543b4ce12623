"""The import tasks on a real Celery worker, reading its queue from Redis.

The worker runs in a thread of this process with its own database connection, so the test
commits its data (transactional_db) instead of holding it in a rolled-back transaction.
"""

import threading
import time

import pytest

from households.models import Household
from imports import tasks  # noqa: F401  (registers the tasks on the app)
from imports.models import ImportJob
from imports.services import import_commit_request, import_preview_request

from ..factories import ResidentialGroupFactory
from .jobs import upload
from .sheets import family

Status = ImportJob.Status


def wait_for(job: ImportJob, *statuses: str, timeout: float = 30) -> ImportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(0.1)
    pytest.fail(f"job #{job.pk} still {job.status} after {timeout} s")


def test_a_real_worker_previews_and_commits_a_list(
    django_db_serialized_rollback, transactional_db, ward_officer, ward, worker, started
):
    ResidentialGroupFactory(parent=ward, name="Khóm Đông An")
    job = upload(ward_officer, ward, [*family("LX-001", 1), *family("LX-002", 2)])

    import_preview_request(
        user=ward_officer, job=job, mapping=job.column_mapping(), create_groups=False
    )
    job = wait_for(job, Status.PREVIEWED, Status.FAILED)

    assert job.status == Status.PREVIEWED, job.error
    assert (job.counts["persons_new"], job.blocking_count) == (6, 0)
    assert not Household.objects.exists()

    import_commit_request(user=ward_officer, job=job)
    job = wait_for(job, Status.DONE, Status.FAILED)

    assert job.status == Status.DONE, job.error
    assert Household.objects.filter(ward=ward).count() == 2
    main = threading.main_thread().name
    assert [name for name, _thread in started] == [
        "imports.tasks.preview_import",
        "imports.tasks.commit_import",
    ]
    assert all(thread != main for _name, thread in started), started
