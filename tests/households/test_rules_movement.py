"""The movement a new status makes, and what the register records for an escape."""

import pytest

from households.rules import escaped_classification, movement


@pytest.mark.parametrize(
    ("previous", "new", "escaped_before", "expected"),
    [
        (None, "poor", False, "newly_poor"),
        ("none", "poor", False, "newly_poor"),
        ("near_poor", "poor", False, "newly_poor"),
        ("escaped_poor", "poor", True, "relapsed_poor"),
        ("none", "poor", True, "relapsed_poor"),
        ("poor", "poor", True, "unchanged"),
        ("poor", "near_poor", False, "escaped_poor"),
        ("poor", "none", False, "escaped_poor"),
        ("poor", "middle_income", False, "escaped_poor"),
        (None, "near_poor", False, "newly_near_poor"),
        ("escaped_near_poor", "near_poor", True, "newly_near_poor"),
        ("near_poor", "near_poor", False, "unchanged"),
        ("near_poor", "none", False, "escaped_near_poor"),
        ("near_poor", "middle_income", False, "escaped_near_poor"),
        ("none", "none", False, "unchanged"),
    ],
)
def test_movement_from_the_previous_classification(previous, new, escaped_before, expected):
    assert movement(previous, new, escaped_before=escaped_before) == expected


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
