"""Every movement kind in its own column, from statuses the rule and the household events
write, with end = start + in − out per row, and each figure drilling down to its households."""

from datetime import date

import pytest
from django.urls import reverse

from households.models import Household, HouseholdStatus
from households.rules import escaped_lines, movement
from households.services import Event, household_move_out, household_receive, household_split
from reviews.queries.movements import movement_households, movement_table
from reviews.rules import movement_balance
from reviews.services import meeting_record, review_request_add

from ..factories import HouseholdFactory, HouseholdStatusFactory
from ..households.family import family
from .test_services import assess, decide, households, open_annual, post  # noqa: F401 (fixture)

START, END = date(2026, 1, 1), date(2026, 12, 31)
CHANGE = date(2026, 3, 2)

# (the statuses before 2026, the one decided in it) → the cell it falls in.
HISTORIES = {
    "newly poor": (["none"], "poor", ("poor", "newly")),
    "newly near-poor": ([], "near_poor", ("near_poor", "newly")),
    "relapsed poor": (["poor", "escaped_poor"], "poor", ("poor", "relapsed")),
    "relapsed near-poor": (
        ["near_poor", "escaped_near_poor"],
        "near_poor",
        ("near_poor", "relapsed"),
    ),
    "escaped poor": (["poor"], "escaped_poor", ("poor", "escaped")),
    "escaped near-poor": (["near_poor"], "escaped_near_poor", ("near_poor", "escaped")),
    "near-poor to poor": (["near_poor"], "poor", ("near_poor", "to_other")),
    "poor to near-poor": (["poor"], "near_poor", ("poor", "to_other")),
}


def _household(ward, code: str, earlier: list[str], new: str) -> Household:
    household = HouseholdFactory(ward=ward, code=code)
    for i, classification in enumerate(earlier):
        HouseholdStatusFactory(household=household, year=2023 + i, classification=classification)
    HouseholdStatusFactory(
        household=household,
        year=2026,
        valid_from=CHANGE,
        classification=new,
        previous=earlier[-1] if earlier else "",
        movement=movement(earlier[-1] if earlier else None, new, escaped=escaped_lines(earlier)),
    )
    return household


@pytest.fixture
def every_kind(ward, other_ward, ward_officer, other_ward_officer):
    """One household of `ward` per kind of the rule, one poor household that splits, a
    near-poor one that moves to `other_ward` (moved away there, moved in here)."""
    for i, (earlier, new, _cell) in enumerate(HISTORIES.values()):
        _household(ward, f"K-{i:02}", earlier, new)
    splitting = family(ward, "K-SPLIT", classification="poor", son=("Lê Văn Tài", "child"))
    household_split(
        Event(ward_officer, date(2026, 5, 4)),
        household=splitting["household"],
        relations={splitting["son"].pk: "head"},
        code="K-NEW",
    )
    moving = family(ward, "K-MOVE")
    household_move_out(
        Event(ward_officer, date(2026, 6, 1)), household=moving["household"], to_ward=other_ward
    )
    household_receive(
        Event(other_ward_officer, date(2026, 6, 3)),
        household=moving["household"],
        ward=other_ward,
        code="K-IN",
    )


def _expected() -> dict[str, dict[str, int]]:
    cells = {"poor": {}, "near_poor": {}}
    for _earlier, _new, (group, column) in HISTORIES.values():
        cells[group][column] = cells[group].get(column, 0) + 1
    cells["near_poor"]["from_other"] = 1  # poor to near-poor
    cells["poor"]["from_other"] = 1  # near-poor to poor
    cells["poor"]["split_off"] = 1
    return cells


def test_each_kind_is_its_own_column_and_each_row_balances(approver, ward, every_kind):
    table = movement_table(approver, ward, START, END)

    expected = _expected()
    expected["near_poor"]["moved_away"] = 1
    for group, row in table.rows.items():
        moved = {c: n for c, n in row.items() if c not in ("at_start", "at_end") and n}
        assert moved == expected[group], group
        assert movement_balance(row) == row["at_end"], group
    # poor at the start: relapsed? no (escaped); escaped poor, poor→near-poor, the splitting one
    assert table.rows["poor"]["at_start"] == 3
    assert table.rows["near_poor"]["at_start"] == 3  # escaped, to poor, the moving one
    assert table.rows["poor"]["at_end"] == 3 + 4 - 2  # +new, relapsed, from near-poor, split
    assert table.rows["near_poor"]["at_end"] == 3 + 3 - 3


def test_the_receiving_ward_counts_the_household_moved_in(approver, other_ward, every_kind):
    table = movement_table(approver, other_ward, START, END)

    row = table.rows["near_poor"]
    assert (row["at_start"], row["moved_in"], row["at_end"]) == (0, 1, 1)
    assert movement_balance(row) == row["at_end"]


def test_the_province_balances_and_drills_down_to_every_figure(approver, province, every_kind):
    table = movement_table(approver, province, START, END)

    for group, row in table.rows.items():
        assert movement_balance(row) == row["at_end"], group
        assert row["moved_away"] + row["moved_in"] in (0, 2), group
        for column, n in row.items():
            found = movement_households(approver, province, START, END, group, column)
            assert found.count() == n, (group, column)


def test_the_page_names_each_rows_kinds_and_links_them(client, approver, ward, every_kind):
    client.force_login(approver)
    query = {"area": ward.pk, "start": "01/01/2026", "end": "31/12/2026"}

    page = client.get(reverse("reviews:movements"), query).content.decode()
    drill = client.get(
        reverse("reviews:movement_households"),
        {**query, "group": "near_poor", "column": "relapsed"},
    ).content.decode()

    for label in ("Tái nghèo", "Tái cận nghèo", "Từ hộ cận nghèo", "Sang hộ nghèo", "Tách hộ"):
        assert label in page
    assert "group=near_poor&amp;column=relapsed" in page
    assert "Tái cận nghèo" in drill and "K-03" in drill and drill.count('class="c-code"') == 1


def test_a_decision_writes_the_kinds_of_the_fixed_rule(ward_officer, households):  # noqa: F811
    """Near-poor A becomes poor, poor B near-poor, and C, which had escaped near-poverty,
    is near-poor again: tái cận nghèo, not tái nghèo nor new."""
    c = households["C"]
    HouseholdStatusFactory(household=c, year=2024, classification="near_poor")
    HouseholdStatusFactory(household=c, year=2025, classification="escaped_near_poor")
    review = open_annual(ward_officer, c.ward)
    review_request_add(
        user=ward_officer, review=review, household=c, source="form_01", filed_on=date(2026, 9, 5)
    )
    poor = ("employment", "water", "latrine")
    assess(ward_officer, review, households["A"], 1_000_000, poor)
    assess(ward_officer, review, households["B"], 2_000_000, ("water",))
    assess(ward_officer, review, c, 2_000_000, ("water",))
    meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 10, 20), attendance=30, agreed=15
    )
    review.refresh_from_db()
    post(ward_officer, review, date(2026, 10, 22))

    decide(ward_officer, review, date(2026, 12, 10))

    written = HouseholdStatus.objects.filter(review_round=review)
    assert sorted(written.values_list("household__code", "previous", "movement")) == [
        ("A", "near_poor", "near_poor_to_poor"),
        ("B", "poor", "poor_to_near_poor"),
        ("C", "none", "relapsed_near_poor"),
    ]
