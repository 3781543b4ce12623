"""The worklists page: the officer's ward, an approver's choice of ward, constant queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ..factories import RoleFactory, UserFactory, WardFactory
from .cases import case, person

pytestmark = pytest.mark.usefixtures("seeded_rules")

URL = "/cases/worklists/"


@pytest.fixture
def page_rows(ward, other_ward):
    """A deceased person's open case and an overdue application in each ward, as of today."""
    today = timezone.localdate()
    rows = {}
    for area in (ward, other_ward):
        rows[area.pk] = [
            case(
                area,
                person=person(
                    area,
                    date(1940, 1, 1),
                    full_name=f"Đã mất {area.name}",
                    deceased_on=today - timedelta(days=30),
                ),
            ),
            case(
                area,
                person=person(area, date(1950, 1, 1), full_name=f"Quá hạn {area.name}"),
                status="intake",
                applied_on=today - timedelta(days=60),
            ),
        ]
    return rows


def test_the_page_shows_the_officers_ward_only(client, ward_officer, ward, other_ward, page_rows):
    client.force_login(ward_officer)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.templates[0].name == "beneficiaries/worklists.html"
    html = response.content.decode()
    assert f"Đã mất {ward.name}" in html and f"Quá hạn {ward.name}" in html
    assert other_ward.name not in html
    for row in page_rows[ward.pk]:
        assert f'href="{reverse("beneficiaries:detail", args=[row.pk])}"' in html


def test_an_approver_sees_each_wards_counts_and_opens_a_ward(
    client, approver, ward, other_ward, page_rows
):
    quiet = WardFactory(parent=ward.parent, code="30310", name="Phường Mỹ Thới")
    client.force_login(approver)

    summary = client.get(URL)
    one = client.get(URL, {"ward": other_ward.pk}).content.decode()

    assert summary.templates[0].name == "beneficiaries/worklist_summary.html"
    html = summary.content.decode()
    # A row per ward with something to do, each count opening that ward's list.
    for area in (ward, other_ward):
        assert f'<a href="?ward={area.pk}">{area.name}</a>' in html
        assert f'<a href="?ward={area.pk}#deceased">1</a>' in html
        assert f'<a href="?ward={area.pk}#overdue">1</a>' in html
    assert f'<a href="?ward={quiet.pk}">' not in html
    assert "1 xã, phường khác không có việc nào." in html
    assert f"Đã mất {ward.name}" not in html  # counts, not names
    # A ward opened from there lists its own names only.
    assert f"Đã mất {other_ward.name}" in one and f"Đã mất {ward.name}" not in one
    assert 'id="deceased"' in one and 'id="overdue"' in one
    assert f'<a href="{URL}">Tất cả xã, phường</a>' in one


def test_another_provinces_ward_is_not_found(client, approver, far_ward, page_rows):
    client.force_login(approver)

    assert client.get(URL, {"ward": far_ward.pk}).status_code == 404
    assert client.get(URL, {"ward": "x"}).status_code == 404


def test_a_user_without_a_ward_is_told_so(client):
    client.force_login(UserFactory(username="chua_phan_quyen"))

    html = client.get(URL).content.decode()

    assert "Tài khoản chưa được giao xã, phường nào" in html
    assert "Không xã, phường nào có việc cần làm." not in html


def test_a_ward_number_that_is_not_plain_digits_is_not_found(client, approver, ward):
    client.force_login(approver)

    assert client.get(URL, {"ward": "²"}).status_code == 404


def test_the_page_needs_a_login(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_reads_a_constant_number_of_queries(client, approver, ward, other_ward):
    officer = RoleFactory(user=UserFactory(username="canbo_q"), area=ward).user
    today = timezone.localdate()

    def rows(n, start):
        for i in range(start, start + n):
            for area in (ward, other_ward):
                case(area, person=person(area, date(1940, 1, 1), deceased_on=today))
                case(
                    area,
                    person=person(area, date(1950, 1, 1)),
                    status="intake",
                    applied_on=today - timedelta(days=60 + i),
                )

    def queries():
        counts = []
        for user in (officer, approver):
            client.force_login(user)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(URL).status_code == 200
            counts.append(len(ctx.captured_queries))
        return counts

    rows(5, 0)
    few = queries()
    rows(45, 5)
    assert queries() == few
