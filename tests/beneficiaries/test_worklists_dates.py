"""The worklists' own date rule: three months unpaid (the date arithmetic is tests/vn's)."""

from datetime import date

from beneficiaries.worklists.queries import unpaid_cutoff


def test_three_months_unpaid_counts_this_month():
    assert unpaid_cutoff(date(2025, 10, 15)) == date(2025, 8, 1)
    assert unpaid_cutoff(date(2026, 1, 31)) == date(2025, 11, 1)
    assert unpaid_cutoff(date(2026, 2, 1)) == date(2025, 12, 1)
