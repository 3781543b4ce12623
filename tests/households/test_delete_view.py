"""Deleting a household: asked first, its history kept."""

from django.urls import reverse
from django.utils import timezone

from households.models import Household, HouseholdStatus, Person

from ..factories import HouseholdStatusFactory
from .posts import url


def test_it_asks_before_deleting(client, officer, household):
    response = client.get(url("delete", household))

    assert response.status_code == 200
    assert "Xoá hộ AG-001?" in response.text
    assert Household.objects.filter(pk=household.pk).exists()


def test_it_deletes_a_household_and_keeps_its_history(client, officer, household):
    today = timezone.localdate()  # a status typed in by mistake today, with the household
    HouseholdStatusFactory(household=household, year=today.year, valid_from=today)
    pk = household.pk

    response = client.post(url("delete", household))

    assert response.status_code == 302
    assert response.url == reverse("households:list")
    assert not Household.objects.filter(pk=pk).exists()
    assert not Person.objects.exists()
    assert not HouseholdStatus.objects.exists()
    deleted = Household.history.filter(id=pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", officer)
    assert "Đã xoá hộ AG-001." in client.get(response.url).text


def test_it_hides_the_delete_page_from_another_ward(client, other_ward_officer, household):
    client.force_login(other_ward_officer)

    assert client.get(url("delete", household)).status_code == 404
    assert client.post(url("delete", household)).status_code == 404
    assert Household.objects.filter(pk=household.pk).exists()


def test_it_sends_anonymous_users_to_login_from_delete(client, household):
    assert client.get(url("delete", household)).status_code == 302
    assert client.post(url("delete", household)).url.startswith(reverse("login"))
    assert Household.objects.filter(pk=household.pk).exists()


def test_it_does_not_let_an_approver_delete(client, approver, household):
    client.force_login(approver)

    assert client.get(url("delete", household)).status_code == 404
    assert client.post(url("delete", household)).status_code == 404
    assert Household.objects.filter(pk=household.pk).exists()
