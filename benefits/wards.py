"""Which wards have a payroll to make: those with a case paid in the month."""

from datetime import date

from django.db.models import Q

from beneficiaries.models import Case


def paying_wards(month: date, *, province_id: int | None = None) -> list[int]:
    cases = Case.objects.filter(start_month__isnull=False, start_month__lte=month).filter(
        Q(end_month__isnull=True) | Q(end_month__gte=month)
    )
    if province_id is not None:
        cases = cases.filter(ward__parent_id=province_id)
    return sorted(set(cases.values_list("ward_id", flat=True)))
