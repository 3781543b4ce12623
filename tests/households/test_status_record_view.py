"""Recording a household's classification for a year from its detail page."""

from datetime import date

from django.urls import reverse

from .posts import status_data, url


def test_it_records_a_status_for_a_year(client, officer, household):
    response = client.post(url("status_record", household), status_data())

    assert response.status_code == 302
    assert response.url == url("detail", household)
    status = household.statuses.get()
    assert (status.year, status.classification, status.decision_date) == (
        2025,
        "poor",
        date(2025, 1, 15),
    )
    assert status.history.latest().history_user == officer
    assert "Đã ghi phân loại năm 2025." in client.get(response.url).text


def test_it_corrects_the_status_of_a_year_already_recorded(client, officer, household):
    client.post(url("status_record", household), status_data())

    client.post(url("status_record", household), status_data(classification="near_poor"))

    assert list(household.statuses.values_list("year", "classification")) == [(2025, "near_poor")]


def test_it_reports_an_invalid_status_and_writes_nothing(client, officer, household):
    response = client.post(url("status_record", household), status_data(classification=""))

    assert response.status_code == 302
    assert not household.statuses.exists()
    assert "Trường này là bắt buộc." in client.get(response.url).text


def test_it_refuses_a_status_read_with_get(client, officer, household):
    assert client.get(url("status_record", household)).status_code == 405


def test_it_hides_status_recording_from_another_ward(client, other_ward_officer, household):
    client.force_login(other_ward_officer)

    assert client.post(url("status_record", household), status_data()).status_code == 404
    assert not household.statuses.exists()


def test_it_sends_anonymous_users_to_login_from_status_record(client, household):
    response = client.post(url("status_record", household), status_data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not household.statuses.exists()


def test_it_does_not_let_an_approver_record_a_status(client, approver, household):
    client.force_login(approver)

    assert client.post(url("status_record", household), status_data()).status_code == 404
    assert not household.statuses.exists()
