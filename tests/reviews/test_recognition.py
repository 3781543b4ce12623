"""The ward chair's recognition decision and the household certificates of a decided round,
read back from the PDFs."""

import subprocess
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse

from households.models import Household, HouseholdStatus
from households.services import Event, household_move_out, household_relocate
from reviews.models import ReviewKind
from reviews.services import (
    meeting_record,
    posting_record,
    review_round_decide,
    review_round_open,
)

from ..factories import ResidentialGroupFactory
from .documents import add_household, assess, one_line, pdf_fonts, pdf_text

DECIDED_ON = date(2026, 10, 20)
LABELS = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "escaped_poor": "Hộ thoát nghèo",
    "escaped_near_poor": "Hộ thoát cận nghèo",
}


def decide(user, review, signer="Nguyễn Văn An"):
    review_round_decide(
        user=user, review=review, number="25/QĐ-UBND", decided_on=DECIDED_ON, signer=signer
    )
    review.refresh_from_db()
    return review


@pytest.fixture
def decided(ward_officer, review):
    return decide(ward_officer, review)


def recorded(review) -> dict[str, list[Household]]:
    """The households the decision recorded, by classification, straight from the register."""
    found: dict[str, list] = {}
    for s in HouseholdStatus.objects.filter(review_round=review).select_related("household"):
        found.setdefault(s.classification, []).append(s.household)
    return {k: sorted(v, key=lambda h: h.code) for k, v in found.items()}


def get_pdf(client, name, review, *args):
    response = client.get(reverse(f"reviews:{name}", args=[review.pk, *args]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return response


def test_the_decision_recognises_each_list_with_its_count_and_annex(
    client, ward_officer, decided, tmp_path
):
    client.force_login(ward_officer)
    lists = recorded(decided)
    counts = Counter({k: len(v) for k, v in lists.items() if k in LABELS})

    response = get_pdf(client, "recognition_pdf", decided)

    text = one_line(pdf_text(response.content, tmp_path))
    assert response["Content-Disposition"] == (
        'inline; filename="quyet-dinh-cong-nhan-phuong-long-xuyen-2027.pdf"'
    )
    for line in (
        "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 25/QĐ-UBND",
        "Long Xuyên, ngày 20 tháng 10 năm 2026",
        "QUYẾT ĐỊNH",
        "hộ thoát nghèo, hộ thoát cận nghèo năm 2027",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16 tháng 7 năm 2021",
        "QUYẾT ĐỊNH:",
        f"Điều 1. Công nhận {counts.total()} hộ",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT, VHXH.",
        "Nguyễn Văn An",
        "(Kèm theo Quyết định số 25/QĐ-UBND ngày 20/10/2026 của Chủ tịch Ủy ban nhân dân "
        "phường Long Xuyên)",
    ):
        assert line in text
    assert set(counts) == set(LABELS) and "middle_income" in lists  # not recognised here
    for classification, n in counts.items():
        assert f"{LABELS[classification]}: {n} hộ" in text
    assert "DANH SÁCH HỘ NGHÈO NĂM 2027" in text and "DANH SÁCH HỘ CẬN NGHÈO NĂM 2027" in text
    first = lists["poor"][0]
    head = first.members.get(relation_to_head="head").full_name
    # STT, code, head, group, address, members: the annex row as the decision recorded it.
    assert f"1 {first.code} {head} {first.residential_group.name} {first.address} 2" in text
    assert pdf_fonts(response.content, tmp_path) == {"Tinos"}


def test_a_household_moved_away_since_stays_in_the_annex_as_decided(
    client, ward_officer, decided, tmp_path
):
    moved = recorded(decided)["near_poor"][0]
    head = moved.members.get(relation_to_head="head").full_name
    address, group = moved.address, moved.residential_group.name
    household_move_out(Event(ward_officer, date(2026, 11, 2)), household=moved, to_ward=None)
    client.force_login(ward_officer)

    text = one_line(pdf_text(get_pdf(client, "recognition_pdf", decided).content, tmp_path))
    certificate = one_line(
        pdf_text(get_pdf(client, "certificate_pdf", decided, moved.pk).content, tmp_path)
    )

    now = HouseholdStatus.objects.in_force_on(date(2026, 11, 3)).get(household=moved)
    assert now.classification == "none"  # today's register has it gone
    assert f"{moved.code} {head} {group} {address} 2" in text
    assert head in certificate and "Là hộ cận nghèo năm 2027" in certificate


def test_a_household_that_moved_within_the_ward_keeps_the_decided_address(
    client, ward_officer, ward, decided, tmp_path
):
    household = recorded(decided)["poor"][0]
    old = household.address
    new_group = ResidentialGroupFactory(parent=ward, code="009", name="Khóm Bình Khánh")
    household_relocate(
        Event(ward_officer, date(2026, 11, 2)),
        household=household,
        residential_group=new_group,
        address="99 Lý Thái Tổ",
    )
    client.force_login(ward_officer)

    text = one_line(pdf_text(get_pdf(client, "recognition_pdf", decided).content, tmp_path))

    assert old in text and "99 Lý Thái Tổ" not in text and "Khóm Bình Khánh" not in text


def test_each_poor_and_near_poor_household_has_a_one_page_certificate(
    client, ward_officer, decided, tmp_path
):
    lists = recorded(decided)
    certified = sorted(lists["poor"] + lists["near_poor"], key=lambda h: h.code)
    client.force_login(ward_officer)

    response = get_pdf(client, "certificates_pdf", decided)

    first, last = certified[0], certified[-1]
    page_one = one_line(pdf_text(response.content, tmp_path, page=1))
    page_last = one_line(pdf_text(response.content, tmp_path, page=len(certified)))
    for line in (
        "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY CHỨNG NHẬN",
        f"Mã hộ: {first.code}",
        first.members.get(relation_to_head="head").full_name,
        "Quyết định số 25/QĐ-UBND ngày 20/10/2026",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
    ):
        assert line in page_one
    assert f"Mã hộ: {last.code}" in page_last
    assert pdf_text(response.content, tmp_path, page=2).split()[0] != "2"  # no page numbers
    assert pages(response.content, tmp_path) == len(certified)
    escaped = lists["escaped_near_poor"][0]
    assert escaped.code not in one_line(pdf_text(response.content, tmp_path))


def pages(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def test_one_households_certificate_names_it_and_the_decision(
    client, ward_officer, decided, tmp_path
):
    household = recorded(decided)["poor"][0]
    client.force_login(ward_officer)

    response = get_pdf(client, "certificate_pdf", decided, household.pk)

    text = one_line(pdf_text(response.content, tmp_path))
    assert f"Mã hộ: {household.code}" in text
    assert "Hộ nghèo năm 2027" in text and "Số nhân khẩu: 2" in text
    assert "Là hộ nghèo năm 2027 theo Quyết định số 25/QĐ-UBND ngày 20/10/2026" in text
    assert pages(response.content, tmp_path) == 1
    # The address already names its khóm: the group is not printed twice.
    assert f"Địa chỉ: {household.address}, phường Long Xuyên Số nhân khẩu" in text


def test_a_household_without_a_certificate_gets_none(client, ward_officer, decided):
    escaped = recorded(decided)["escaped_near_poor"][0]
    client.force_login(ward_officer)

    url = reverse("reviews:certificate_pdf", args=[decided.pk, escaped.pk])
    assert client.get(url).status_code == 404


def test_a_deputy_signs_for_the_chair(client, ward_officer, review, tmp_path):
    decide(ward_officer, review, signer="Phó Chủ tịch Lê Thị Bình")
    client.force_login(ward_officer)

    text = one_line(pdf_text(get_pdf(client, "recognition_pdf", review).content, tmp_path))

    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Lê Thị Bình" in text


@pytest.mark.parametrize("name", ["recognition_pdf", "certificates_pdf"])
def test_a_round_not_decided_has_no_recognition_documents(client, ward_officer, review, name):
    client.force_login(ward_officer)

    assert client.get(reverse(f"reviews:{name}", args=[review.pk])).status_code == 404


@pytest.mark.parametrize("name", ["recognition_pdf", "certificates_pdf"])
def test_another_wards_officer_gets_404_and_an_approver_may_read(
    client, decided, other_ward_officer, approver, name
):
    url = reverse(f"reviews:{name}", args=[decided.pk])
    client.force_login(other_ward_officer)
    assert client.get(url).status_code == 404
    client.force_login(approver)
    assert client.get(url).status_code == 200


def test_the_round_page_links_the_documents_once_decided(client, ward_officer, review):
    client.force_login(ward_officer)
    url = reverse("reviews:detail", args=[review.pk])
    link = reverse("reviews:recognition_pdf", args=[review.pk])

    assert link not in client.get(url).content.decode()
    decide(ward_officer, review)
    page = client.get(url).content.decode()
    assert link in page and reverse("reviews:certificates_pdf", args=[review.pk]) in page
    lists = recorded(review)
    for household in lists["poor"] + lists["near_poor"]:
        assert reverse("reviews:certificate_pdf", args=[review.pk, household.pk]) in page
    escaped = lists["escaped_near_poor"][0]
    assert reverse("reviews:certificate_pdf", args=[review.pk, escaped.pk]) not in page


def test_a_hundred_households_print_whole(client, ward_officer, ward, groups, tmp_path):
    households = [add_household(ward, groups[n % 2], n, "poor") for n in range(1, 101)]
    review = review_round_open(
        user=ward_officer, ward=ward, kind=ReviewKind.ANNUAL, year=2026,
        reference_date=date(2026, 9, 1),
    )  # fmt: skip
    for household in households:
        assess(ward_officer, review, household, 1_200_000)
    for n, group in enumerate(groups):
        meeting_record(
            user=ward_officer, review=review, residential_group=group,
            held_on=date(2026, 10, 5 + n), attendance=40, agreed=30,
        )  # fmt: skip
    posting_record(
        user=ward_officer, review=review, posting_from=date(2026, 10, 7),
        posting_to=date(2026, 10, 9), place="", complaints="",
    )  # fmt: skip
    decide(ward_officer, review)
    client.force_login(ward_officer)

    # Behaviour only (speed is for bench/, not a test): both documents render whole, one
    # certificate page per household.
    decision = get_pdf(client, "recognition_pdf", review)
    response = get_pdf(client, "certificates_pdf", review)
    assert pages(decision.content, tmp_path) >= 3
    assert pages(response.content, tmp_path) == 100
