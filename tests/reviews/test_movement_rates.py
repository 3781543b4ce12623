"""The movements table's rates: over all households of the area, never over the lists."""

from datetime import date

import pytest
from django.urls import reverse

from areas.models import AreaPopulation
from reviews.queries.movements import movement_table

from ..factories import HouseholdFactory, HouseholdStatusFactory

START, END = date(2026, 1, 1), date(2026, 12, 31)


def figure(area, households, day=date(2026, 1, 1), source="Công an phường"):
    return AreaPopulation.objects.create(
        area=area, valid_from=day, households=households, persons=4 * households, source=source
    )


@pytest.fixture
def near_poor(ward):
    """Ten near-poor households at the start of 2026; two escape in June."""
    for i in range(10):
        household = HouseholdFactory(ward=ward)
        HouseholdStatusFactory(household=household, year=2026, classification="near_poor")
        if i < 2:
            HouseholdStatusFactory(
                household=household,
                year=2027,
                valid_from=date(2026, 6, 1),
                classification="escaped_near_poor",
                previous="near_poor",
                movement="escaped_near_poor",
            )


def test_rates_are_over_the_areas_total_households(ward_officer, ward, near_poor):
    figure(ward, 500)

    table = movement_table(ward_officer, ward, START, END)

    assert table.households == 10  # the register, not the base
    assert table.rate("near_poor", "at_start") == pytest.approx(2.0)
    assert table.rate("near_poor", "escaped") == pytest.approx(0.4)
    assert table.rate("near_poor", "at_end") == pytest.approx(1.6)


def test_the_end_is_over_the_figure_in_force_on_the_last_day(ward_officer, ward, near_poor):
    figure(ward, 500)
    figure(ward, 400, date(2026, 7, 1))

    table = movement_table(ward_officer, ward, START, END)

    assert table.rate("near_poor", "at_start") == pytest.approx(2.0)
    assert table.rate("near_poor", "escaped") == pytest.approx(0.4)  # over the start's
    assert table.rate("near_poor", "at_end") == pytest.approx(2.0)  # 8 of 400


def test_without_totals_there_is_no_rate_at_all(ward_officer, ward, near_poor):
    table = movement_table(ward_officer, ward, START, END)

    assert all(table.rate(g, c) is None for g in table.rows for c in table.rows[g])


def test_a_province_rate_needs_every_wards_total(approver, province, ward, other_ward, near_poor):
    figure(ward, 500)
    assert movement_table(approver, province, START, END).rate("near_poor", "at_start") is None

    figure(other_ward, 500)
    table = movement_table(approver, province, START, END)

    assert table.rate("near_poor", "at_start") == pytest.approx(1.0)


def page(client, user, area):
    client.force_login(user)
    query = {"area": area.pk, "start": "01/01/2026", "end": "31/12/2026"}
    return client.get(reverse("reviews:movements"), query).content.decode()


def test_the_page_names_the_base_of_its_rates(client, ward_officer, ward, near_poor):
    figure(ward, 500, source="Công an phường, dữ liệu cư trú 01/2026")

    html = page(client, ward_officer, ward)

    assert (
        "Tỷ lệ tính trên tổng số hộ của địa bàn: 500 hộ "
        "(nguồn Công an phường, dữ liệu cư trú 01/2026, ngày 01/01/2026)"
    ) in html
    assert "2,00" in html and "1,60" in html


def test_the_page_shows_dashes_and_a_link_to_enter_the_totals(
    client, ward_officer, ward, near_poor
):
    html = page(client, ward_officer, ward)

    assert "—" in html
    assert f"{reverse('areas:population')}?area={ward.pk}" in html
    assert "Chưa có tổng số hộ của địa bàn" in html
    assert "80,00" not in html and "100,00" not in html  # nothing over the lists
