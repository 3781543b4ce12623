"""The pages of a case's move: "Chuyển đi" on the case page, "Hồ sơ chuyển đến" and its
"Tiếp nhận", the worklists' move sections; and who may do what."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Case, CaseStatus, EventKind
from beneficiaries.services import case_open, case_transfer_out

from ..factories import RoleFactory, UserFactory, WardFactory
from .moving import MOVED, elder_of, granted, move, moved_case, new_home

INCOMING = reverse("beneficiaries:incoming")


@pytest.fixture
def moved(ward_officer, other_ward_officer, ward, other_ward):
    return moved_case(ward_officer, other_ward_officer, ward, other_ward)


@pytest.fixture
def third_ward_officer(province):
    # Writes a third ward of the province: neither home nor destination.
    third = WardFactory(parent=province, code="30316", name="Phường Mỹ Hòa")
    return RoleFactory(user=UserFactory(username="canbo3"), area=third).user


def url(name, case):
    return reverse(f"beneficiaries:{name}", args=[case.pk])


def out_form(**values):
    return {"transfer_out-moved_on": "14/03/2025", "transfer_out-note": "Giấy báo"} | values


# --- Chuyển đi ------------------------------------------------------------------------


def test_the_case_page_offers_the_move_to_its_wards_writer_only(
    client, moved, ward_officer, approver, other_ward
):
    client.force_login(ward_officer)
    page = client.get(url("detail", moved))
    assert "transfer_out" in page.context["forms"]
    html = page.content.decode()
    assert f'action="{url("transfer_out", moved)}"' in html
    assert f'<option value="{other_ward.pk}">{other_ward.name}</option>' in html

    client.force_login(approver)
    assert "transfer_out" not in client.get(url("detail", moved)).context["forms"]


def test_the_sending_ward_records_the_move_from_the_case_page(
    client, moved, ward_officer, other_ward
):
    client.force_login(ward_officer)
    form = out_form(**{"transfer_out-to_ward": str(other_ward.pk)})

    first = client.post(url("transfer_out", moved), form)
    again = client.post(url("transfer_out", moved), form)  # the form posted twice

    assert first.status_code == again.status_code == 302
    moved.refresh_from_db()
    assert (moved.status, moved.end_month, moved.moving_to) == (
        CaseStatus.TRANSFERRED_OUT,
        date(2025, 4, 1),
        other_ward,
    )
    assert moved.events.filter(kind=EventKind.TRANSFERRED_OUT).count() == 1
    page = client.get(url("detail", moved))
    html = page.content.decode()
    assert "Đã chuyển đi ngày 14/03/2025" in html and f"Chuyển đến {other_ward.name}." in html
    assert "Chưa có xã, phường nào tiếp nhận hồ sơ." in html
    assert "transfer_out" not in page.context["forms"]
    # The page shows its own months: paid to March 2025, April not.
    due = {row["month"]: row["due"] for row in page.context["schedule"]}
    assert due[date(2025, 3, 1)] and not due[date(2025, 4, 1)]
    assert max(due) == date(2025, 4, 1)


def test_a_day_still_to_come_is_shown_again_with_its_error(client, moved, ward_officer):
    client.force_login(ward_officer)

    tomorrow = timezone.localdate() + timedelta(days=1)
    day = {"transfer_out-moved_on": tomorrow.strftime("%d/%m/%Y")}

    response = client.post(url("transfer_out", moved), out_form(**day))

    assert response.status_code == 400
    assert response.context["failed"].errors["moved_on"] == ["Ngày này chưa đến."]
    assert Case.objects.get(pk=moved.pk).status == CaseStatus.ACTIVE


def test_another_ward_or_an_approver_cannot_record_the_move(
    client, moved, other_ward_officer, approver
):
    for user in (other_ward_officer, approver):
        client.force_login(user)
        assert client.post(url("transfer_out", moved), out_form()).status_code == 404
    assert Case.objects.get(pk=moved.pk).status == CaseStatus.ACTIVE


# --- Hồ sơ chuyển đến -----------------------------------------------------------------


def test_the_receiving_ward_lists_the_case_without_its_page(
    client, moved, ward_officer, other_ward_officer, ward
):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)
    client.force_login(other_ward_officer)

    html = client.get(INCOMING).content.decode()

    assert "Lê Văn Ba" in html and "1944" in html and ward.name in html
    assert "14/03/2025" in html and "K5a.1" in html
    assert f'action="{url("receive", moved)}"' in html
    assert url("detail", moved) not in html
    assert client.get(url("detail", moved)).status_code == 404  # another ward's data
    assert moved.person.national_id not in html


def test_the_receiving_ward_receives_and_the_new_case_names_the_old(
    client, moved, ward_officer, other_ward_officer, ward, approver
):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)
    client.force_login(other_ward_officer)

    response = client.post(url("receive", moved))

    new = Case.objects.get(transferred_from=moved)
    assert response.status_code == 302 and response["Location"] == url("detail", new)
    page = client.get(url("detail", new))
    html = page.content.decode()
    assert f"Tiếp nhận từ hồ sơ số {moved.pk} của {ward.name}, chuyển đi ngày 14/03/2025." in html
    assert url("detail", moved) not in html  # named, not linked: another ward's case
    assert min(row["month"] for row in page.context["schedule"]) == date(2025, 4, 1)
    assert "Lê Văn Ba" not in client.get(INCOMING).content.decode()
    # Received once: a second post finds nothing to receive.
    assert client.post(url("receive", moved)).status_code == 404
    # The approver reads both wards: each case links to the other.
    client.force_login(approver)
    assert url("detail", moved) in client.get(url("detail", new)).content.decode()
    assert url("detail", new) in client.get(url("detail", moved)).content.decode()


def test_a_refused_reception_says_why(client, moved, ward_officer, other_ward_officer):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)
    client.force_login(other_ward_officer)
    # An application already opened for him here.
    case_open(
        user=other_ward_officer,
        person=moved.person,
        benefit="allowance",
        group="K5",
        applied_on=date(2025, 3, 16),
    )

    response = client.post(url("receive", moved), follow=True)

    assert "mỗi người chỉ một hồ sơ" in response.content.decode()
    assert not Case.objects.filter(transferred_from=moved).exists()


def test_a_ward_that_is_neither_home_nor_destination_cannot_receive(
    client, moved, ward_officer, third_ward_officer, approver
):
    case_transfer_out(user=ward_officer, case=moved, moved_on=MOVED)

    for user in (third_ward_officer, approver):
        client.force_login(user)
        assert client.post(url("receive", moved)).status_code == 404
    client.force_login(third_ward_officer)
    assert "Lê Văn Ba" not in client.get(INCOMING).content.decode()
    assert not Case.objects.filter(transferred_from=moved).exists()


def test_a_person_arriving_from_elsewhere_is_found_by_national_id(
    client, ward_officer, ward, third_ward_officer
):
    case = granted(ward_officer, elder_of(ward))
    case_transfer_out(user=ward_officer, case=case, moved_on=MOVED)  # to a place not known
    client.force_login(third_ward_officer)

    listed = client.get(INCOMING).content.decode()
    found = client.get(INCOMING, {"number": case.person.national_id}).content.decode()
    wrong = client.get(INCOMING, {"number": "12345"})

    assert "Lê Văn Ba" not in listed
    assert "Lê Văn Ba" in found and ward.name in found
    # Not in this ward's register yet: nothing to receive until he is.
    assert url("receive", case) not in found and "tiếp nhận hộ hoặc ghi người này" in found
    assert wrong.context["search"].errors["number"]


def test_the_incoming_page_reads_a_constant_number_of_queries(
    client, ward_officer, other_ward_officer, ward, other_ward
):
    def rows(n, start):
        for i in range(start, start + n):
            case = granted(ward_officer, elder_of(ward, code=f"LX-{i}"))
            move(other_ward_officer, case.person, new_home(other_ward, f"BD-{i}"))
            if i % 2:
                case_transfer_out(user=ward_officer, case=case, moved_on=MOVED)

    def queries():
        client.force_login(other_ward_officer)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(INCOMING)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode().count("Tiếp nhận</button>")

    rows(2, 0)
    few, shown = queries()
    rows(5, 2)
    assert queries() == (few, 7) and shown == 2


# --- Worklists ------------------------------------------------------------------------


def test_the_worklists_show_each_ward_its_side_of_the_move(
    client, moved, ward_officer, other_ward_officer
):
    client.force_login(ward_officer)
    sending = client.get(reverse("beneficiaries:worklists")).content.decode()
    client.force_login(other_ward_officer)
    receiving = client.get(reverse("beneficiaries:worklists")).content.decode()

    assert 'id="moved-away"' in sending and 'id="unreceived"' in sending
    assert f'href="{url("detail", moved)}">Lê Văn Ba</a>' in sending
    assert "Có tên trong hộ của Phường Bình Đức" in sending
    assert 'id="incoming"' in receiving
    assert f'href="{INCOMING}#waiting">Lê Văn Ba</a>' in receiving
    assert url("detail", moved) not in receiving


def test_the_sending_wards_case_list_names_the_household_it_had_there(client, moved, ward_officer):
    client.force_login(ward_officer)

    page = client.get(reverse("beneficiaries:list")).content.decode()

    assert "LX-001" in page  # Lê Văn Ba's household in this ward, not BD-001 of the other
    assert "BD-001" not in page
