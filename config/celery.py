import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ansinh")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic job is declared here, each with its schedule in words.
app.conf.beat_schedule = {
    # Every five minutes: mark import jobs whose worker stopped answering as failed.
    "fail-stale-imports": {"task": "imports.tasks.fail_stale_imports", "schedule": 300.0},
}
