"""Payroll jobs: one task per ward and month, so more workers generate a province faster.
Each only calls the service, which locks the ward's payroll while it writes it: a task run
twice, or retried after a worker died, leaves one draft."""

from datetime import date

from celery import group, shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from areas.models import Area
from vn.dates import month_start, next_month

from .queries.wards import paying_wards
from .services.payrolls import PayrollError, payroll_generate


@shared_task(acks_late=True)
def generate_ward_payroll(ward_id: int, month: str, user_id: int | None = None) -> str:
    """Generate one ward's draft payroll of the month ("2026-12-01"); say what happened."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    ward = Area.objects.get(pk=ward_id)
    try:
        done = payroll_generate(user=user, ward=ward, month=date.fromisoformat(month))
    except PayrollError as e:
        return f"refused: {e}"
    return "skipped" if done.skipped else "generated"


@shared_task
def generate_payrolls(month: str | None = None, province_id: int | None = None) -> int:
    """Queue one generate_ward_payroll per ward that pays a case (of one province, or all),
    for the month given or, from the beat schedule, the coming month."""
    month = month or next_month(month_start(timezone.localdate())).isoformat()
    wards = paying_wards(date.fromisoformat(month), province_id=province_id)
    group(generate_ward_payroll.s(ward_id, month) for ward_id in wards).apply_async()
    return len(wards)
