"""households.services.head_change, and a head who dies: exactly one head on every day
but while the household waits for the officer to name the new one."""

from datetime import date

import pytest

from households.models import Left, Membership, Person
from households.services import (
    Event,
    RegisterError,
    head_change,
    member_leave,
    person_record_death,
)

from ..factories import HouseholdFactory, PersonFactory
from .family import BEFORE, DAY, family, heads, roster


def on(user, day=DAY):
    return Event(user, day, "Biên bản họp gia đình")


def test_a_head_dying_leaves_the_household_waiting_for_a_new_head(ward_officer, ward):
    f = family(ward)

    person_record_death(user=ward_officer, person=f["hung"], died_on=DAY)

    household = f["household"]
    household.refresh_from_db()
    assert "cần chọn chủ hộ mới" in household.change_note
    assert heads(household, BEFORE) == ["Lê Văn Hùng"]
    assert heads(household, DAY) == []
    # The household still works: a member can leave, then the officer names the head.
    member_leave(on(ward_officer, date(2025, 7, 1)), person=f["nam"], reason=Left.MOVED_AWAY)
    head_change(
        on(ward_officer, date(2025, 7, 2)), household=household, relations={f["hoa"].pk: "head"}
    )
    assert heads(household, date(2025, 7, 2)) == ["Phạm Thị Hoa"]


def test_a_head_change_gives_exactly_one_head_on_each_day(ward_officer, ward):
    f = family(ward)

    head_change(
        on(ward_officer),
        household=f["household"],
        relations={f["hoa"].pk: "head", f["hung"].pk: "spouse"},
    )

    assert heads(f["household"], BEFORE) == ["Lê Văn Hùng"]
    assert heads(f["household"], DAY) == ["Phạm Thị Hoa"]
    assert roster(f["household"], DAY) == {
        "Lê Văn Hùng": "spouse",
        "Phạm Thị Hoa": "head",
        "Lê Văn Nam": "child",
    }
    hung = Person.objects.get(pk=f["hung"].pk)
    assert hung.relation_to_head == "spouse"
    assert hung.memberships.count() == 2
    f["household"].refresh_from_db()
    assert f["household"].changed_on == DAY


def test_a_head_change_that_leaves_two_heads_is_refused(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="đúng một chủ hộ"):
        head_change(on(ward_officer), household=f["household"], relations={f["hoa"].pk: "head"})

    assert heads(f["household"], DAY) == ["Lê Văn Hùng"]
    assert Membership.objects.filter(household=f["household"]).count() == 3


def test_a_head_change_naming_someone_of_another_household_is_refused(ward_officer, ward):
    f = family(ward)
    stranger = PersonFactory(household=HouseholdFactory(ward=ward))

    with pytest.raises(RegisterError, match="không là thành viên"):
        head_change(
            on(ward_officer),
            household=f["household"],
            relations={stranger.pk: "head", f["hung"].pk: "spouse"},
        )

    assert heads(f["household"], DAY) == ["Lê Văn Hùng"]
