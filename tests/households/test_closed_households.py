"""A closed household stays in the register as it was: out of the default list, found by
the list's state filter, and no longer edited or reclassified."""

from datetime import date

import pytest
from django.urls import reverse

from households.models import HouseholdStatus
from households.services import (
    Event,
    RegisterError,
    household_dissolve,
    household_save,
    household_status_record,
    member_join,
    member_leave,
)

from .family import DAY, family


def listed(client, **params) -> list[str]:  # `client` logged in as the ward officer
    response = client.get(reverse("households:list"), params)
    return [h.code for h in response.context["page"].object_list]


@pytest.fixture
def three(ward, ward_officer):
    """AG-1 open, AG-2 closed (its family moved away), AG-3 with a birth since its review."""
    open_, gone, grown = (family(ward, f"AG-{n}") for n in (1, 2, 3))
    for key in ("nam", "hoa", "hung"):
        member_leave(Event(ward_officer, DAY), person=gone[key], reason="moved_away")
    values = {"full_name": "Lê Thị Bé", "sex": "female", "birth_date": DAY}
    member_join(
        Event(ward_officer, DAY),
        household=grown["household"],
        reason="birth",
        relation="grandchild",
        values=values,
    )
    return open_["household"], gone["household"], grown["household"]


def test_the_list_shows_open_households_unless_asked(client, officer, three):
    assert listed(client) == ["AG-1", "AG-3"]
    assert listed(client, state="changed") == ["AG-3"]
    assert listed(client, state="closed") == ["AG-2"]
    assert listed(client, state="all") == ["AG-1", "AG-2", "AG-3"]


def test_a_closed_household_is_not_edited_or_reclassified(ward_officer, three):
    closed = three[1]
    closed.refresh_from_db()
    values = {"ward": closed.ward, "code": closed.code, "address": "Mới"}
    with pytest.raises(RegisterError, match="đã đóng sổ"):
        household_save(
            user=ward_officer, household=closed, values=values, members=[], version=closed.version
        )
    with pytest.raises(RegisterError, match="đã đóng sổ"):
        household_status_record(
            user=ward_officer, household=closed, values={"year": 2026, "classification": "poor"}
        )
    with pytest.raises(RegisterError, match="đã đóng sổ"):
        household_dissolve(Event(ward_officer, date(2025, 7, 1)), household=closed)
    assert not HouseholdStatus.objects.filter(household=closed, year=2026).exists()


def test_its_page_offers_no_edit(client, officer, three):
    page = client.get(reverse("households:detail", args=[three[1].pk])).content.decode()
    open_page = client.get(reverse("households:detail", args=[three[0].pk])).content.decode()

    assert reverse("households:update", args=[three[1].pk]) not in page
    assert reverse("households:status_record", args=[three[1].pk]) not in page
    assert reverse("households:update", args=[three[0].pk]) in open_page
    assert reverse("households:status_record", args=[three[0].pk]) in open_page
