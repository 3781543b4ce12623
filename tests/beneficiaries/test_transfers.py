"""A person moves to another ward: the old ward records the move, the new ward receives the
case by national ID and pays from the month after, with no gap and no overlap."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries import rules
from beneficiaries.models import Case, CaseStatus, EventKind
from beneficiaries.services import (
    CaseError,
    case_grant,
    case_open,
    case_screen,
    case_transfer_in,
    case_transfer_out,
)

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory

pytestmark = pytest.mark.usefixtures("seeded_rules")

NATIONAL_ID = "091149000123"


@pytest.fixture
def mover(ward):
    """Bà Tuyết, 76, poor and alone: K5a in `ward` until she moves."""
    household = HouseholdFactory(ward=ward, code="LX-010")
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    return PersonFactory(
        household=household,
        full_name="Nguyễn Thị Ánh Tuyết",
        birth_date=date(1949, 4, 15),
        sex="female",
        national_id=NATIONAL_ID,
    )


@pytest.fixture
def new_home(other_ward):
    """The household of `other_ward` she moves into."""
    household = HouseholdFactory(ward=other_ward, code="BD-077")
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    return household


@pytest.fixture
def paid(ward_officer, mover):
    case = case_open(
        user=ward_officer,
        person=mover,
        benefit="allowance",
        group="K5",
        applied_on=date(2024, 1, 5),
        flags=["no_supporter"],
    )
    case_screen(user=ward_officer, case=case, screened_on=date(2024, 1, 10))
    return case_grant(user=ward_officer, case=case, decided_on=date(2024, 1, 20), signer="A")


def test_a_moved_case_is_received_once_and_linked(
    ward_officer, other_ward_officer, paid, mover, new_home
):
    case_transfer_out(user=ward_officer, case=paid, moved_on=date(2025, 6, 20), note="Bình Đức")

    new = case_transfer_in(
        user=other_ward_officer, old=paid, household=new_home, received_on=date(2025, 7, 3)
    )

    mover.refresh_from_db()
    assert mover.household == new_home  # one record per national ID: she moved with it
    assert mover.history.first().history_user == other_ward_officer
    assert (paid.end_month, new.start_month) == (date(2025, 7, 1), date(2025, 7, 1))
    assert (new.status, new.group, new.flags) == (CaseStatus.ACTIVE, "K5", ["no_supporter"])
    assert (new.ward, new.transferred_from) == (new_home.ward, paid)
    assert new.events.get().note == "Từ Phường Long Xuyên"
    with pytest.raises(CaseError, match="đã được tiếp nhận"):
        case_transfer_in(
            user=other_ward_officer, old=paid, household=new_home, received_on=date(2025, 7, 4)
        )
    assert Case.objects.filter(transferred_from=paid).count() == 1


def test_a_case_not_moved_out_is_not_received_nor_into_someone_elses_ward(
    ward_officer, other_ward_officer, paid, mover, new_home, ward
):
    with pytest.raises(CaseError, match="chưa được nơi đi ghi chuyển đi"):
        case_transfer_in(
            user=other_ward_officer, old=paid, household=new_home, received_on=date(2025, 7, 3)
        )
    case_transfer_out(user=ward_officer, case=paid, moved_on=date(2025, 6, 20))
    with pytest.raises(CaseError, match="quyền ghi"):
        case_transfer_in(
            user=ward_officer, old=paid, household=new_home, received_on=date(2025, 7, 3)
        )
    with pytest.raises(CaseError, match="chính xã, phường này"):
        case_transfer_in(
            user=ward_officer,
            old=paid,
            household=HouseholdFactory(ward=ward),
            received_on=date(2025, 7, 3),
        )
    mover.refresh_from_db()
    assert mover.household.ward == ward
    assert not Case.objects.filter(transferred_from=paid).exists()


URL = reverse("beneficiaries:transfer_in")


def test_the_old_ward_records_the_move_and_the_new_ward_receives_it_through_the_pages(
    client, ward_officer, other_ward_officer, paid, mover, new_home
):
    today = timezone.localdate()
    client.force_login(ward_officer)
    moved = client.post(
        reverse("beneficiaries:transfer_out", args=[paid.pk]),
        {"transfer_out-moved_on": today.strftime("%d/%m/%Y"), "transfer_out-note": "Bình Đức"},
        follow=True,
    )
    assert "Đã chuyển đi" in moved.content.decode()

    client.force_login(other_ward_officer)
    found = client.get(URL, {"national_id": "0911 4900 0123"})
    wrong_home = client.post(
        URL,
        {
            "national_id": NATIONAL_ID,
            "household": "XX-1",
            "received_on": today.strftime("%d/%m/%Y"),
        },
    )
    received = client.post(
        URL,
        {
            "national_id": NATIONAL_ID,
            "household": "bd-077",
            "received_on": today.strftime("%d/%m/%Y"),
        },
        follow=True,
    )

    html = found.content.decode()
    assert "Phường Long Xuyên" in html and mover.full_name in html
    assert wrong_home.status_code == 400
    assert "Không tìm thấy hộ có mã này" in wrong_home.content.decode()
    new = Case.objects.get(transferred_from=paid)
    assert received.redirect_chain[-1][0] == reverse("beneficiaries:detail", args=[new.pk])
    assert new.start_month == rules.next_month(rules.month_start(today))
    assert new.events.get().kind == EventKind.TRANSFERRED_IN
    again = client.get(URL, {"national_id": NATIONAL_ID})
    assert again.status_code == 400
    assert "đang chờ tiếp nhận" in again.content.decode()


def test_only_an_office_that_writes_a_ward_receives(client, approver):
    client.force_login(approver)

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"national_id": NATIONAL_ID}).status_code == 404
