"""A ward officer assesses a household of the 2026 review and sees the classification follow."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Assessment

pytestmark = pytest.mark.e2e


def _result_update(page):
    """Wait for the htmx request that recomputes the classification box."""
    return page.expect_response(lambda r: r.url.endswith("/result/"))


def test_officer_assesses_a_household_and_sees_the_classification_change(
    demo, live_server, page, login, artifacts
):
    login(page, "canbo")
    page.get_by_role("link", name="Rà soát hộ nghèo").click()
    page.get_by_role("link", name="Rà soát định kỳ năm 2026").click()
    page.wait_for_url(re.compile(r"/reviews/\d+/$"))
    expect(page.locator("h1")).to_contain_text("Rà soát định kỳ năm 2026")
    page.screenshot(path=artifacts / "review-round.png", full_page=True)

    page.get_by_role("link", name="Chưa đánh giá").first.click()
    page.wait_for_url(re.compile(r"/reviews/\d+/households/\d+/$"))
    code = page.locator("h1").inner_text().rsplit(" ", 1)[-1]
    result = page.locator("#result")
    expect(result).to_contain_text("Ghi thu nhập")

    with _result_update(page):
        page.fill("#id_income_per_capita", "2500000")
    expect(result).to_contain_text("Hộ cận nghèo")
    expect(result).to_contain_text("Thiếu hụt 0 chỉ số")
    for indicator in ("employment", "water"):
        with _result_update(page):
            page.check(f"#id_deprived_{indicator}")
    expect(result).to_contain_text("Hộ cận nghèo")
    with _result_update(page):
        page.check("#id_deprived_latrine")
    expect(result).to_contain_text("Hộ nghèo")
    expect(result).to_contain_text("Thiếu hụt 3 chỉ số, từ 3 trở lên")
    page.screenshot(path=artifacts / "assessment-poor.png", full_page=True)
    with _result_update(page):
        page.uncheck("#id_deprived_water")
    expect(result).to_contain_text("Hộ cận nghèo")
    with _result_update(page):
        page.fill("#id_income_per_capita", "3000000")
    expect(result).to_contain_text("Hộ có mức sống trung bình")

    page.check("#id_causes_0")
    page.get_by_role("button", name="Lưu phiếu").click()
    page.wait_for_url(re.compile(r"/reviews/\d+/$"))
    expect(page.locator(".messages .success")).to_contain_text(f"Đã lưu phiếu đánh giá hộ {code}")
    saved = Assessment.objects.get(household__code=code)
    assert (saved.classification, saved.deprivation_count) == ("middle_income", 2)
