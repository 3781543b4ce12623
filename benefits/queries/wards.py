"""Which wards have a payroll to make: those with a case paid in the month or ended within
the months a payroll looks back (a death reported late is recovered, its funeral paid)."""

from datetime import date

from django.db.models import Q

from beneficiaries.models import Case
from vn.dates import months_before

LOOKBACK_MONTHS = 24  # PayrollPolicy.lookback_months' default


def paying_wards(month: date, *, province_id: int | None = None) -> list[int]:
    since = months_before(month, LOOKBACK_MONTHS)
    cases = Case.objects.filter(start_month__isnull=False, start_month__lte=month).filter(
        Q(end_month__isnull=True) | Q(end_month__gt=since)
    )
    if province_id is not None:
        cases = cases.filter(ward__parent_id=province_id)
    return sorted(set(cases.values_list("ward_id", flat=True)))
