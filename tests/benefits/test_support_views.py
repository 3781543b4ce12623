"""The one-off support pages: the ward officer proposes (a person by national ID, a
household by its code), records the chair's decision and the payment on the spot, prints
the decision; an approver reads and writes nothing; another ward's officer gets 404."""

from datetime import date

import pytest
from django.urls import reverse

from benefits.models import BenefitType, Support
from benefits.services.supports import support_decide, support_propose

from ..factories import HouseholdFactory, PersonFactory
from ..reviews.documents import one_line, pdf_text

DIED = date(2026, 3, 2)


def kind(code):
    return BenefitType.objects.get(code=code)


@pytest.fixture
def deceased(ward):
    household = HouseholdFactory(ward=ward, code="LX-0042", address="11/3 Trần Hưng Đạo")
    return PersonFactory(
        household=household,
        full_name="Nguyễn Văn Tám",
        birth_date=date(1940, 2, 3),
        deceased_on=DIED,
        national_id="089040000123",
    )


@pytest.fixture
def support(ward_officer, ward, deceased):
    made = support_propose(
        user=ward_officer,
        ward=ward,
        benefit_type=kind("funeral"),
        event_on=DIED,
        person=deceased,
        receiver_name="Nguyễn Thị Lan",
        receiver_relation="con gái",
    )
    support_decide(
        user=ward_officer, support=made, decided_on=date(2026, 3, 6), signer="Nguyễn Thanh Bình"
    )
    return made


def form(**values):
    data = {
        "benefit_type": kind("funeral").pk,
        "national_id": "",
        "household_code": "",
        "event_on": "02/03/2026",
        "persons": "1",
        "months": "1",
        "amount": "",
        "payment": "payroll",
    }
    return data | values


def test_the_officer_proposes_by_national_id_and_sees_the_minimum(
    client, ward_officer, ward, deceased
):
    client.force_login(ward_officer)

    made = client.post(
        reverse("benefits:support_new", args=[ward.pk]), form(national_id="0890 4000 0123")
    )
    support = Support.objects.get()
    page = client.get(made.url).text

    assert made.url == reverse("benefits:support_detail", args=[support.pk])
    assert (support.person, support.amount) == (deceased, 10_000_000)
    assert "Nguyễn Văn Tám" in page and "10.000.000" in page
    assert "20 × mức chuẩn trợ giúp xã hội 500.000 đồng" in page and "Điều 11" in page


def test_a_household_is_found_by_its_code_within_the_ward(client, ward_officer, ward, other_ward):
    HouseholdFactory(ward=other_ward, code="BD-0001")
    household = HouseholdFactory(ward=ward, code="LX-0100")
    PersonFactory(household=household)
    client.force_login(ward_officer)
    url = reverse("benefits:support_new", args=[ward.pk])
    repair = kind("housing_repair").pk

    elsewhere = client.post(url, form(benefit_type=repair, household_code="BD-0001"))
    client.post(url, form(benefit_type=repair, household_code="lx-0100", event_on="20/10/2026"))

    assert "Không có hộ mã BD-0001" in elsewhere.text
    assert list(Support.objects.values_list("household", "amount")) == [(household.pk, 20_000_000)]


def test_refusals_are_shown_in_vietnamese_on_the_form(client, ward_officer, ward, deceased):
    client.force_login(ward_officer)
    url = reverse("benefits:support_new", args=[ward.pk])

    lower = client.post(url, form(national_id=deceased.national_id, amount="9.000.000"))
    unknown = client.post(url, form(national_id="089040999999"))
    nobody = client.post(url, form())
    living = PersonFactory(household=HouseholdFactory(ward=ward), full_name="Lê Văn Sống")
    alive = client.post(url, form(national_id=living.national_id))

    assert lower.status_code == 200 and "thấp hơn mức tối thiểu 10.000.000" in lower.text
    assert "Không có người mang số định danh 089040999999" in unknown.text
    assert "Hãy nhập số định danh của người hoặc mã hộ" in nobody.text
    assert "Lê Văn Sống chưa được ghi nhận đã mất" in alive.text
    assert not Support.objects.exists()


def test_the_officer_decides_pays_on_the_spot_and_cannot_pay_twice(
    client, ward_officer, ward, deceased
):
    support = support_propose(
        user=ward_officer,
        ward=ward,
        benefit_type=kind("funeral"),
        event_on=DIED,
        person=deceased,
        payment="spot",
    )
    client.force_login(ward_officer)
    decide = reverse("benefits:support_decide", args=[support.pk])
    pay = reverse("benefits:support_pay", args=[support.pk])

    client.post(decide, {"decide-decided_on": "05/03/2026", "decide-signer": "Nguyễn Thanh Bình"})
    again = client.post(
        decide, {"decide-decided_on": "06/03/2026", "decide-signer": "X"}, follow=True
    )
    client.post(pay, {"spot-paid_on": "06/03/2026"})
    twice = client.post(pay, {"spot-paid_on": "07/03/2026"}, follow=True)

    support.refresh_from_db()
    assert (support.status, support.decision_number, support.paid_on) == (
        "paid",
        "01/QĐ-UBND",
        date(2026, 3, 6),
    )
    assert "không còn chờ quyết định" in again.text
    assert "đã được ghi chi" in twice.text


def test_a_bad_date_or_a_paid_support_is_refused_without_error(client, ward_officer, support):
    client.force_login(ward_officer)

    bad = client.post(
        reverse("benefits:support_decide", args=[support.pk]),
        {"decide-decided_on": "31/02/2026", "decide-signer": "A"},
        follow=True,
    )
    spot = client.post(
        reverse("benefits:support_pay", args=[support.pk]),
        {"spot-paid_on": "07/03/2026"},
        follow=True,
    )

    assert bad.status_code == 200 and spot.status_code == 200
    assert "chi qua bảng chi trả" in spot.text
    support.refresh_from_db()
    assert support.status == "decided"


def test_the_decision_pdf_has_the_name_the_amount_in_words_and_the_article(
    client, ward_officer, support, tmp_path
):
    client.force_login(ward_officer)

    response = client.get(reverse("benefits:support_pdf", args=[support.pk]))
    text = one_line(pdf_text(response.content, tmp_path))

    assert response["Content-Type"] == "application/pdf"
    assert "Về việc hỗ trợ chi phí mai táng cho ông Nguyễn Văn Tám" in text
    assert "10.000.000 đồng (Bằng chữ: Mười triệu đồng)" in text
    assert "20 × mức chuẩn trợ giúp xã hội 500.000 đồng, quy định tại Điều 11" in text
    assert "bảng chi trả trợ giúp xã hội tháng 04/2026" in text
    assert "Nguyễn Thị Lan (con gái)" in text
    assert "Số: 01/QĐ-UBND" in text and "CHỦ TỊCH Nguyễn Thanh Bình" in text


def test_a_households_rice_decision_gives_the_kilograms(client, ward_officer, ward, tmp_path):
    household = HouseholdFactory(ward=ward, code="LX-0200")
    PersonFactory(household=household, full_name="Trần Thị Bé", sex="female")
    rice = support_propose(
        user=ward_officer,
        ward=ward,
        benefit_type=kind("emergency_rice"),
        event_on=date(2026, 10, 20),
        household=household,
        persons=4,
        months=3,
    )
    client.force_login(ward_officer)

    page = client.get(reverse("benefits:support_detail", args=[rice.pk])).text
    pdf = client.get(reverse("benefits:support_pdf", args=[rice.pk])).content
    text = one_line(pdf_text(pdf, tmp_path))

    assert "180 kg" in page and "Chi tại chỗ" not in page  # not decided yet
    assert "Về việc hỗ trợ lương thực cho hộ bà Trần Thị Bé" in text
    assert "180 kg gạo" in text and "15 kg/người/tháng × 4 người × 3 tháng" in text
    assert "Điều 12" in text and "cấp trực tiếp" in text


def test_another_wards_officer_gets_404(client, other_ward_officer, support, ward):
    client.force_login(other_ward_officer)

    for url in (
        reverse("benefits:support_detail", args=[support.pk]),
        reverse("benefits:support_pdf", args=[support.pk]),
        reverse("benefits:support_new", args=[ward.pk]),
    ):
        assert client.get(url).status_code == 404
    for name in ("support_decide", "support_pay", "support_cancel"):
        assert client.post(reverse(f"benefits:{name}", args=[support.pk])).status_code == 404
    assert client.get(reverse("benefits:supports"), {"ward": ward.pk}).status_code == 404


def test_the_approver_reads_and_cannot_write(client, approver, support, ward):
    client.force_login(approver)

    listed = client.get(reverse("benefits:supports"), {"ward": ward.pk})
    detail = client.get(reverse("benefits:support_detail", args=[support.pk]))
    pdf = client.get(reverse("benefits:support_pdf", args=[support.pk]))
    cancel = client.post(
        reverse("benefits:support_cancel", args=[support.pk]), {"cancel-note": "Thử"}
    )
    new = client.get(reverse("benefits:support_new", args=[ward.pk]))

    assert (listed.status_code, detail.status_code, pdf.status_code) == (200, 200, 200)
    assert "Nguyễn Văn Tám" in listed.text and "Đề xuất trợ giúp" not in listed.text
    assert "Hủy khoản hỗ trợ" not in detail.text
    assert (cancel.status_code, new.status_code) == (404, 404)
    support.refresh_from_db()
    assert support.status == "decided"


def test_the_list_reads_in_few_queries(client, ward_officer, ward, django_assert_max_num_queries):
    for n in range(6):
        household = PersonFactory(household=HouseholdFactory(ward=ward)).household
        support_propose(
            user=ward_officer,
            ward=ward,
            benefit_type=kind("housing_repair"),
            event_on=date(2026, 10, n + 1),
            household=household,
        )
    client.force_login(ward_officer)

    with django_assert_max_num_queries(10):
        page = client.get(reverse("benefits:supports")).text

    assert page.count("Hỗ trợ sửa chữa nhà ở") == 6
    assert "20.000.000" in page


def test_the_payroll_list_links_to_the_supports(client, ward_officer, ward):
    client.force_login(ward_officer)

    page = client.get(reverse("benefits:list")).text

    assert reverse("benefits:supports") + f"?ward={ward.pk}" in page
    assert "Trợ giúp một lần" in page
