"""A ward officer registers a household in the browser, finds it again and reads its history."""

import re

import pytest
from playwright.sync_api import expect

from households.models import Household

from .conftest import PHONE

pytestmark = pytest.mark.e2e

CODE = "DX-2026-001"
HEAD = "Phạm Thị Hồng Nhung"
SPOUSE = "Huỳnh Văn Tài"


def _results_update(page):
    """Wait for the htmx request that refreshes #results."""
    return page.expect_response(
        lambda r: "/households/" in r.url and r.request.headers.get("hx-request") == "true"
    )


def test_officer_registers_a_household_and_finds_it(demo, live_server, page, login, artifacts):
    page.goto(f"{live_server.url}/login/")
    page.screenshot(path=artifacts / "login-desktop.png")
    login(page, "canbo")
    expect(page.locator(".topbar .who .name")).to_be_visible()
    page.screenshot(path=artifacts / "list-desktop.png", full_page=True)

    page.get_by_role("link", name="Thêm hộ").click()
    page.wait_for_url(re.compile(r"/households/new/$"))
    page.fill("#id_code", CODE)
    page.select_option("#id_residential_group", label="Đông An")
    page.fill("#id_address", "45/12 khóm Đông An")
    page.fill("#id_members-0-full_name", HEAD)
    page.select_option("#id_members-0-relation_to_head", "head")
    page.select_option("#id_members-0-sex", "female")
    page.fill("#id_members-0-birth", "12/03/1985")
    page.fill("#id_members-0-national_id", "089185004321")

    page.get_by_role("button", name="+ Thêm nhân khẩu").click()
    expect(page.locator("#id_members-1-full_name")).to_be_visible()
    expect(page.locator("#id_members-TOTAL_FORMS")).to_have_value("2")
    page.fill("#id_members-1-full_name", SPOUSE)
    page.select_option("#id_members-1-relation_to_head", "spouse")
    page.select_option("#id_members-1-sex", "male")
    page.fill("#id_members-1-birth", "1983")
    page.fill("#id_members-1-national_id", "089083007654")
    page.screenshot(path=artifacts / "form-desktop.png", full_page=True)

    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(re.compile(r"/households/\d+/$"))
    expect(page.locator(".messages .success")).to_contain_text(f"Đã lưu hộ {CODE}")
    expect(page.locator("h1")).to_contain_text(f"Hộ {CODE}")
    members = page.locator("table.list").first
    expect(members).to_contain_text(HEAD)
    expect(members).to_contain_text(SPOUSE)
    expect(members).to_contain_text("12/03/1985")
    household = Household.objects.get(code=CODE)
    assert household.members.count() == 2

    page.get_by_role("link", name="Hộ gia đình", exact=True).first.click()
    page.wait_for_url(re.compile(r"/households/$"))
    with _results_update(page):
        page.fill("#id_q", "pham thi hong nhung")
    results = page.locator("#results")
    expect(results).to_contain_text("Kết quả 1–1")
    expect(results).to_contain_text(HEAD)
    expect(page).to_have_url(re.compile(r"q=pham(\+|%20)thi(\+|%20)hong(\+|%20)nhung"))

    results.get_by_role("link", name=CODE).click()
    page.wait_for_url(f"{live_server.url}/households/{household.pk}/")
    history = page.locator("section.card", has=page.get_by_role("heading", name="Lịch sử thay đổi"))
    expect(history).to_be_visible()
    expect(history).to_contain_text(re.compile(r"Trần Thị Thu|canbo"))
    expect(history).to_contain_text(f"đã tạo Hộ: {CODE}")
    expect(history).to_contain_text(f"đã tạo Nhân khẩu: {HEAD}")
    expect(history).to_contain_text(f"đã tạo Nhân khẩu: {SPOUSE}")
    page.screenshot(path=artifacts / "detail-desktop.png", full_page=True)

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/households/")
    page.screenshot(path=artifacts / "list-phone.png")
    page.screenshot(path=artifacts / "list-phone-full.png", full_page=True)
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.screenshot(path=artifacts / "detail-phone.png", full_page=True)
    page.goto(f"{live_server.url}/households/new/")
    page.screenshot(path=artifacts / "form-phone.png", full_page=True)


def test_officer_of_another_ward_gets_404(demo, live_server, page, login, artifacts):
    household = Household.objects.get(code="DA-001")
    login(page, "canbo2")
    expect(page.locator("#results")).not_to_contain_text("DA-001")

    response = page.goto(f"{live_server.url}/households/{household.pk}/")
    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("Không tìm thấy")
    expect(page.locator("main")).not_to_contain_text("DA-001")
    page.screenshot(path=artifacts / "404-desktop.png")
    assert page.goto(f"{live_server.url}/households/{household.pk}/edit/").status == 404
