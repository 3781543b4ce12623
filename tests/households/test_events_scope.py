"""Who may record a household event: the officer of the household's ward (or an
administrator), never the officer of another ward, never an approver (who reads)."""

import pytest

from households.models import Household, Joined, Left, Membership
from households.services import (
    Event,
    RegisterError,
    head_change,
    household_dissolve,
    household_merge,
    household_move_out,
    household_relocate,
    household_split,
    member_join,
    member_leave,
    person_record_death,
)

from ..factories import HouseholdFactory, PersonFactory
from .family import DAY, family

EVENTS = {
    "join": lambda e, f: member_join(
        e,
        household=f["household"],
        reason=Joined.BIRTH,
        relation="child",
        values={"full_name": "Lê Thị Bống", "birth_date": DAY, "sex": "female"},
    ),
    "join of a person": lambda e, f: member_join(
        e, household=f["household"], reason=Joined.MOVED_IN, relation="other", person=f["guest"]
    ),
    "leave": lambda e, f: member_leave(e, person=f["nam"], reason=Left.MOVED_AWAY),
    "death": lambda e, f: person_record_death(user=e.user, person=f["nam"], died_on=e.on),
    "head change": lambda e, f: head_change(
        e, household=f["household"], relations={f["hoa"].pk: "head", f["hung"].pk: "spouse"}
    ),
    "split": lambda e, f: household_split(
        e, household=f["household"], relations={f["nam"].pk: "head"}, code="AG-101"
    ),
    "merge": lambda e, f: household_merge(
        e, household=f["household"], other=f["other"], relations={f["guest"].pk: "parent"}
    ),
    "merged into": lambda e, f: household_merge(
        e, household=f["other"], other=f["household"], relations={}
    ),
    "relocate": lambda e, f: household_relocate(
        e, household=f["household"], residential_group=None, address="8 Trần Phú"
    ),
    "move out": lambda e, f: household_move_out(e, household=f["household"], to_ward=None),
    "dissolve": lambda e, f: household_dissolve(e, household=f["household"]),
}


@pytest.mark.parametrize("who", ["other_ward_officer", "approver"])
@pytest.mark.parametrize("event", EVENTS)
def test_only_the_wards_officer_records_events(event, who, request, ward):
    f = family(ward)
    f["other"] = HouseholdFactory(ward=ward, code="AG-300")
    f["guest"] = PersonFactory(household=f["other"], full_name="Lê Văn Cường")
    if event == "dissolve":
        Membership.objects.filter(household=f["household"]).update(ended_on=DAY)
    memberships = list(Membership.objects.order_by("pk").values_list("pk", "ended_on"))
    user = request.getfixturevalue(who)

    with pytest.raises(RegisterError, match="không có quyền"):
        EVENTS[event](Event(user, DAY), f)

    assert list(Membership.objects.order_by("pk").values_list("pk", "ended_on")) == memberships
    household = Household.objects.get(pk=f["household"].pk)
    assert (household.changed_on, household.closed_on, household.address) == (
        None,
        None,
        f["household"].address,
    )
    assert not Household.objects.filter(code="AG-101").exists()


def test_the_wards_officer_records_them(ward_officer, ward):
    f = family(ward)

    household_relocate(
        Event(ward_officer, DAY),
        household=f["household"],
        residential_group=None,
        address="8 Trần Phú",
    )

    assert Household.objects.get(pk=f["household"].pk).address == "8 Trần Phú"
