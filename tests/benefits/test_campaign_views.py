"""The campaign pages: the officer creates a Tết campaign from the form, hands out, takes a
person off with a reason, downloads the ceremony list; an approver reads and writes
nothing; another ward's officer gets 404 everywhere."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from benefits.models import BenefitType, Campaign, CampaignRecipient

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from ..reviews.documents import one_line, pdf_text


@pytest.fixture
def near_poor_head(ward):
    household = HouseholdFactory(ward=ward, address="7 Lý Thái Tổ")
    HouseholdStatusFactory(
        household=household, year=2025, valid_from=date(2025, 1, 1), classification="near_poor"
    )
    # A name that Excel would read as a formula must stay text in the ceremony list.
    return PersonFactory(
        household=household, full_name="=HYPERLINK(1)", birth_date=date(1960, 1, 1)
    )


def form_data(**extra):
    return {
        "name": "Quà Tết Đinh Mùi",
        "kind": "tet",
        "ceremony_on": "20/01/2027",
        "age_on": "year",
        "giver": "UBND phường",
        "funding": "ward",
        "benefit_type": "",
        "one_per_person": "on",
        "g1-selects": "classification",
        "g1-label": "Hộ cận nghèo",
        "g1-unit": "household",
        "g1-classifications": ["near_poor"],
        "g1-cash": "500.000",
        "g1-goods": "Bánh chưng",
        "g1-goods_value": "200.000",
        "g2-selects": "",
        "g2-unit": "person",
        **extra,
    }


def create(client, ward):
    data = form_data(benefit_type=BenefitType.objects.get(code="gift_tet").pk)
    return client.post(reverse("benefits:campaign_new", args=[ward.pk]), data)


def test_the_officer_creates_a_campaign_and_its_list_is_made(
    client, ward_officer, ward, near_poor_head
):
    client.force_login(ward_officer)
    response = create(client, ward)
    campaign = Campaign.objects.get()
    assert response.url == reverse("benefits:campaign_detail", args=[campaign.pk])
    row = campaign.recipients.get()
    assert (row.person, row.cash, row.goods_value) == (near_poor_head, 500_000, 200_000)
    page = client.get(response.url).content.decode()
    assert "Quà Tết Đinh Mùi" in page and "=HYPERLINK(1)" in page


def test_a_group_without_its_choices_is_refused_in_vietnamese(client, ward_officer, ward):
    client.force_login(ward_officer)
    data = form_data()
    data.pop("g1-classifications")
    response = client.post(reverse("benefits:campaign_new", args=[ward.pk]), data)
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một mục." in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_hand_out_posted_twice_is_recorded_once(client, ward_officer, ward, near_poor_head):
    client.force_login(ward_officer)
    create(client, ward)
    row = CampaignRecipient.objects.get()
    url = reverse("benefits:hand_out", args=[row.campaign_id, row.pk])
    client.post(url, {"received_on": "01/12/2026", "received_by": "Con gái"})
    response = client.post(url, {"received_on": "02/12/2026"}, follow=True)
    assert "Việc nhận quà đã được ghi trước đó." in response.content.decode()
    row.refresh_from_db()
    assert (row.received_on, row.received_by) == (date(2026, 12, 1), "Con gái")
    assert CampaignRecipient.objects.count() == 1


def test_taking_a_person_off_needs_a_reason(client, ward_officer, ward, near_poor_head):
    client.force_login(ward_officer)
    create(client, ward)
    row = CampaignRecipient.objects.get()
    url = reverse("benefits:recipient_remove", args=[row.campaign_id, row.pk])
    client.post(url, {"reason": ""})
    row.refresh_from_db()
    assert not row.removed
    client.post(url, {"reason": "Đã nhận quà của Mặt trận"})
    row.refresh_from_db()
    assert row.removed and row.removed_reason == "Đã nhận quà của Mặt trận"


def test_the_ceremony_list_is_formula_safe_with_a_signature_column(
    client, ward_officer, ward, near_poor_head, tmp_path
):
    client.force_login(ward_officer)
    create(client, ward)
    campaign = Campaign.objects.get()
    response = client.get(reverse("benefits:ceremony_xlsx", args=[campaign.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Ký nhận" in values and "=HYPERLINK(1)" in values
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"
    assert near_poor_head.national_id not in values  # read out in public: no ID
    pdf = client.get(reverse("benefits:ceremony_pdf", args=[campaign.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = one_line(pdf_text(pdf.content, tmp_path))
    assert "DANH SÁCH" in text and "Ký nhận" in text and "500.000" in text


def test_an_approver_reads_and_writes_nothing(client, ward_officer, approver, ward, near_poor_head):
    client.force_login(ward_officer)
    create(client, ward)
    campaign = Campaign.objects.get()
    row = campaign.recipients.get()
    client.force_login(approver)
    assert client.get(reverse("benefits:campaign_detail", args=[campaign.pk])).status_code == 200
    for name, args in [
        ("campaign_select", [campaign.pk]),
        ("campaign_close", [campaign.pk]),
        ("hand_out", [campaign.pk, row.pk]),
        ("recipient_remove", [campaign.pk, row.pk]),
    ]:
        response = client.post(reverse(f"benefits:{name}", args=args), {"reason": "x"})
        assert response.status_code == 404, name
    assert client.get(reverse("benefits:campaign_new", args=[ward.pk])).status_code == 404
    row.refresh_from_db()
    assert not row.received_on and not row.removed


def test_another_wards_officer_gets_404(
    client, ward_officer, other_ward_officer, ward, near_poor_head
):
    client.force_login(ward_officer)
    create(client, ward)
    campaign = Campaign.objects.get()
    client.force_login(other_ward_officer)
    for name in ("campaign_detail", "ceremony_xlsx", "ceremony_pdf"):
        assert client.get(reverse(f"benefits:{name}", args=[campaign.pk])).status_code == 404
    listing = client.get(reverse("benefits:campaigns"), {"ward": ward.pk})
    assert "Quà Tết Đinh Mùi" not in listing.content.decode()


def test_the_household_page_shows_the_gift_and_its_hand_out(
    client, ward_officer, ward, near_poor_head
):
    client.force_login(ward_officer)
    create(client, ward)
    row = CampaignRecipient.objects.get()
    client.post(
        reverse("benefits:hand_out", args=[row.campaign_id, row.pk]), {"received_on": "01/12/2026"}
    )
    fragment = client.get(
        reverse("benefits:household_payments", args=[near_poor_head.household_id])
    ).content.decode()
    assert "Quà Tết Đinh Mùi" in fragment and "01/12/2026" in fragment
    assert "700.000" in fragment  # 500.000 in cash and goods worth 200.000
