"""A ward officer takes a disabled person's application, decides it, sees the monthly amounts
and then records the death that ends them."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from beneficiaries.models import Case, CaseStatus
from households.models import Person
from vn.dates import month_start, next_month

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e


@pytest.fixture
def disabled_person(demo):
    """A head of household of the demo ward aged 41 to 56, recorded as severely disabled."""
    person = (
        Person.objects.filter(
            household__ward__role_assignments__user__username="canbo",
            relation_to_head="head",
            birth_date__year__range=(1970, 1985),
            deceased_on__isnull=True,
        )
        .select_related("household")
        .order_by("household__code")
        .first()
    )
    Person.objects.filter(pk=person.pk).update(disability_level="severe")
    return person


def d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def test_officer_grants_a_disability_allowance_and_records_the_death(
    disabled_person, live_server, page, login, artifacts
):
    today = timezone.localdate()
    certified = month_start(today) - timedelta(days=45)  # the month before last
    start = month_start(certified)
    person = disabled_person
    login(page, "canbo")

    page.get_by_role("link", name="Bảo trợ xã hội").click()
    page.get_by_role("link", name="Tiếp nhận hồ sơ mới").click()
    page.wait_for_url("**/cases/new/")  # htmx is ready once the page has loaded
    page.fill("#id_household", person.household.code)
    expect(page.locator(f"#id_member option[value='{person.pk}']")).to_have_count(1)
    expect(page.locator("#member-field")).to_contain_text(f"Hộ {person.household.code}")
    page.select_option("#id_member", str(person.pk))
    page.select_option("#id_group", "K6")
    page.fill("#id_disability_certified_on", d(certified))
    page.fill("#id_applied_on", d(today - timedelta(days=3)))
    for document in ("application", "cccd", "disability_certificate"):
        page.check(f"input[name=documents][value={document}]")
    page.fill("#id_needs", "Không tự làm được một số việc phục vụ sinh hoạt cá nhân.")
    page.screenshot(path=artifacts / "case-new.png", full_page=True)
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()

    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    heading = page.locator("h1")
    expect(heading).to_contain_text(person.full_name)
    expect(heading.locator(".badge")).to_have_text("Tiếp nhận hồ sơ")
    page.get_by_role("button", name="Ghi kết quả xét duyệt").click()
    expect(heading.locator(".badge")).to_have_text("Đang xét duyệt")
    expect(page.locator(".proposal-box")).to_contain_text(
        f"hưởng từ tháng {start:%m/%Y}, nhóm K6.3"
    )
    page.screenshot(path=artifacts / "case-screening.png", full_page=True)

    page.fill("#id_grant-signer", "Nguyễn Thanh Bình")
    page.get_by_role("button", name="Ghi quyết định hưởng").click()
    expect(heading.locator(".badge")).to_have_text("Đang hưởng")
    expect(page.locator(".messages .success")).to_contain_text("Đã ghi quyết định số 01/QĐ-UBND")
    schedule = page.locator("table.schedule tbody tr")
    first = schedule.filter(has_text=f"{start:%m/%Y}").first
    expect(first).to_contain_text("750.000")
    expect(first).to_contain_text("K6.3")
    expect(page.locator("table.schedule tr.due")).to_have_count(schedule.count())
    page.screenshot(path=artifacts / "case-granted.png", full_page=True)

    page.get_by_text("Báo người hưởng đã mất").click()
    page.fill("#id_death-died_on", d(today))
    page.get_by_role("button", name="Ghi ngày mất").click()
    after = next_month(month_start(today))
    expect(heading.locator(".badge")).to_have_text("Thôi hưởng")
    expect(page.locator(".messages .success")).to_contain_text(
        f"không chi trả từ tháng {after:%m/%Y}"
    )
    last = schedule.last
    expect(last).to_contain_text(f"{after:%m/%Y}")
    expect(last).to_contain_text("Không chi trả")
    expect(last).to_contain_text(f"Thôi hưởng từ tháng {after:%m/%Y}")
    expect(schedule.filter(has_text=f"{today:%m/%Y}").first).to_contain_text("750.000")
    page.screenshot(path=artifacts / "case-ended.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=artifacts / "case-ended-phone.png", full_page=True)

    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Hồ sơ bảo trợ xã hội").click()
    expect(page.locator("table.cases")).to_contain_text(person.full_name)
    page.screenshot(path=artifacts / "case-list.png", full_page=True)

    case = Case.objects.get(person=person)
    assert (case.status, case.start_month, case.end_month) == (CaseStatus.TERMINATED, start, after)
