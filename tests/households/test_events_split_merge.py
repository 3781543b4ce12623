"""households.services: a split, a merge, a move within the ward and a dissolution; every
member is in exactly one household on every day, and the classification follows them."""

from datetime import date

import pytest

from households.models import Closed, Household, Membership, Movement
from households.services import (
    Event,
    RegisterError,
    household_dissolve,
    household_merge,
    household_relocate,
    household_split,
)

from ..factories import HouseholdFactory, PersonFactory, ResidentialGroupFactory
from .family import BEFORE, DAY, each_once, family, heads, roster

SON = {"son": ("Lê Văn Tài", "child"), "wife": ("Trịnh Thị Hằng", "child_in_law")}


def on(user, day=DAY):
    return Event(user, day, "Biên bản ngày 10/6/2025")


def test_a_split_forms_a_new_household_of_the_chosen_members(ward_officer, ward):
    f = family(ward, **SON)
    group = ResidentialGroupFactory(parent=ward)

    new = household_split(
        on(ward_officer),
        household=f["household"],
        relations={f["son"].pk: "head", f["wife"].pk: "spouse"},
        code="AG-101",
        residential_group=group,
        address="3 Hùng Vương",
    )

    assert (new.ward, new.code, new.residential_group, new.address) == (
        ward,
        "AG-101",
        group,
        "3 Hùng Vương",
    )
    assert roster(new, BEFORE) == {}
    assert roster(new, DAY) == {"Lê Văn Tài": "head", "Trịnh Thị Hằng": "spouse"}
    assert roster(f["household"], DAY) == {
        "Lê Văn Hùng": "head",
        "Phạm Thị Hoa": "spouse",
        "Lê Văn Nam": "child",
    }
    assert len(roster(f["household"], BEFORE)) == 5
    people = [f[k] for k in ("hung", "hoa", "nam", "son", "wife")]
    assert each_once(people, BEFORE) and each_once(people, DAY)
    carried = new.statuses.get()
    assert (carried.valid_from, carried.classification, carried.movement) == (
        DAY,
        "near_poor",
        Movement.SPLIT_OFF,
    )
    assert f["household"].statuses.count() == 1
    assert (new.changed_on, Household.objects.get(pk=f["household"].pk).changed_on) == (DAY, DAY)


def test_a_split_taking_the_head_names_the_head_of_those_who_stay(ward_officer, ward):
    f = family(ward)

    new = household_split(
        on(ward_officer),
        household=f["household"],
        relations={f["hung"].pk: "head"},
        staying={f["hoa"].pk: "head", f["nam"].pk: "child"},
        code="AG-101",
    )

    assert heads(f["household"], BEFORE) == ["Lê Văn Hùng"]
    assert heads(f["household"], DAY) == ["Phạm Thị Hoa"]
    assert heads(new, DAY) == ["Lê Văn Hùng"]
    assert each_once([f["hung"], f["hoa"], f["nam"]], DAY)


def test_a_split_taking_the_head_without_a_new_one_is_refused(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="đúng một chủ hộ"):
        household_split(
            on(ward_officer),
            household=f["household"],
            relations={f["hung"].pk: "head"},
            code="AG-101",
        )

    assert not Household.objects.filter(code="AG-101").exists()
    assert heads(f["household"], DAY) == ["Lê Văn Hùng"]


@pytest.mark.parametrize(
    "relations",
    [{"son": "head", "wife": "head"}, {"son": "child", "wife": "spouse"}],
    ids=["two heads", "no head"],
)
def test_a_new_household_needs_exactly_one_head(relations, ward_officer, ward):
    f = family(ward, **SON)

    with pytest.raises(RegisterError, match="đúng một chủ hộ"):
        household_split(
            on(ward_officer),
            household=f["household"],
            relations={f[k].pk: r for k, r in relations.items()},
            code="AG-101",
        )

    assert not Household.objects.filter(code="AG-101").exists()


def test_a_split_under_a_code_of_the_ward_is_refused(ward_officer, ward):
    f = family(ward, **SON)
    HouseholdFactory(ward=ward, code="AG-101")

    with pytest.raises(RegisterError, match="AG-101 đã có"):
        household_split(
            on(ward_officer),
            household=f["household"],
            relations={f["son"].pk: "head"},
            code="AG-101",
        )

    assert len(roster(f["household"], DAY)) == 5


def test_a_split_into_a_group_of_another_ward_is_refused(ward_officer, ward, other_ward):
    f = family(ward, **SON)

    with pytest.raises(RegisterError, match="không thuộc xã, phường"):
        household_split(
            on(ward_officer),
            household=f["household"],
            relations={f["son"].pk: "head"},
            code="AG-101",
            residential_group=ResidentialGroupFactory(parent=other_ward),
        )

    assert not Household.objects.filter(code="AG-101").exists()


def test_a_split_of_everyone_is_refused(ward_officer, ward):
    f = family(ward)
    everyone = {f["hung"].pk: "head", f["hoa"].pk: "spouse", f["nam"].pk: "child"}

    with pytest.raises(RegisterError, match="ít nhất một người ở lại"):
        household_split(
            on(ward_officer), household=f["household"], relations=everyone, code="AG-101"
        )

    assert not Household.objects.filter(code="AG-101").exists()


def test_a_merge_brings_every_member_of_the_other_household_once(ward_officer, ward):
    f = family(ward)
    parents = family(
        ward,
        "AG-300",
        classification="poor",
        hung=("Lê Văn Cường", "head"),
        hoa=("Đào Thị Nga", "spouse"),
        nam=("Lê Văn Út", "child"),
    )
    other = parents["household"]
    before = other.statuses.get()

    household_merge(
        on(ward_officer),
        household=f["household"],
        other=other,
        relations={
            parents["hung"].pk: "parent",
            parents["hoa"].pk: "parent",
            parents["nam"].pk: "sibling",
        },
    )

    assert roster(f["household"], DAY) == {
        "Lê Văn Hùng": "head",
        "Phạm Thị Hoa": "spouse",
        "Lê Văn Nam": "child",
        "Lê Văn Cường": "parent",
        "Đào Thị Nga": "parent",
        "Lê Văn Út": "sibling",
    }
    assert roster(other, DAY) == {}
    assert heads(other, BEFORE) == ["Lê Văn Cường"]
    assert each_once([parents[k] for k in ("hung", "hoa", "nam")], DAY)
    other.refresh_from_db()
    assert (other.closed_on, other.closed_reason, other.successor) == (
        DAY,
        Closed.MERGED,
        f["household"],
    )
    before.refresh_from_db()
    assert (before.valid_from, before.superseded_on) == (date(2025, 1, 1), DAY)
    stop = other.statuses.get(valid_from=DAY)
    assert (stop.classification, stop.movement) == ("none", Movement.MOVED_OUT)
    assert other.statuses.in_force_on(DAY).get() == stop


@pytest.mark.parametrize("relation", ["head", None], ids=["as head", "without a relation"])
def test_a_merge_refuses_an_arriving_head_or_a_missing_relation(relation, ward_officer, ward):
    f = family(ward)
    other = HouseholdFactory(ward=ward, code="AG-300")
    arriving = PersonFactory(household=other, full_name="Lê Văn Cường")

    with pytest.raises(RegisterError, match="không là chủ hộ"):
        household_merge(
            on(ward_officer),
            household=f["household"],
            other=other,
            relations={arriving.pk: relation} if relation else {},
        )

    other.refresh_from_db()
    assert other.closed_on is None
    assert heads(f["household"], DAY) == ["Lê Văn Hùng"]
    assert heads(other, DAY) == ["Lê Văn Cường"]


def test_a_household_cannot_merge_with_itself(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="hộ khác"):
        household_merge(
            on(ward_officer), household=f["household"], other=f["household"], relations={}
        )

    assert Household.objects.get(pk=f["household"].pk).closed_on is None


def test_a_household_of_another_ward_is_received_rather_than_merged(admin_user, ward, other_ward):
    f = family(ward)
    other = HouseholdFactory(ward=other_ward, code="BD-300")
    arriving = PersonFactory(household=other)

    with pytest.raises(RegisterError, match="cùng xã, phường"):
        household_merge(
            on(admin_user), household=f["household"], other=other, relations={arriving.pk: "parent"}
        )

    assert Membership.objects.get(person=arriving).ended_on is None


def test_a_move_within_the_ward_changes_group_and_address_with_history(ward_officer, ward):
    f = family(ward)
    group = ResidentialGroupFactory(parent=ward)

    household_relocate(
        on(ward_officer), household=f["household"], residential_group=group, address="8 Trần Phú"
    )

    household = Household.objects.get(pk=f["household"].pk)
    assert (household.residential_group, household.address, household.changed_on) == (
        group,
        "8 Trần Phú",
        DAY,
    )
    latest = household.history.latest()
    assert (latest.history_type, latest.address, latest.history_user) == (
        "~",
        "8 Trần Phú",
        ward_officer,
    )
    assert latest.residential_group_id == group.pk
    assert len(roster(household, DAY)) == 3


def test_a_move_to_a_group_of_another_ward_is_refused(ward_officer, ward, other_ward):
    f = family(ward)
    address = f["household"].address

    with pytest.raises(RegisterError, match="không thuộc xã, phường"):
        household_relocate(
            on(ward_officer),
            household=f["household"],
            residential_group=ResidentialGroupFactory(parent=other_ward),
            address="8 Trần Phú",
        )

    assert Household.objects.get(pk=f["household"].pk).address == address


def test_a_household_with_members_cannot_be_dissolved(ward_officer, ward):
    f = family(ward)

    with pytest.raises(RegisterError, match="vẫn còn thành viên"):
        household_dissolve(on(ward_officer), household=f["household"])

    assert Household.objects.get(pk=f["household"].pk).closed_on is None


def test_a_household_whose_members_are_all_gone_is_dissolved_not_deleted(ward_officer, ward):
    household = HouseholdFactory(ward=ward, code="AG-400")
    PersonFactory(household=household, deceased_on=date(2025, 3, 2))

    household_dissolve(on(ward_officer), household=household)

    household.refresh_from_db()
    assert (household.closed_on, household.closed_reason) == (DAY, Closed.DISSOLVED)
    assert household.members.count() == 1
