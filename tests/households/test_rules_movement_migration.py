"""households 0014 gives the statuses already stored the movement the fixed rule gives."""

import importlib
from datetime import date

from django.apps import apps

from households.models import HouseholdStatus

from ..factories import HouseholdFactory, HouseholdStatusFactory

recompute = importlib.import_module("households.migrations.0014_movement_kinds").recompute


def _history(ward, code, steps):
    """Statuses (classification, movement as stored before the fix), one a year from 2022."""
    household = HouseholdFactory(ward=ward, code=code)
    return [
        HouseholdStatusFactory(
            household=household, year=2022 + i, classification=c, previous="", movement=m
        )
        for i, (c, m) in enumerate(steps)
    ]


def test_existing_statuses_get_the_movement_of_their_history(ward):
    relapse = _history(
        ward,
        "M-1",
        [
            ("near_poor", ""),
            ("escaped_near_poor", "escaped_near_poor"),
            ("near_poor", "newly_near_poor"),
        ],
    )
    to_poor = _history(ward, "M-2", [("near_poor", ""), ("poor", "newly_poor")])
    to_near = _history(
        ward, "M-3", [("poor", ""), ("near_poor", "escaped_poor"), ("escaped_near_poor", "")]
    )
    new_poor = _history(
        ward, "M-4", [("near_poor", ""), ("escaped_near_poor", ""), ("poor", "relapsed_poor")]
    )
    carried = _history(ward, "M-5", [("poor", "split_off"), ("poor", "")])
    closing = HouseholdStatusFactory(
        household=carried[0].household,
        year=2025,
        valid_from=date(2025, 5, 1),
        classification="none",
        previous="poor",
        movement="moved_out",
    )

    recompute(apps, None)

    def stored(statuses):
        return [
            HouseholdStatus.objects.values_list("previous", "movement").get(pk=s.pk)
            for s in statuses
        ]

    assert stored(relapse) == [
        ("", ""),
        ("near_poor", "escaped_near_poor"),
        ("escaped_near_poor", "relapsed_near_poor"),
    ]
    assert stored(to_poor)[1] == ("near_poor", "near_poor_to_poor")
    assert stored(to_near)[1:] == [
        ("poor", "poor_to_near_poor"),
        ("near_poor", "escaped_near_poor"),
    ]
    assert stored(new_poor)[2] == ("escaped_near_poor", "newly_poor")
    assert stored(carried) == [("", "split_off"), ("poor", "unchanged")]
    assert stored([closing]) == [("poor", "moved_out")]
