"""Who may record events on a household: its ward's officer, while it is open. Another
ward's officer gets 404 (the household is not in their scope), as does an approver, who
reads the household without an events menu, as on the register's other write pages."""

import pytest
from django.urls import reverse

from households.services import Event, household_move_out

from .event_pages import EVENT_PAGES, event, page, snapshot
from .family import DAY, family


@pytest.fixture
def home(ward):
    return family(ward)


def detail(household) -> str:
    return reverse("households:detail", args=[household.pk])


def test_the_ward_officer_sees_the_events_menu(client, ward_officer, home):
    client.force_login(ward_officer)

    response = client.get(detail(home["household"]))

    for name in EVENT_PAGES:
        if name != "member_join_found":  # reached from the join page
            assert page(name, home["household"]) in response.text, name


@pytest.mark.parametrize("name", EVENT_PAGES)
def test_another_wards_officer_gets_404_on_every_event_page(client, other_ward_officer, home, name):
    client.force_login(other_ward_officer)
    before = snapshot()

    assert client.get(page(name, home["household"])).status_code == 404
    assert client.post(page(name, home["household"]), event()).status_code == 404
    assert snapshot() == before


def test_an_approver_reads_the_household_without_the_events_menu(client, approver, home):
    client.force_login(approver)

    response = client.get(detail(home["household"]))

    assert response.status_code == 200
    assert response.context["event_menu"] == []
    assert "/events/" not in response.text


@pytest.mark.parametrize("name", EVENT_PAGES)
def test_an_approver_gets_404_on_every_event_page(client, approver, home, name):
    client.force_login(approver)
    before = snapshot()

    assert client.get(page(name, home["household"])).status_code == 404
    assert client.post(page(name, home["household"]), event()).status_code == 404
    assert snapshot() == before


def test_anonymous_users_are_sent_to_login(client, home):
    response = client.get(page("member_leave", home["household"]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.fixture
def moved(home, ward_officer, other_ward):
    household_move_out(Event(ward_officer, DAY), household=home["household"], to_ward=other_ward)
    return home["household"]


def test_a_closed_household_shows_no_events_menu(client, ward_officer, moved):
    client.force_login(ward_officer)

    response = client.get(detail(moved))

    assert response.context["event_menu"] == []
    assert "/events/" not in response.text


@pytest.mark.parametrize("name", EVENT_PAGES)
def test_the_event_pages_of_a_closed_household_send_back_to_it(client, ward_officer, moved, name):
    client.force_login(ward_officer)
    before = snapshot()

    response = client.post(page(name, moved), event(), follow=True)

    assert response.redirect_chain == [(detail(moved), 302)]
    assert "đã đóng sổ: không ghi thêm thay đổi" in response.text
    assert snapshot() == before
