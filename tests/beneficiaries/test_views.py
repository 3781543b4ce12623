"""The case pages: who sees and runs a case, and a case's life through the forms."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Case, CaseEvent, CaseNote, CaseStatus, EventKind, Referral
from beneficiaries.services import case_grant, case_open, case_screen, referral_add
from vn.dates import month_start, next_month

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory

# Every step of a case page: each is a POST that needs write access to the case's ward.
STEPS = [
    "screen",
    "grant",
    "refuse",
    "adjust",
    "suspend",
    "resume",
    "unpaid",
    "collected",
    "terminate",
    "death",
    "note",
    "referral",
]
NBSP = "\u00a0"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def elder(ward):
    """Lê Văn Ba, born 10/03/1944, in a poor household of `ward`: K5a from 80, coefficient 2."""
    household = HouseholdFactory(ward=ward, code="LX-001")
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    return PersonFactory(household=household, birth_date=date(1944, 3, 10), full_name="Lê Văn Ba")


def d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def application(person, today, **values) -> dict:
    return {
        "national_id": person.national_id,
        "benefit": "allowance",
        "group": "K5",
        "flags": ["no_supporter"],
        "children_raised": "0",
        "pension_amount": "0",
        "documents": ["application", "cccd"],
        "needs": "Sống một mình, cần người chăm sóc.",
        "applied_on": d(today - timedelta(days=10)),
    } | values


def opened(officer, person, today, **values) -> Case:
    values = {
        "benefit": "allowance",
        "group": "K5",
        "applied_on": today - timedelta(days=10),
        "flags": ["no_supporter"],
    } | values
    return case_open(user=officer, person=person, **values)


def screened(officer, person, today) -> Case:
    case = opened(officer, person, today)
    return case_screen(user=officer, case=case, screened_on=today)


def url(name, case, *args):
    return reverse(f"beneficiaries:{name}", args=[case.pk, *args])


def test_an_officer_of_another_ward_gets_404_on_the_case_and_every_step(
    client, ward_officer, other_ward_officer, elder, today
):
    case = screened(ward_officer, elder, today)
    referral = referral_add(
        user=ward_officer, case=case, service="health_station", purpose="Khám", referred_on=today
    )
    client.force_login(other_ward_officer)

    assert client.get(url("detail", case)).status_code == 404
    for name in STEPS:
        assert client.post(url(name, case), {}).status_code == 404, name
    assert client.post(url("referral_close", case, referral.pk), {}).status_code == 404
    assert elder.full_name not in client.get(reverse("beneficiaries:list")).content.decode()
    assert Case.objects.get().status == CaseStatus.SCREENING


def test_the_approver_reads_every_ward_but_runs_no_step(
    client, approver, ward_officer, other_ward_officer, other_ward, elder, today
):
    case = screened(ward_officer, elder, today)
    neighbour = PersonFactory(
        household=HouseholdFactory(ward=other_ward), birth_date=date(1940, 1, 1)
    )
    opened(other_ward_officer, neighbour, today, flags=["no_pension"])
    client.force_login(approver)

    listing = client.get(reverse("beneficiaries:list")).content.decode()
    page = client.get(url("detail", case))

    assert elder.full_name in listing and neighbour.full_name in listing
    assert page.status_code == 200
    assert "Ghi quyết định hưởng" not in page.content.decode()
    assert page.context["forms"] == {}
    for name in STEPS:
        assert client.post(url(name, case), {}).status_code == 404, name
    assert client.get(reverse("beneficiaries:create")).status_code == 404
    assert case.events.count() == 2  # intake and screening, nothing since


def test_the_list_filters_by_status_and_benefit_in_a_fixed_number_of_queries(
    client, ward_officer, ward, today, django_assert_max_num_queries
):
    for n in range(6):
        person = PersonFactory(
            household=HouseholdFactory(ward=ward), birth_date=date(1940 + n, 1, 1)
        )
        benefit = "social_pension" if n % 2 else "allowance"
        case = opened(ward_officer, person, today, benefit=benefit, flags=["no_pension"])
        if n < 2:
            case_screen(user=ward_officer, case=case, screened_on=today)
    client.force_login(ward_officer)

    with django_assert_max_num_queries(8):
        everything = client.get(reverse("beneficiaries:list"))
    screening = client.get(reverse("beneficiaries:list"), {"status": "screening"})
    pensions = client.get(reverse("beneficiaries:list"), {"benefit": "social_pension"})
    named = client.get(reverse("beneficiaries:list"), {"q": person.full_name.upper()})
    by_id = client.get(reverse("beneficiaries:list"), {"q": person.national_id})

    assert everything.context["page"].paginator.count == 6
    assert screening.context["page"].paginator.count == 2
    assert pensions.context["page"].paginator.count == 3
    assert [c.person for c in named.context["page"]] == [person]
    assert [c.person for c in by_id.context["page"]] == [person]
    assert "Tiếp nhận hồ sơ mới" in everything.content.decode()


def test_a_case_from_application_to_death_through_the_pages(client, ward_officer, elder, today):
    client.force_login(ward_officer)

    response = client.post(reverse("beneficiaries:create"), application(elder, today))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", case)
    assert (case.status, case.flags, case.documents) == (
        CaseStatus.INTAKE,
        ["no_supporter"],
        ["application", "cccd"],
    )

    response = client.post(url("screen", case), {"screen-screened_on": d(today)})
    assert response.status_code == 302
    page = client.get(url("detail", case)).content.decode()
    assert "Đang xét duyệt" in page
    assert f"hưởng từ tháng {today:%m/%Y}, nhóm K5a.2" in page  # the proposed start

    response = client.post(
        url("grant", case),
        {"grant-decided_on": d(today), "grant-signer": "Nguyễn Thanh Bình", "grant-number": ""},
        follow=True,
    )
    page = response.content.decode()
    assert f"Đã ghi quyết định số 01/QĐ-UBND: hưởng từ tháng {today:%m/%Y}." in page
    assert "Đang hưởng" in page
    this_month = month_start(today)
    rows = {row["month"]: row for row in response.context["schedule"]}
    assert rows[this_month]["due"] and rows[this_month]["amount"] == 1_000_000
    assert [rule.code for rule, paid in rows[this_month]["categories"] if paid] == ["K5a.2"]
    assert f"1.000.000{NBSP}₫" in page
    assert "Điểm a khoản 5 Điều 5" in page  # the category's legal reference

    response = client.post(url("death", case), {"death-died_on": d(today)}, follow=True)
    page = response.content.decode()
    after = next_month(this_month)
    assert f"không chi trả từ tháng {after:%m/%Y}" in page
    case.refresh_from_db()
    assert (case.status, case.end_month) == (CaseStatus.TERMINATED, after)
    assert "Thôi hưởng" in page
    rows = {row["month"]: row for row in response.context["schedule"]}
    assert rows[this_month]["due"]
    assert not rows[after]["due"] and max(rows) == after
    assert f"Thôi hưởng từ tháng {after:%m/%Y}" in page
    assert "forms" in response.context and "death" not in response.context["forms"]


def test_a_grant_posted_twice_writes_one_event(client, ward_officer, elder, today):
    case = screened(ward_officer, elder, today)
    client.force_login(ward_officer)
    decision = {"grant-decided_on": d(today), "grant-signer": "Nguyễn Thanh Bình"}

    first = client.post(url("grant", case), decision)
    second = client.post(url("grant", case), decision)

    assert first.status_code == 302
    assert second.status_code == 400
    assert "bước này đã được ghi" in second.content.decode()
    assert CaseEvent.objects.filter(case=case, kind=EventKind.GRANTED).count() == 1


@pytest.mark.parametrize(
    ("benefit", "message"),
    [
        ("allowance", "đang mở tại Phường Long Xuyên"),
        ("social_pension", "tại Phường Long Xuyên: không hưởng đồng thời"),
    ],
)
def test_a_second_case_across_wards_is_refused_with_the_wards_name(
    client, ward_officer, other_ward_officer, other_ward, elder, today, benefit, message
):
    opened(ward_officer, elder, today)
    elder.household = HouseholdFactory(ward=other_ward)  # moved, the case not yet transferred
    elder.save(update_fields=["household"])
    client.force_login(other_ward_officer)

    response = client.post(
        reverse("beneficiaries:create"), application(elder, today, benefit=benefit)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.count() == 1


def test_a_person_is_found_by_household_code_and_member(client, ward_officer, elder, today):
    spouse = PersonFactory(
        household=elder.household, relation_to_head="spouse", full_name="Trần Thị Bốn"
    )
    client.force_login(ward_officer)
    data = application(elder, today, national_id="", household="lx-001")

    choose = client.post(reverse("beneficiaries:create"), data)
    members = client.get(reverse("beneficiaries:members"), {"household": "LX-001"})
    chosen = client.post(reverse("beneficiaries:create"), data | {"member": spouse.pk})

    assert choose.status_code == 400
    assert "Chọn người đề nghị trong hộ" in choose.content.decode()
    assert "Trần Thị Bốn" in choose.content.decode()
    assert "Lê Văn Ba" in members.content.decode() and "Trần Thị Bốn" in members.content.decode()
    assert chosen.status_code == 302
    assert Case.objects.get().person == spouse


def test_the_form_asks_what_the_group_needs(client, ward_officer, elder, today):
    client.force_login(ward_officer)

    no_group = client.post(reverse("beneficiaries:create"), application(elder, today, group=""))
    k6 = client.post(reverse("beneficiaries:create"), application(elder, today, group="K6"))
    unknown = client.post(
        reverse("beneficiaries:create"), application(elder, today, national_id="089099000001")
    )

    assert "Chọn nhóm đối tượng" in no_group.content.decode()
    assert "ghi ngày cấp" in k6.content.decode()
    assert "Không có người mang số định danh 089099000001" in unknown.content.decode()
    assert {no_group.status_code, k6.status_code, unknown.status_code} == {400}
    assert not Case.objects.exists()


def test_a_suspension_and_resumption_show_in_the_months(client, ward_officer, elder, today):
    case = screened(ward_officer, elder, today)
    case_grant(user=ward_officer, case=case, decided_on=today, signer="Nguyễn Thanh Bình")
    client.force_login(ward_officer)

    suspend = {"suspend-on": d(today), "suspend-note": "Ba tháng liền chưa nhận tiền"}
    client.post(url("suspend", case), suspend)
    suspended = client.get(url("detail", case))
    resumed = client.post(url("resume", case), {"resume-on": d(today)}, follow=True)

    rows = {row["month"]: row for row in suspended.context["schedule"]}
    assert "Tạm dừng" in suspended.content.decode()
    assert not rows[month_start(today)]["due"]
    assert rows[month_start(today)]["why"] == "Tạm dừng"
    assert "Đang hưởng" in resumed.content.decode()
    assert [e.kind for e in case.events.all()][-2:] == [EventKind.SUSPENDED, EventKind.RESUMED]


def test_months_unpaid_are_recorded_shown_and_cleared(client, ward_officer, elder, today):
    case = screened(ward_officer, elder, today)
    case_grant(user=ward_officer, case=case, decided_on=today, signer="Nguyễn Thanh Bình")
    month = month_start(today)
    client.force_login(ward_officer)

    recorded = client.post(
        url("unpaid", case), {"unpaid-since": month.strftime("%m/%Y")}, follow=True
    )
    too_early = client.post(url("unpaid", case), {"unpaid-since": "01/2020"})
    collected = client.post(url("collected", case), {"collected-on": d(today)}, follow=True)

    html = recorded.content.decode()
    assert f"từ tháng {month:%m/%Y} (1 tháng)" in html
    assert "Đã nhận tiền trở lại" in html  # the way off the list is offered
    assert too_early.status_code == 400
    assert "không thể trước tháng đó" in too_early.content.decode()
    case.refresh_from_db()
    assert case.unpaid_since is None
    facts = collected.content.decode().split('class="facts"')[1].split("</dl>")[0]
    assert "Chưa nhận tiền" not in facts
    assert [e.kind for e in case.events.all()][-2:] == [EventKind.UNPAID, EventKind.COLLECTED]


def test_an_adjustment_with_a_stale_version_is_refused(client, ward_officer, elder, today):
    case = screened(ward_officer, elder, today)
    case_grant(user=ward_officer, case=case, decided_on=today, signer="Nguyễn Thanh Bình")
    client.force_login(ward_officer)
    adjust = {
        "adjust-flags": ["no_supporter", "no_pension"],
        "adjust-children_raised": "0",
        "adjust-pension_amount": "0",
        "adjust-effective_month": f"{today:%m/%Y}",
        "adjust-decided_on": d(today),
        "adjust-signer": "Nguyễn Thanh Bình",
        "adjust-version": str(case.version - 1),
    }

    stale = client.post(url("adjust", case), adjust)
    fresh = client.post(url("adjust", case), adjust | {"adjust-version": str(case.version)})

    assert stale.status_code == 400 and "hãy tải lại trang" in stale.content.decode()
    assert fresh.status_code == 302
    case.refresh_from_db()
    assert case.flags == ["no_pension", "no_supporter"]
    assert case.events.filter(kind=EventKind.ADJUSTED, effective_month=month_start(today))


def test_notes_and_referrals_are_kept_with_the_case(client, ward_officer, elder, today):
    case = opened(ward_officer, elder, today)
    client.force_login(ward_officer)

    client.post(url("note", case), {"note-written_on": d(today), "note-text": "Đã thăm nhà."})
    client.post(
        url("referral", case),
        {
            "referral-service": "health_station",
            "referral-purpose": "Khám sức khoẻ",
            "referral-referred_on": d(today),
            "referral-follow_up_on": d(today + timedelta(days=14)),
        },
    )
    referral = Referral.objects.get()
    empty = client.post(url("referral_close", case, referral.pk), {})
    closed = client.post(
        url("referral_close", case, referral.pk),
        {f"close-{referral.pk}-outcome": "Đã khám, cấp thuốc."},
        follow=True,
    )

    assert CaseNote.objects.get().text == "Đã thăm nhà."
    assert empty.status_code == 400
    referral.refresh_from_db()
    assert (referral.closed, referral.outcome) == (True, "Đã khám, cấp thuốc.")
    page = closed.content.decode()
    assert "Đã thăm nhà." in page and "Khám sức khoẻ" in page and "Đã xong" in page
