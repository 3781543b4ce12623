"""The list's year filter: a household is on a year's list when a status of that
classification is in force on some day of the year, whatever year the status is for."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from households.models import Household, HouseholdStatus
from households.queries import household_list

from ..factories import HouseholdFactory, HouseholdStatusFactory

YEARS = (2024, 2025, 2026, 2027)
KINDS = ("poor", "near_poor", "escaped_near_poor", "none")


@pytest.fixture
def histories(ward):
    """Statuses carried over years, changed mid-year, changed on 1 January, closed."""
    plans = {
        "CARRIED": [(2025, date(2025, 1, 1), "near_poor")],  # still in force in 2026, 2027
        "MIDYEAR": [(2025, date(2025, 1, 1), "poor"), (2026, date(2026, 6, 15), "near_poor")],
        "NEWYEAR": [(2025, date(2025, 1, 1), "poor"), (2026, date(2026, 1, 1), "escaped_poor")],
        "LASTDAY": [(2024, date(2024, 1, 1), "near_poor"), (2025, date(2025, 1, 2), "poor")],
        "OCTOBER": [(2026, date(2025, 10, 20), "near_poor")],  # decided for the next year
        "CLOSED": [(2025, date(2025, 1, 1), "poor"), (2026, date(2026, 3, 1), "none")],
    }
    for code, statuses in plans.items():
        household = HouseholdFactory(ward=ward, code=code)
        for year, valid_from, classification in statuses:
            HouseholdStatusFactory(
                household=household, year=year, valid_from=valid_from, classification=classification
            )


def direct_count(classification: str, year: int) -> set[str]:
    """The households with a status of the classification in force on a day of the year,
    walking each household's statuses and the days they hold."""
    found = set()
    first, last = date(year, 1, 1), date(year, 12, 31)
    for household in Household.objects.all():
        statuses = list(HouseholdStatus.objects.filter(household=household).order_by("valid_from"))
        for i, status in enumerate(statuses):
            until = (
                statuses[i + 1].valid_from - timedelta(days=1) if i + 1 < len(statuses) else last
            )
            if (
                status.classification == classification
                and status.valid_from <= last
                and until >= first
            ):
                found.add(household.code)
    return found


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("classification", KINDS)
def test_the_year_filter_agrees_with_the_statuses_in_force(
    approver, histories, classification, year
):
    listed = household_list(approver, classification=classification, year=year, state="all")

    assert {h.code for h in listed} == direct_count(classification, year)
    for h in listed:  # the list shows the status that put the household there
        assert h.status_classification == classification


def test_a_near_poor_status_carried_from_last_year_stays_on_the_list(
    client, ward_officer, histories
):
    client.force_login(ward_officer)

    page = client.get(reverse("households:list"), {"classification": "near_poor", "year": 2026})

    codes = [h.code for h in page.context["page"].object_list]
    assert codes == ["CARRIED", "MIDYEAR", "OCTOBER"]
    shown = {h.code: h.status_year for h in page.context["page"].object_list}
    assert shown == {"CARRIED": 2025, "MIDYEAR": 2026, "OCTOBER": 2026}
    assert "Áp dụng trong năm" in page.content.decode()
