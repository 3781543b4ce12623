import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ansinh")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic job is declared here, each with its schedule in words.
app.conf.beat_schedule = {
    # Every five minutes: mark import jobs whose worker stopped answering as failed.
    "fail-stale-imports": {"task": "imports.tasks.fail_stale_imports", "schedule": 300.0},
    # On the 15th at 02:00: next month's draft payroll of every ward that pays a case, ready
    # for the officer to check and approve before the 25th (ND 20/2021 Điều 34 khoản 4).
    "draft-next-payrolls": {
        "task": "benefits.tasks.generate_payrolls",
        "schedule": crontab(day_of_month="15", hour="2", minute="0"),
    },
}
