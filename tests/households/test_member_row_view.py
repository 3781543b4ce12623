"""The empty member row the household form fetches with htmx."""

from django.urls import reverse


def test_it_returns_an_empty_member_row_for_the_next_index(client, officer):
    response = client.get(reverse("households:member_row"), {"index": 3})

    assert response.status_code == 200
    assert 'name="members-3-full_name"' in response.text
    assert 'name="members-3-national_id"' in response.text
    assert "<html" not in response.text


def test_it_falls_back_to_the_first_index_for_a_bad_one(client, officer):
    response = client.get(reverse("households:member_row"), {"index": "x"})

    assert 'name="members-0-full_name"' in response.text


def test_it_sends_anonymous_users_to_login_from_the_member_row(client):
    response = client.get(reverse("households:member_row"), {"index": 1})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
