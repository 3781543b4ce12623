"""The movement a new status makes, and what the register records for an escape."""

import pytest

from households.rules import escaped_classification, escaped_lines, movement

POOR, NEAR = frozenset({"poor", "near_poor"}), frozenset({"near_poor"})


@pytest.mark.parametrize(
    ("previous", "new", "escaped", "expected"),
    [
        (None, "poor", frozenset(), "newly_poor"),
        ("none", "poor", frozenset(), "newly_poor"),
        ("middle_income", "poor", frozenset(), "newly_poor"),
        # near-poor becoming poor is neither new nor a relapse
        ("near_poor", "poor", frozenset(), "near_poor_to_poor"),
        ("near_poor", "poor", POOR, "near_poor_to_poor"),
        ("escaped_poor", "poor", POOR, "relapsed_poor"),
        ("escaped_poor", "poor", frozenset(), "relapsed_poor"),
        ("none", "poor", POOR, "relapsed_poor"),
        # escaped near-poverty only: becoming poor is new poverty, not a relapse
        ("escaped_near_poor", "poor", NEAR, "newly_poor"),
        ("poor", "poor", POOR, "unchanged"),
        ("poor", "near_poor", POOR, "poor_to_near_poor"),
        ("poor", "escaped_poor", POOR, "escaped_poor"),
        ("poor", "none", frozenset(), "escaped_poor"),
        ("poor", "middle_income", frozenset(), "escaped_poor"),
        (None, "near_poor", frozenset(), "newly_near_poor"),
        ("none", "near_poor", frozenset(), "newly_near_poor"),
        # back into near-poverty after escaping it: tái cận nghèo, not tái nghèo
        ("escaped_near_poor", "near_poor", NEAR, "relapsed_near_poor"),
        ("none", "near_poor", NEAR, "relapsed_near_poor"),
        ("escaped_poor", "near_poor", POOR, "relapsed_near_poor"),
        ("near_poor", "near_poor", NEAR, "unchanged"),
        ("near_poor", "escaped_near_poor", NEAR, "escaped_near_poor"),
        ("near_poor", "none", frozenset(), "escaped_near_poor"),
        ("near_poor", "middle_income", frozenset(), "escaped_near_poor"),
        ("none", "none", frozenset(), "unchanged"),
        (None, "middle_income", frozenset(), "unchanged"),
    ],
)
def test_movement_from_the_previous_classification(previous, new, escaped, expected):
    assert movement(previous, new, escaped=escaped) == expected


@pytest.mark.parametrize(
    ("history", "lines"),
    [
        ([], frozenset()),
        (["none", "middle_income"], frozenset()),
        (["near_poor", "escaped_near_poor"], NEAR),
        (["escaped_near_poor"], NEAR),
        (["poor", "near_poor"], POOR),
        (["escaped_poor"], POOR),
    ],
)
def test_the_lines_a_household_had_been_under(history, lines):
    assert escaped_lines(history) == lines


@pytest.mark.parametrize(
    ("sequence", "movements"),
    [
        (
            ["near_poor", "escaped_near_poor", "near_poor"],
            ["escaped_near_poor", "relapsed_near_poor"],
        ),
        (["poor", "escaped_poor", "poor"], ["escaped_poor", "relapsed_poor"]),
        (["near_poor", "escaped_near_poor", "poor"], ["escaped_near_poor", "newly_poor"]),
        (["poor", "near_poor", "poor"], ["poor_to_near_poor", "near_poor_to_poor"]),
        (
            ["poor", "near_poor", "escaped_near_poor", "poor"],
            ["poor_to_near_poor", "escaped_near_poor", "relapsed_poor"],
        ),
        (["none", "near_poor", "poor"], ["newly_near_poor", "near_poor_to_poor"]),
    ],
)
def test_each_kind_from_a_status_sequence(sequence, movements):
    found = [
        movement(sequence[i - 1], new, escaped=escaped_lines(sequence[:i]))
        for i, new in enumerate(sequence)
        if i
    ]
    assert found == movements


@pytest.mark.parametrize(
    ("previous", "new", "recorded"),
    [
        ("poor", "none", "escaped_poor"),
        ("poor", "middle_income", "escaped_poor"),
        ("near_poor", "none", "escaped_near_poor"),
        ("poor", "near_poor", "near_poor"),
        (None, "middle_income", "middle_income"),
        ("none", "poor", "poor"),
    ],
)
def test_the_register_records_an_escape_as_such(previous, new, recorded):
    assert escaped_classification(previous, new) == recorded
