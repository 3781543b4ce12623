from celery import shared_task

from . import services


@shared_task(acks_late=True)
def preview_import(job_id: int) -> None:
    services.import_preview_run(job_id)


@shared_task(acks_late=True)
def commit_import(job_id: int) -> None:
    services.import_commit_run(job_id)


@shared_task
def fail_stale_imports() -> int:
    return services.import_jobs_fail_stale()
