"""The movements table, checked against a count made directly from the statuses."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from areas.models import Area
from households.models import Household, HouseholdStatus
from reviews.queries.movements import movement_households, movement_table
from reviews.rules import MOVEMENT_COLUMNS

from ..factories import HouseholdFactory, HouseholdStatusFactory, ResidentialGroupFactory

EVENT_COLUMN = {
    "relapsed_poor": "relapsed",
    "relapsed_near_poor": "relapsed",
    "moved_in": "moved_in",
    "split_off": "split_off",
}
PERIODS = [(date(2025, 1, 1), date(2025, 12, 31)), (date(2024, 7, 1), date(2026, 6, 30))]


def direct_count(households, start: date, end: date) -> dict:
    """The table again, from every status row, by walking each household's history."""
    rows = {g: dict.fromkeys(MOVEMENT_COLUMNS, 0) for g in ("poor", "near_poor")}
    ids = set(households.values_list("pk", flat=True))
    history: dict[int, list] = {pk: [] for pk in ids}
    for s in HouseholdStatus.objects.filter(household_id__in=ids).order_by("valid_from"):
        history[s.household_id].append(s)

    def on(statuses, day):
        held = [s.classification for s in statuses if s.valid_from <= day]
        return held[-1] if held else None

    for statuses in history.values():
        for key, day in (("at_start", start), ("at_end", end)):
            if on(statuses, day) in rows:
                rows[on(statuses, day)][key] += 1
        for s in statuses:
            if not start < s.valid_from <= end:
                continue
            before = on([x for x in statuses if x.valid_from < s.valid_from], s.valid_from)
            before = before if before in rows else None
            after = s.classification if s.classification in rows else None
            if s.movement == "moved_out":
                if before:
                    rows[before]["moved_away"] += 1
                continue
            if before == after:
                continue
            if after:
                rows[after][
                    EVENT_COLUMN.get(s.movement) or ("from_other" if before else "newly")
                ] += 1
            if before:
                rows[before]["to_other" if after else "escaped"] += 1
    return rows


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo_population", verbosity=0)
    ward = Area.objects.get(code="30307", parent__code="91")
    from django.contrib.auth import get_user_model

    return ward, get_user_model().objects.get(username="canbo")


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_demo_wards_table_agrees_with_a_direct_count(demo, start, end):
    ward, officer = demo

    table = movement_table(officer, ward, start, end)

    assert table.rows == direct_count(Household.objects.filter(ward=ward), start, end)
    assert table.households == Household.objects.filter(ward=ward).count()


def test_the_demo_ward_shows_its_four_escapes_of_2025(demo):
    ward, officer = demo

    table = movement_table(officer, ward, date(2025, 1, 1), date(2025, 12, 31))

    near_poor = table.rows["near_poor"]
    assert (near_poor["at_start"], near_poor["escaped"], near_poor["at_end"]) == (81, 4, 77)
    # Over the ward's 3,970 households (the 2020 plan: 81 near-poor households, 2,04 %).
    assert round(table.rate("near_poor", "at_start"), 2) == 2.04
    assert round(table.rate("near_poor", "at_end"), 2) == round(100 * 77 / 3970, 2)


@pytest.fixture
def mixed(ward, other_ward):
    """Households of both wards with every kind of movement in 2026."""
    made = []
    transitions = [
        ("poor", "escaped_poor", "escaped_poor"),
        ("poor", "near_poor", "poor_to_near_poor"),
        ("near_poor", "poor", "near_poor_to_poor"),
        ("near_poor", "escaped_near_poor", "escaped_near_poor"),
        ("escaped_poor", "poor", "relapsed_poor"),
        ("none", "near_poor", "newly_near_poor"),
        ("escaped_near_poor", "near_poor", "relapsed_near_poor"),
        ("near_poor", "none", "moved_out"),
        ("poor", "poor", "unchanged"),
    ]
    for i, (before, after, moved) in enumerate(transitions * 2):
        household = HouseholdFactory(ward=ward if i % 2 else other_ward)
        HouseholdStatusFactory(household=household, year=2026, classification=before)
        HouseholdStatusFactory(
            household=household,
            year=2027,
            valid_from=date(2026, 6, 1) + timedelta(days=i),
            classification=after,
            previous=before,
            movement=moved,
        )
        made.append(household)
    return made


def test_every_figure_drills_down_to_the_households_behind_it(approver, province, mixed):
    start, end = date(2026, 1, 1), date(2026, 12, 31)

    table = movement_table(approver, province, start, end)

    assert table.rows == direct_count(Household.objects.all(), start, end)
    for group, row in table.rows.items():
        for column, n in row.items():
            found = movement_households(approver, province, start, end, group, column)
            assert found.count() == n, (group, column)


def test_an_officer_counts_only_the_households_of_the_ward(ward_officer, ward, province, mixed):
    table = movement_table(ward_officer, province, date(2026, 1, 1), date(2026, 12, 31))

    assert table.households == Household.objects.filter(ward=ward).count()


def test_the_page_links_each_figure_to_its_households(client, approver, province, mixed):
    client.force_login(approver)
    query = {"area": province.pk, "start": "01/01/2026", "end": "31/12/2026"}

    page = client.get(reverse("reviews:movements"), query).content.decode()
    drill = client.get(
        reverse("reviews:movement_households"), {**query, "group": "poor", "column": "escaped"}
    )

    assert "Thoát nghèo" in page and "Tái cận nghèo" in page
    assert reverse("reviews:movement_households") in page
    assert drill.status_code == 200
    assert drill.content.decode().count('class="c-code"') == 2


def test_a_ward_out_of_scope_is_neither_offered_nor_counted(
    client, ward_officer, other_ward, mixed
):
    client.force_login(ward_officer)

    page = client.get(
        reverse("reviews:movements"),
        {"area": other_ward.pk, "start": "01/01/2026", "end": "31/12/2026"},
    ).content.decode()

    assert other_ward.name not in page
    assert 'class="list movements"' not in page


def test_a_ward_officer_is_offered_the_ward_and_its_groups_never_the_province(
    client, ward_officer, ward, province, other_ward, mixed
):
    group = ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An")
    client.force_login(ward_officer)

    offered = client.get(reverse("reviews:movements")).context["form"].fields["area"].queryset
    refused = client.get(
        reverse("reviews:movements"),
        {"area": province.pk, "start": "01/01/2026", "end": "31/12/2026"},
    )

    assert set(offered) == {ward, group}
    assert refused.context["form"].errors["area"]
    assert 'class="list movements"' not in refused.content.decode()


def test_an_approver_of_the_whole_province_is_offered_it(client, approver, province, ward):
    client.force_login(approver)

    offered = client.get(reverse("reviews:movements")).context["form"].fields["area"].queryset

    assert province in offered and ward in offered


def test_an_approver_is_offered_the_groups_of_the_chosen_ward_only(
    client, approver, province, ward, other_ward
):
    mine = ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An")
    theirs = ResidentialGroupFactory(parent=other_ward, code="001", name="Khóm Bình Thới")
    client.force_login(approver)
    period = {"start": "01/01/2026", "end": "31/12/2026"}

    def offered(area):
        form = client.get(reverse("reviews:movements"), {"area": area.pk, **period}).context["form"]
        return {label for _value, label in form.fields["area"].choices}

    assert {province.name, ward.name, other_ward.name, mine.name} <= offered(ward)
    assert theirs.name not in offered(ward)
    # A group of another ward, asked by its link, is counted and offers its own ward's groups.
    assert theirs.name in offered(theirs) and mine.name not in offered(theirs)
