"""A ward officer creates a Tết campaign for near-poor households and an Elderly Day
campaign for longevity gifts, takes a person off the Tết list with a reason, downloads the
ceremony list, records a hand-out and sees the gift on the household's page."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from benefits.models import Campaign, CampaignRecipient

pytestmark = pytest.mark.e2e


@pytest.fixture
def populated(demo):
    call_command("seed_demo_population", stdout=io.StringIO())


def create(page, name: str, kind: str, day: date, fill_group) -> None:
    page.get_by_role("link", name="Tạo đợt tặng quà").click()
    page.fill("#id_name", name)
    page.select_option("#id_kind", kind)
    page.fill("#id_ceremony_on", day.strftime("%d/%m/%Y"))
    page.fill("#id_giver", "UBND phường")
    page.select_option("#id_funding", "ward")
    fill_group(page)
    page.get_by_role("button", name="Tạo đợt và lập danh sách").click()
    expect(page.locator("h1")).to_contain_text(name)


def near_poor_households(page) -> None:
    page.select_option("#id_g1-selects", "classification")
    page.fill("#id_g1-label", "Hộ cận nghèo")
    page.select_option("#id_g1-unit", "household")
    page.check("#id_g1-classifications input[value=near_poor]")
    page.fill("#id_g1-cash", "500.000")
    page.fill("#id_g1-goods", "Bánh chưng, gạo")


def longevity(page) -> None:
    page.select_option("#id_g1-selects", "milestone")
    page.select_option("#id_g1-unit", "person")
    for box in page.locator("#id_g1-milestones input").all():
        box.check()
    page.fill("#id_g1-cash", "300.000")


def test_officer_runs_a_tet_and_an_elderly_day_campaign(
    populated, live_server, page, login, artifacts
):
    today = timezone.localdate()
    login(page, "canbo")
    page.goto(f"{live_server.url}/benefits/campaigns/")
    create(page, "Quà Tết thử", "tet", today, near_poor_households)
    tet = Campaign.objects.get(name="Quà Tết thử")
    assert tet.recipients.count() > 3
    rows = page.locator("table.recipients tbody tr")
    rows.first.locator("input[name=reason]").fill("Đã nhận quà của Mặt trận")
    rows.first.get_by_role("button", name="Đưa ra").click()
    expect(page.locator("main")).to_contain_text("Đã đưa ra khỏi danh sách")
    expect(page.locator("main")).to_contain_text("Đã nhận quà của Mặt trận")

    with page.expect_download() as download:
        page.get_by_role("link", name="Danh sách trao quà (Excel)").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    names = [row[1].value for row in sheet.iter_rows() if isinstance(row[0].value, int)]
    taken_off = tet.recipients.get(removed_at__isnull=False)
    assert taken_off.removed_reason == "Đã nhận quà của Mặt trận"
    assert len(names) == tet.recipients.count() - 1

    row = page.locator("table.recipients tbody tr").first
    receiver = row.locator("td").first.inner_text().strip()
    row.get_by_role("button", name="Đã nhận").click()
    expect(page.locator("main")).to_contain_text(f"Đã ghi nhận {receiver} nhận quà.")
    page.screenshot(path=artifacts / "campaign-tet.png", full_page=True)

    page.goto(f"{live_server.url}/benefits/campaigns/")
    create(page, "Mừng thọ thử", "elderly_day", date(today.year, 10, 1), longevity)
    elderly = Campaign.objects.get(name="Mừng thọ thử")
    assert elderly.recipients.exists()
    assert all(r.milestone for r in elderly.recipients.all())

    handed = CampaignRecipient.objects.get(campaign=tet, received_on__isnull=False)
    page.goto(f"{live_server.url}/households/{handed.household_id}/")
    gifts = page.locator("#payments table.received")
    expect(gifts).to_contain_text("Quà Tết thử")
    expect(gifts).to_contain_text(today.strftime("%d/%m/%Y"))
    page.screenshot(path=artifacts / "campaign-household.png", full_page=True)
