"""The payroll pages: a ward officer makes, approves and reads the own ward's payrolls; an
approver reads every ward's and pays none; another ward's officer gets 404."""

from datetime import date

import pytest
from django.urls import reverse

from benefits.models import PaymentArrangement, Payroll
from benefits.services.payrolls import payroll_generate

from .conftest import granted, poor_person

NOV = date(2026, 11, 1)


@pytest.fixture
def payroll(ward_officer, ward, paying_from):
    paying_from(NOV)
    case = granted(ward_officer, poor_person(ward, full_name="Lê Thị Mai"), decided_on=NOV)
    made = payroll_generate(user=ward_officer, ward=ward, month=NOV).payroll
    made.case = case
    return made


def test_the_ward_officer_generates_and_approves_from_the_pages(
    client, ward_officer, ward, paying_from
):
    paying_from(NOV)
    granted(ward_officer, poor_person(ward, full_name="Lê Thị Mai"), decided_on=NOV)
    client.force_login(ward_officer)

    listed = client.get(reverse("benefits:list")).text
    made = client.post(reverse("benefits:generate", args=[ward.pk]), {"month": "11/2026"})
    payroll = Payroll.objects.get()
    page = client.get(made.url).text
    client.post(reverse("benefits:approve", args=[payroll.pk]))
    again = client.post(reverse("benefits:approve", args=[payroll.pk]), follow=True).text

    assert "Lập bảng chi trả" in listed
    assert made.url == reverse("benefits:detail", args=[payroll.pk])
    assert "Lê Thị Mai" in page and "750.000" in page and "K5a.1: hệ số 1,5" in page
    payroll.refresh_from_db()
    assert payroll.status == "approved"
    assert "đã được duyệt trước đó" in again


def test_a_bad_month_is_refused_in_vietnamese(client, ward_officer, ward):
    client.force_login(ward_officer)

    page = client.post(
        reverse("benefits:generate", args=[ward.pk]), {"month": "13/2026"}, follow=True
    ).text

    assert "ngày" in page.lower() and not Payroll.objects.exists()


def test_another_wards_officer_gets_404(client, other_ward_officer, payroll):
    client.force_login(other_ward_officer)

    for url in (
        reverse("benefits:detail", args=[payroll.pk]),
        reverse("benefits:case_payments", args=[payroll.case.pk]),
        reverse("benefits:arrangement", args=[payroll.case.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("benefits:approve", args=[payroll.pk])).status_code == 404
    generate = reverse("benefits:generate", args=[payroll.ward_id])
    assert client.post(generate, {"month": "12/2026"}).status_code == 404
    assert Payroll.objects.count() == 1


def test_the_approver_reads_every_ward_and_pays_none(client, approver, payroll, ward):
    client.force_login(approver)

    overview = client.get(reverse("benefits:province"), {"month": "11/2026"}).text
    detail = client.get(reverse("benefits:detail", args=[payroll.pk]))
    approve = client.post(reverse("benefits:approve", args=[payroll.pk]))
    generate = client.post(
        reverse("benefits:generate", args=[ward.pk]), {"month": "12/2026"}, follow=True
    ).text

    assert ward.name in overview and "750.000" in overview
    assert detail.status_code == 200 and "Duyệt bảng chi trả" not in detail.text
    assert approve.status_code == 404
    assert "không có quyền" in generate
    payroll.refresh_from_db()
    assert payroll.status == "draft" and Payroll.objects.count() == 1


def test_the_case_page_fragment_lists_the_payments(client, ward_officer, payroll):
    client.force_login(ward_officer)

    fragment = client.get(reverse("benefits:case_payments", args=[payroll.case.pk])).text

    assert "11/2026" in fragment and "750.000" in fragment and "Chờ kết quả" in fragment


def test_an_account_number_is_soft_checked(client, ward_officer, payroll):
    client.force_login(ward_officer)
    url = reverse("benefits:arrangement", args=[payroll.case.pk])

    page = client.post(
        url, {"method": "bank", "account_number": "12AB", "bank_name": "Agribank"}, follow=True
    ).text

    assert "hãy kiểm tra lại: số tài khoản thường có từ 6 đến 20 chữ số" in page
    saved = PaymentArrangement.objects.get(person=payroll.case.person)
    assert (saved.method, saved.account_number) == ("bank", "12AB")
