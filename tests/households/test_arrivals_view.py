"""Households moving in: the receiving ward lists those bound for it, finds one whose new
ward was not known, and receives it; before that it sees only what identifies it."""

import pytest
from django.urls import reverse

from households.models import Household, Membership
from households.services import Event, household_move_out

from ..factories import ResidentialGroupFactory
from .event_pages import snapshot
from .family import BEFORE, DAY, family, roster

ARRIVALS = reverse("households:arrivals")


def receive(household) -> str:
    return reverse("households:receive", args=[household.pk])


def moving(ward, to_ward, *, code="BD-100", user=None):
    """A family of `ward` that moved as a whole on DAY to `to_ward` (None: not known)."""
    home = family(ward, code)
    home["household"].address = "77 Trần Phú"
    home["household"].save(update_fields=["address"])
    household_move_out(Event(user, DAY), household=home["household"], to_ward=to_ward)
    return home


@pytest.fixture
def bound_here(other_ward, ward, admin_user):
    """BD-100 of `other_ward`, moving to `ward`: Lê Văn Hùng and his wife and son."""
    return moving(other_ward, ward, user=admin_user)


def test_it_lists_the_households_moving_to_the_officers_ward(client, ward_officer, bound_here):
    client.force_login(ward_officer)

    response = client.get(ARRIVALS)

    assert response.status_code == 200
    [row] = response.context["arrivals"]
    assert (row.code, row.head_name, row.member_count, row.closed_on) == (
        "BD-100",
        "Lê Văn Hùng",
        3,
        DAY,
    )
    for text in ("BD-100", "Lê Văn Hùng", "Phường Bình Đức", "10/06/2025"):
        assert text in response.text
    assert "77 Trần Phú" not in response.text and "Phạm Thị Hoa" not in response.text


def test_it_never_lists_households_moving_to_another_ward(
    client, ward_officer, other_ward, far_ward, admin_user
):
    moving(other_ward, far_ward, user=admin_user)
    moving(other_ward, None, code="BD-101", user=admin_user)
    client.force_login(ward_officer)

    assert client.get(ARRIVALS).context["arrivals"] == []


def test_the_sending_wards_officer_does_not_see_it_as_arriving(
    client, other_ward_officer, bound_here
):
    client.force_login(other_ward_officer)

    assert client.get(ARRIVALS).context["arrivals"] == []


def test_a_household_moved_to_a_ward_not_known_is_found_by_code_or_a_members_id(
    client, ward_officer, other_ward, admin_user
):
    home = moving(other_ward, None, user=admin_user)
    client.force_login(ward_officer)

    by_code = client.get(ARRIVALS, {"q": "bd-100"}).context["found"]
    by_id = client.get(ARRIVALS, {"q": home["nam"].national_id}).context["found"]

    assert [h.code for h in by_code] == [h.code for h in by_id] == ["BD-100"]


def test_the_search_does_not_find_a_household_bound_for_another_ward(
    client, ward_officer, other_ward, far_ward, admin_user
):
    home = moving(other_ward, far_ward, user=admin_user)
    client.force_login(ward_officer)

    assert client.get(ARRIVALS, {"q": "BD-100"}).context["found"] == []
    assert client.get(ARRIVALS, {"q": home["nam"].national_id}).context["found"] == []


def test_the_receiving_ward_sees_the_household_only_once_received(
    client, ward_officer, bound_here, ward
):
    old = bound_here["household"]
    client.force_login(ward_officer)
    assert client.get(reverse("households:detail", args=[old.pk])).status_code == 404
    group = ResidentialGroupFactory(parent=ward)

    response = client.get(receive(old))
    assert response.status_code == 200
    assert "77 Trần Phú" not in response.text

    response = client.post(
        receive(old),
        {
            "ward": ward.pk,
            "code": "ag-500",
            "residential_group": group.pk,
            "address": "3 Lý Thái Tổ",
        },
    )

    new = Household.objects.get(ward=ward, code="AG-500")
    assert response.status_code == 302
    assert response.url == reverse("households:detail", args=[new.pk])
    assert (new.residential_group, new.address) == (group, "3 Lý Thái Tổ")
    assert roster(new, DAY) == {
        "Lê Văn Hùng": "head",
        "Phạm Thị Hoa": "spouse",
        "Lê Văn Nam": "child",
    }
    assert roster(new, BEFORE) == {}
    old.refresh_from_db()
    assert old.successor == new
    assert client.get(response.url).status_code == 200
    assert client.get(ARRIVALS).context["arrivals"] == []


def test_a_code_the_ward_has_is_refused_and_nothing_is_written(
    client, ward_officer, bound_here, ward
):
    family(ward, "AG-500")
    client.force_login(ward_officer)
    before = snapshot()

    response = client.post(receive(bound_here["household"]), {"ward": ward.pk, "code": "AG-500"})

    assert response.status_code == 400
    assert "Mã hộ AG-500 đã có ở xã, phường này." in response.text
    assert snapshot() == before


def test_a_household_bound_for_another_ward_is_not_received(
    client, ward_officer, ward, other_ward, far_ward, admin_user
):
    theirs = moving(other_ward, far_ward, user=admin_user)["household"]
    client.force_login(ward_officer)
    memberships = Membership.objects.count()

    assert client.get(receive(theirs)).status_code == 404
    assert client.post(receive(theirs), {"ward": ward.pk, "code": "AG-9"}).status_code == 404
    assert Membership.objects.count() == memberships
    assert not Household.objects.filter(code="AG-9").exists()


def test_a_ward_of_the_officer_other_than_the_destination_is_refused(
    client, admin_user, bound_here, far_ward
):
    client.force_login(admin_user)  # writes every ward

    response = client.post(receive(bound_here["household"]), {"ward": far_ward.pk, "code": "X-1"})

    assert response.status_code == 400
    assert not Household.objects.filter(code="X-1").exists()


def test_an_approver_has_no_arrivals_page(client, approver, bound_here):
    client.force_login(approver)

    assert client.get(ARRIVALS).status_code == 404
    assert client.get(receive(bound_here["household"])).status_code == 404


def test_the_household_list_links_the_arrivals_with_their_count(
    client, ward_officer, approver, bound_here
):
    client.force_login(ward_officer)
    response = client.get(reverse("households:list"))

    assert response.context["arrivals_count"] == 1
    assert f'href="{ARRIVALS}">Hộ chuyển đến (1)</a>' in response.text

    client.force_login(approver)
    assert ARRIVALS not in client.get(reverse("households:list")).text


@pytest.mark.parametrize("n", [1, 6])
def test_it_lists_in_a_fixed_number_of_queries(
    client, ward_officer, ward, other_ward, admin_user, n, django_assert_max_num_queries
):
    for i in range(n):
        moving(other_ward, ward, code=f"BD-{i}", user=admin_user)
    client.force_login(ward_officer)

    with django_assert_max_num_queries(8):
        response = client.get(ARRIVALS, {"q": "BD-0"})

    assert len(response.context["arrivals"]) == n
