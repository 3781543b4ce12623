"""A disabled woman's whole household moves from Phường Long Xuyên to Phường Bình Đức: the
old ward records the move, the new ward receives the household and then her case; each
ward's case page shows the months it pays, every month is paid once, and the old ward's
decided round and the movements of its period read as before."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from beneficiaries.models import Case, CaseStatus
from beneficiaries.queries import case_schedule
from beneficiaries.services import case_grant, case_open, case_screen
from households.models import Person
from reviews.models import ReviewRound
from reviews.queries import assessment_proposals
from reviews.queries.meetings import meeting_progress
from reviews.services import assessment_save, meeting_record, posting_record, review_round_decide
from vn.dates import month_start, months_between, next_month

pytestmark = pytest.mark.e2e

DECIDED_ON = date(2026, 10, 20)
PERIOD = {"start": "01/01/2026", "end": "20/10/2026"}  # the round's year, to its decision
NEW_CODE = "BK-101"
TO_WARD = "Phường Bình Đức"


def d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def decide(officer, review) -> None:
    """Assess the rest of the demo's 2026 round as its data proposes, hold the meeting,
    post the list and record the decision of 20/10/2026."""
    waiting = review.items.exclude(household__assessments__review_round=review)
    for item in waiting.select_related("household"):
        proposals, _members = assessment_proposals(review, item.household)
        assessment_save(
            user=officer,
            review=review,
            household=item.household,
            values={"income_per_capita": 2_400_000},
            deprived={i.code: True for i, p in proposals if p and p.deprived},
            override_reasons={},
        )
    for group in meeting_progress(review):  # one meeting per khóm with households on the list
        meeting_record(
            user=officer,
            review=review,
            residential_group=group.group,
            held_on=date(2026, 10, 5),
            attendance=40,
            agreed=31,
        )
    posting_record(
        user=officer,
        review=review,
        posting_from=date(2026, 10, 7),
        posting_to=date(2026, 10, 11),
        place="Nhà văn hóa khóm",
        complaints="",
    )
    review_round_decide(
        user=officer,
        review=review,
        number="25/QĐ-UBND",
        decided_on=DECIDED_ON,
        signer="Nguyễn Văn A",
    )


def grant(officer, person) -> Case:
    """A severe-disability allowance (K6) certified about four months ago, granted since."""
    Person.objects.filter(pk=person.pk).update(disability_level="severe")
    certified = month_start(timezone.localdate()) - timedelta(days=100)
    case = case_open(
        user=officer,
        person=Person.objects.get(pk=person.pk),
        benefit="allowance",
        group="K6",
        applied_on=certified + timedelta(days=5),
        disability_certified_on=certified,
        documents=["application", "cccd", "disability_certificate"],
    )
    case_screen(user=officer, case=case, screened_on=certified + timedelta(days=8))
    return case_grant(
        user=officer, case=case, decided_on=certified + timedelta(days=12), signer="Nguyễn Văn A"
    )


@pytest.fixture
def moving(demo):
    """The demo's 2026 round of Long Xuyên decided, and a household of it with at least two
    members whose head (aged 41 to 56) is paid a disability allowance."""
    officer = get_user_model().objects.get(username="canbo")
    review = ReviewRound.objects.get(ward__role_assignments__user=officer)
    decide(officer, review)
    head = next(
        p
        for p in Person.objects.filter(
            household__review_items__review_round=review,
            relation_to_head="head",
            birth_date__year__range=(1970, 1985),
        )
        .select_related("household")
        .order_by("household__code")
        if p.household.members.count() >= 2
    )
    case = grant(officer, head)
    return review, head.household, case


def login_as(page, login, username):
    page.context.clear_cookies()
    login(page, username)


def round_as_read(page, live_server, review) -> dict:
    """What the old ward reads of its decided round and of the movements of its period."""
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    expect(page.locator("h1 .badge")).to_have_text("Đã có quyết định")
    seen = {
        "heading": page.locator("main h2").first.inner_text(),
        "items": page.locator("table.review-items").inner_text(),
        "list": page.locator("main").inner_text(),
    }
    query = f"area={review.ward_id}&start={PERIOD['start']}&end={PERIOD['end']}"
    page.goto(f"{live_server.url}/reviews/movements/?{query}")
    table = page.locator("table.movements")
    expect(table).to_be_visible()
    seen["households"] = page.locator("section.card .hint").first.inner_text()
    seen["movements"] = table.inner_text()
    return seen


def move_out(page, live_server, household, today, artifacts):
    """canbo records the whole household moving to Bình Đức today: closed, with its banner."""
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.get_by_role("link", name="Cả hộ chuyển đi").click()
    page.wait_for_url(re.compile(r"/events/move-out/$"))
    expect(page.locator("h1")).to_have_text("Cả hộ chuyển đi xã, phường khác")
    page.select_option("#id_to_ward", label=TO_WARD)
    page.fill("#id_on", d(today))
    page.fill("#id_note", "Giấy xác nhận chuyển đi của công an phường")
    page.get_by_role("button", name="Ghi cả hộ chuyển đi").click()

    page.wait_for_url(f"{live_server.url}/households/{household.pk}/")
    expect(page.locator(".messages .success")).to_contain_text(
        f"Đã ghi hộ {household.code} chuyển đến {TO_WARD}."
    )
    closed = page.locator(".banners .closed")
    expect(closed).to_contain_text(f"Hộ đã đóng sổ từ ngày {d(today)}")
    expect(closed).to_contain_text(f"Chuyển đến {TO_WARD}.")
    expect(closed).to_contain_text("Nơi đến chưa tiếp nhận.")
    expect(page.locator(".event-menu")).to_have_count(0)
    page.screenshot(path=artifacts / "move-household-closed.png", full_page=True)


def record_case_move(page, live_server, case, today):
    """canbo records the case's move with "Chuyển đi" on its page: paid to this month."""
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_text("Chuyển đi", exact=True).click()
    page.fill("#id_transfer_out-moved_on", d(today))
    page.select_option("#id_transfer_out-to_ward", label=TO_WARD)
    page.get_by_role("button", name="Ghi chuyển đi").click()
    page.wait_for_url(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator(".messages .success")).to_contain_text(
        f"chi trả đến hết tháng {today.month:02d}/{today.year}"
    )
    expect(page.locator("#transfer")).to_contain_text("Chưa có xã, phường nào tiếp nhận hồ sơ.")


def receive_household(page, live_server, household, members, artifacts) -> None:
    """canbo2 finds the household among the arrivals and receives it under a new code."""
    page.get_by_role("link", name=re.compile(r"^Hộ chuyển đến")).click()
    page.wait_for_url(f"{live_server.url}/households/arrivals/")
    row = page.locator("table.arrivals tbody tr", has_text=household.code)
    expect(row).to_contain_text("Phường Long Xuyên")
    expect(row).to_contain_text(str(len(members)))
    page.screenshot(path=artifacts / "move-arrivals.png", full_page=True)
    row.get_by_role("link", name="Tiếp nhận").click()

    page.wait_for_url(re.compile(r"/households/arrivals/\d+/receive/$"))
    page.fill("#id_code", NEW_CODE)
    page.select_option("#id_residential_group", index=1)
    page.fill("#id_address", "12/4 Trần Hưng Đạo")
    page.get_by_role("button", name="Tiếp nhận hộ").click()

    page.wait_for_url(re.compile(r"/households/\d+/$"))
    expect(page.locator(".messages .success")).to_contain_text(f"Đã tiếp nhận hộ {NEW_CODE}.")
    expect(page.locator("h1")).to_contain_text(f"Hộ {NEW_CODE}")
    people = page.locator("table.people")
    for name in members:
        expect(people).to_contain_text(name)
    page.screenshot(path=artifacts / "move-household-received.png", full_page=True)


def receive_case(page, live_server, person, old, next_one, artifacts) -> Case:
    """canbo2 receives the case from "Hồ sơ chuyển đến": a case of its own from next month."""
    page.goto(f"{live_server.url}/cases/incoming/")
    row = page.locator("#waiting table.incoming tbody tr", has_text=person.full_name)
    expect(row).to_contain_text("Phường Long Xuyên")
    expect(row).not_to_contain_text("chưa ghi chuyển đi")
    row.get_by_role("button", name="Tiếp nhận").click()

    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    expect(page.locator(".messages .success")).to_contain_text(
        f"Đã tiếp nhận hồ sơ của {person.full_name} từ Phường Long Xuyên"
    )
    expect(page.locator("h1 .badge")).to_have_text("Đang hưởng")
    transfer = page.locator("#transfer")
    expect(transfer).to_contain_text(f"Tiếp nhận từ hồ sơ số {old.pk} của Phường Long Xuyên")
    expect(transfer).to_contain_text(f"Xã, phường này chi trả từ tháng {next_one:%m/%Y}")
    schedule = page.locator("table.schedule tbody tr")
    expect(schedule.first).to_contain_text(f"{next_one:%m/%Y}")
    expect(schedule.first).to_have_class(re.compile(r"\bdue\b"))
    expect(schedule.first).to_contain_text("750.000")
    page.screenshot(path=artifacts / "move-case-received.png", full_page=True)
    return Case.objects.get(transferred_from=old)


def check_old_case(page, live_server, old, household, this_month, next_one) -> None:
    """canbo's case page pays to the month of the move and names its own household."""
    page.goto(f"{live_server.url}/cases/{old.pk}/")
    expect(page.locator("h1 .badge")).to_have_text("Đã chuyển đi")
    expect(page.locator("dl.facts a")).to_have_text(household.code)
    transfer = page.locator("#transfer")
    expect(transfer).to_contain_text(f"chi trả đến hết tháng {this_month:%m/%Y}")
    expect(transfer).to_contain_text(f"{TO_WARD} đã tiếp nhận")
    expect(transfer).to_contain_text(f"chi trả từ tháng {next_one:%m/%Y}")
    schedule = page.locator("table.schedule tbody tr")
    months = list(months_between(old.start_month, this_month))
    expect(page.locator("table.schedule tbody tr.due")).to_have_count(len(months))
    expect(schedule.filter(has_text=f"{this_month:%m/%Y}").first).to_contain_text("750.000")
    expect(schedule.last).to_contain_text(f"{next_one:%m/%Y}")
    expect(schedule.last).to_contain_text("Không chi trả")


def test_a_moved_household_is_received_and_its_case_paid_once_by_each_ward(
    moving, live_server, page, login, artifacts
):
    review, household, old = moving
    today = timezone.localdate()
    this_month, next_one = month_start(today), next_month(month_start(today))
    person = old.person
    members = list(household.members.values_list("full_name", flat=True))

    login_as(page, login, "canbo")
    before = round_as_read(page, live_server, review)
    n = review.items.count()
    assert f"đã đánh giá {n}/{n} hộ" in before["heading"] and household.code in before["items"]
    move_out(page, live_server, household, today, artifacts)
    record_case_move(page, live_server, old, today)

    login_as(page, login, "canbo2")
    receive_household(page, live_server, household, members, artifacts)
    new = receive_case(page, live_server, person, old, next_one, artifacts)

    login_as(page, login, "canbo")
    check_old_case(page, live_server, old, household, this_month, next_one)
    page.screenshot(path=artifacts / "move-case-old.png", full_page=True)
    assert round_as_read(page, live_server, review) == before

    old.refresh_from_db()
    assert (old.status, old.end_month, new.start_month) == (
        CaseStatus.TRANSFERRED_OUT,
        next_one,
        next_one,
    )
    paid = [
        s.month
        for case in (old, new)
        for s in case_schedule(case, until=next_one)
        if s.due and s.result.amount
    ]
    assert sorted(paid) == list(months_between(old.start_month, next_one))
