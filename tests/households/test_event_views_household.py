"""The events of a whole household on its page: split, merge, a move within the ward or
away, dissolution."""

import pytest

from households.models import Household, Membership

from ..factories import HouseholdFactory, PersonFactory, ResidentialGroupFactory, WardFactory
from .event_pages import event, page, snapshot
from .family import BEFORE, DAY, family, roster


@pytest.fixture
def home(ward):
    return family(ward)


@pytest.fixture
def officer(client, ward_officer):
    client.force_login(ward_officer)
    return ward_officer


def _split(home, group=None, **rows) -> dict:
    """The split form: `rows` maps a member's key to (relation in the new household or "",
    relation if they stay)."""
    data = event(
        code="ag-200", residential_group=group.pk if group else "", address="5 Hà Hoàng Hổ"
    )
    for key, (goes, stays) in rows.items():
        data |= {f"goes_{home[key].pk}": goes, f"stays_{home[key].pk}": stays}
    return data


def test_the_split_page_shows_every_member_with_the_two_relations(client, officer, home):
    response = client.get(page("split", home["household"]))

    assert response.status_code == 200
    rows = response.context["form"].member_rows
    assert [m.person.full_name for m, _fields in rows] == [
        "Lê Văn Hùng",
        "Phạm Thị Hoa",
        "Lê Văn Nam",
    ]
    assert all(len(fields) == 2 for _m, fields in rows)


def test_a_split_forms_the_new_household_of_the_chosen_members(client, officer, home, ward):
    group = ResidentialGroupFactory(parent=ward, name="Khóm Đông Thịnh")

    response = client.post(
        page("split", home["household"]),
        _split(home, group, hung=("", "head"), hoa=("", "spouse"), nam=("head", "child")),
    )

    assert response.status_code == 302
    new = Household.objects.get(code="AG-200")
    assert (new.ward, new.residential_group, new.address) == (ward, group, "5 Hà Hoàng Hổ")
    assert roster(new, DAY) == {"Lê Văn Nam": "head"}
    assert roster(home["household"], DAY) == {"Lê Văn Hùng": "head", "Phạm Thị Hoa": "spouse"}
    assert "Lê Văn Nam" in roster(home["household"], BEFORE)


def test_a_split_taking_the_head_changes_the_relations_of_those_who_stay(client, officer, home):
    response = client.post(
        page("split", home["household"]),
        _split(home, hung=("head", "head"), hoa=("spouse", "spouse"), nam=("", "head")),
    )

    assert response.status_code == 302
    assert roster(home["household"], DAY) == {"Lê Văn Nam": "head"}
    new = Household.objects.get(code="AG-200")
    assert roster(new, DAY) == {"Lê Văn Hùng": "head", "Phạm Thị Hoa": "spouse"}


def test_a_split_leaving_those_who_stay_without_a_head_is_refused(client, officer, home):
    before = snapshot()

    response = client.post(
        page("split", home["household"]),
        _split(home, hung=("head", "head"), hoa=("", "spouse"), nam=("", "child")),
    )

    assert response.status_code == 400
    assert "Những người ở lại cần đúng một chủ hộ" in response.text
    assert snapshot() == before


def test_a_split_under_a_code_the_ward_has_is_refused_with_the_services_message(
    client, officer, home, ward
):
    HouseholdFactory(ward=ward, code="AG-200")
    before = snapshot()

    response = client.post(
        page("split", home["household"]),
        _split(home, hung=("", "head"), hoa=("", "spouse"), nam=("head", "child")),
    )

    assert response.status_code == 400
    assert "Mã hộ AG-200 đã có ở xã, phường này." in response.text
    assert snapshot() == before


@pytest.fixture
def other(ward):
    """AG-101 of the same ward: Đỗ Văn Bình (head) and his son."""
    return family(
        ward,
        "AG-101",
        hung=("Đỗ Văn Bình", "head"),
        hoa=("Đỗ Thị Lành", "spouse"),
        nam=("Đỗ Văn An", "child"),
    )


def _merge(other, **relations) -> dict:
    data = event(code=other["household"].code)
    return data | {f"relation_{other[k].pk}": r for k, r in relations.items()}


def test_the_merge_page_finds_the_other_household_by_its_code(client, officer, home, other):
    response = client.get(page("merge", home["household"], code="ag-101"))

    assert response.status_code == 200
    assert response.context["form"].other == other["household"]
    names = [m.person.full_name for m, _f in response.context["form"].member_rows]
    assert sorted(names) == ["Đỗ Thị Lành", "Đỗ Văn An", "Đỗ Văn Bình"]


def test_a_merge_brings_every_member_and_closes_the_other_household(client, officer, home, other):
    response = client.post(
        page("merge", home["household"]),
        _merge(other, hung="sibling", hoa="other", nam="grandchild"),
    )

    assert response.status_code == 302
    assert roster(home["household"], DAY)["Đỗ Văn Bình"] == "sibling"
    assert len(roster(home["household"], DAY)) == 6
    other["household"].refresh_from_db()
    assert other["household"].closed_on == DAY
    assert other["household"].successor == home["household"]


def test_a_merge_needs_the_relation_of_each_arriving_member(client, officer, home, other):
    before = snapshot()

    response = client.post(page("merge", home["household"]), _merge(other, hung="sibling"))

    assert response.status_code == 400
    assert snapshot() == before


def test_a_household_of_another_ward_is_not_found_for_a_merge(client, officer, home, other_ward):
    theirs = family(other_ward, "AG-101")
    before = snapshot()

    response = client.post(page("merge", home["household"]), _merge(theirs, hung="sibling"))

    assert response.status_code == 400
    assert "Không tìm thấy hộ có mã này đang còn trong xã, phường." in response.text
    assert snapshot() == before


def test_a_move_within_the_ward_records_the_group_and_address(client, officer, home, ward):
    group = ResidentialGroupFactory(parent=ward)

    response = client.post(
        page("relocate", home["household"]),
        event(residential_group=group.pk, address="9 Tôn Đức Thắng"),
    )

    assert response.status_code == 302
    household = Household.objects.get(pk=home["household"].pk)
    assert (household.residential_group, household.address, household.changed_on) == (
        group,
        "9 Tôn Đức Thắng",
        DAY,
    )


def test_a_group_of_another_ward_is_not_offered(client, officer, home, other_ward):
    theirs = ResidentialGroupFactory(parent=other_ward)
    before = snapshot()

    response = client.post(page("relocate", home["household"]), event(residential_group=theirs.pk))

    assert response.status_code == 400
    assert snapshot() == before


def test_the_move_page_offers_the_wards_of_the_province_first(
    client, officer, home, ward, other_ward, far_ward
):
    response = client.get(page("move_out", home["household"]))

    choices = dict(response.context["form"].fields["to_ward"].choices)
    assert other_ward.pk in choices and ward.pk not in choices and far_ward.pk not in choices

    response = client.get(page("move_out", home["household"], province=far_ward.parent_id))

    assert far_ward.pk in dict(response.context["form"].fields["to_ward"].choices)


def test_the_whole_household_moves_to_another_ward(client, officer, home, ward, other_ward):
    response = client.post(
        page("move_out", home["household"]),
        event(province=ward.parent_id, to_ward=other_ward.pk),
    )

    assert response.status_code == 302
    household = Household.objects.get(pk=home["household"].pk)
    assert (household.closed_on, household.closed_reason, household.moving_to) == (
        DAY,
        "moved",
        other_ward,
    )
    assert roster(household, DAY) == {}
    assert len(roster(household, BEFORE)) == 3


def test_a_move_to_a_ward_not_known_yet(client, officer, home):
    response = client.post(page("move_out", home["household"]), event(province="", to_ward=""))

    assert response.status_code == 302
    household = Household.objects.get(pk=home["household"].pk)
    assert household.closed_reason == "moved" and household.moving_to is None


def test_a_ward_outside_the_chosen_province_is_refused(client, officer, home, ward, far_ward):
    before = snapshot()

    response = client.post(
        page("move_out", home["household"]), event(province=ward.parent_id, to_ward=far_ward.pk)
    )

    assert response.status_code == 400
    assert snapshot() == before


def test_a_move_before_the_members_joined_is_refused(client, officer, home, other_ward):
    before = snapshot()

    response = client.post(
        page("move_out", home["household"]),
        event(province=other_ward.parent_id, to_ward=other_ward.pk, on="01/06/2019"),
    )

    assert response.status_code == 400
    assert "vào hộ ngày 01/01/2020" in response.text
    assert snapshot() == before


def test_a_household_with_members_is_not_dissolved(client, officer, home):
    before = snapshot()

    response = client.post(page("dissolve", home["household"]), event())

    assert response.status_code == 400
    assert "Hộ vẫn còn thành viên" in response.text
    assert snapshot() == before


def test_a_household_nobody_lives_in_is_dissolved(client, officer, ward):
    empty = HouseholdFactory(ward=ward)
    PersonFactory(household=empty, moved_out_on=BEFORE)
    assert not Membership.objects.open().filter(household=empty).exists()

    response = client.post(page("dissolve", empty), event())

    assert response.status_code == 302
    empty.refresh_from_db()
    assert (empty.closed_on, empty.closed_reason) == (DAY, "dissolved")


def test_the_wards_of_an_inactive_unit_are_not_offered(client, officer, home, province):
    gone = WardFactory(parent=province, is_active=False)

    response = client.get(page("move_out", home["household"]))

    assert gone.pk not in dict(response.context["form"].fields["to_ward"].choices)
