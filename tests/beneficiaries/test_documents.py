"""A case's documents: the ward chair's decision (ND 30/2020 Mẫu 1.2) to grant, adjust or
end an allowance or social pension, and the list of beneficiaries by category as .xlsx."""

import io
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from beneficiaries.decisions import decision_signer
from beneficiaries.models import EventKind
from beneficiaries.services import (
    case_adjust,
    case_grant,
    case_open,
    case_screen,
    case_terminate,
)
from beneficiaries.wording import amount_in_words, coefficient_text

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
)


@pytest.fixture
def group(ward):
    return ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An")


def resident(ward, name, birth, *, classification="poor", sex="female", group=None):
    household = HouseholdFactory(ward=ward, residential_group=group)
    HouseholdStatusFactory(household=household, year=2024, classification=classification)
    return PersonFactory(household=household, full_name=name, birth_date=birth, sex=sex)


def granted(user, person, decided_on, *, signer="Trần Văn Bảy", **values):
    values = {"benefit": "allowance", "group": "K5", "flags": ["no_supporter"]} | values
    case = case_open(user=user, person=person, applied_on=decided_on, **values)
    case_screen(user=user, case=case, screened_on=decided_on)
    return case_grant(user=user, case=case, decided_on=decided_on, signer=signer)


def decision_of(case, kind=EventKind.GRANTED):
    return case.events.get(kind=kind)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "decision.pdf"
    path.write_bytes(pdf)
    run = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    return " ".join(subprocess.run(run, capture_output=True, check=True, text=True).stdout.split())


def pdf_fonts(pdf: bytes, tmp_path: Path) -> set[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return {
        line.split()[0].split("+")[-1].split("-")[0] for line in listing.stdout.splitlines()[2:]
    }


def decision_pdf(client, event):
    response = client.get(reverse("case_documents:decision_pdf", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


@pytest.fixture
def elder(ward, group):
    """Nguyễn Thị Ánh Tuyết, 76 in 2025, poor, no one to support her: K5a.1, 1,5 × 500.000."""
    household = HouseholdFactory(
        ward=ward, residential_group=group, code="DA-007", address="12/4 Trần Hưng Đạo"
    )
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    return PersonFactory(
        household=household,
        full_name="Nguyễn Thị Ánh Tuyết",
        birth_date=date(1949, 4, 15),
        sex="female",
        national_id="091149000123",
    )


def test_the_grant_decision_is_the_ward_chairs_nd30_decision(
    client, ward_officer, elder, tmp_path, django_assert_max_num_queries
):
    case = granted(ward_officer, elder, date(2025, 8, 5))
    client.force_login(ward_officer)

    with django_assert_max_num_queries(15):
        response = decision_pdf(client, decision_of(case))

    assert response["Content-Disposition"] == (
        'inline; filename="quyet-dinh-huong-nguyen-thi-anh-tuyet-01-qd-ubnd.pdf"'
    )
    text = pdf_text(response.content, tmp_path)
    for line in (
        "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/QĐ-UBND",
        "Long Xuyên, ngày 05 tháng 8 năm 2025",
        "QUYẾT ĐỊNH Về việc trợ cấp xã hội hằng tháng",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
        "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021",
        "Căn cứ Nghị định số 76/2024/NĐ-CP",
        "Căn cứ Nghị định số 147/2025/NĐ-CP ngày 12 tháng 6 năm 2025",
        "Xét đề nghị của công chức Văn hóa – Xã hội.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Trợ cấp xã hội hằng tháng đối với:",
        "Họ và tên: Nguyễn Thị Ánh Tuyết;",
        "Ngày, tháng, năm sinh: 15/04/1949;",
        "Số định danh cá nhân: 091149000123;",
        "12/4 Trần Hưng Đạo, Khóm Đông An, phường Long Xuyên, An Giang",
        "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ 60 đến dưới 80 tuổi",
        "(quy định tại điểm a khoản 5 Điều 5, điểm đ khoản 1 Điều 6 Nghị định 20/2021/NĐ-CP)",
        "Hệ số: 1,5; mức chuẩn trợ giúp xã hội 500.000 đồng;",
        "Mức trợ cấp hằng tháng: 750.000 đồng (Bằng chữ: Bảy trăm năm mươi nghìn đồng);",
        "Thời điểm hưởng: từ tháng 8 năm 2025.",
        "Điều 2. Bà Nguyễn Thị Ánh Tuyết được cấp thẻ bảo hiểm y tế",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "Trưởng Khóm Đông An và bà có tên tại Điều 1 chịu trách nhiệm thi hành",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT, VHXH.",
        "CHỦ TỊCH",
        "Trần Văn Bảy",
    ):
        assert line in text
    assert "KT." not in text
    assert pdf_fonts(response.content, tmp_path) == {"Tinos"}  # no fallback font mixed in


def test_the_decision_is_rendered_to_png_for_a_person_to_look_at(client, ward_officer, elder):
    case = granted(ward_officer, elder, date(2025, 8, 5), signer="Phó Chủ tịch Lê Văn Hùng")
    client.force_login(ward_officer)
    out = Path(settings.BASE_DIR) / "test-artifacts"
    out.mkdir(exist_ok=True)
    for old in out.glob("decision-*.png"):
        old.unlink()

    pdf = out / "decision.pdf"
    pdf.write_bytes(decision_pdf(client, decision_of(case)).content)
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(out / "decision")], check=True)

    assert (out / "decision-1.png").stat().st_size > 10_000


def test_a_deputy_signs_for_the_chair(client, ward_officer, elder, tmp_path):
    case = granted(ward_officer, elder, date(2025, 8, 5), signer="Phó Chủ tịch Lê Văn Hùng")
    client.force_login(ward_officer)

    text = pdf_text(decision_pdf(client, decision_of(case)).content, tmp_path)

    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text
    assert "Lê Văn Hùng" in text and "Phó Chủ tịch Lê Văn Hùng" not in text


def test_decisions_are_numbered_in_the_wards_yearly_sequence(
    client, ward_officer, ward, elder, tmp_path
):
    first = granted(ward_officer, elder, date(2025, 8, 5))
    second = granted(
        ward_officer, resident(ward, "Trần Văn Đức", date(1944, 2, 2)), date(2025, 9, 1)
    )
    third = granted(ward_officer, resident(ward, "Lê Văn Ổn", date(1943, 6, 6)), date(2026, 1, 6))
    client.force_login(ward_officer)

    texts = [
        pdf_text(decision_pdf(client, decision_of(case)).content, tmp_path)
        for case in (first, second, third)
    ]

    assert "Số: 01/QĐ-UBND Long Xuyên, ngày 05 tháng 8 năm 2025" in texts[0]
    assert "Số: 02/QĐ-UBND Long Xuyên, ngày 01 tháng 9 năm 2025" in texts[1]
    assert "Số: 01/QĐ-UBND Long Xuyên, ngày 06 tháng 01 năm 2026" in texts[2]  # a new year
    assert "Trần Văn Đức" in texts[1] and "Lê Văn Ổn" in texts[2]


def test_an_adjustment_names_the_new_amount_and_the_decision_it_changes(
    client, ward_officer, ward, tmp_path
):
    # A single mother in a near-poor household raising one child, then two (K4: 1,0 a child).
    mother = resident(ward, "Đặng Thị Mỹ Lệ", date(1990, 3, 1), classification="near_poor")
    case = granted(
        ward_officer,
        mother,
        date(2025, 8, 5),
        group="K4",
        flags=["single_parent"],
        children_raised=1,
    )
    case_adjust(
        user=ward_officer,
        case=case,
        decided_on=date(2025, 10, 20),
        signer="Trần Văn Bảy",
        effective_month=date(2025, 10, 1),
        version=case.version,
        children_raised=2,
        note="Nhận nuôi thêm con thứ hai.",
    )
    client.force_login(ward_officer)

    text = pdf_text(decision_pdf(client, decision_of(case, EventKind.ADJUSTED)).content, tmp_path)

    for line in (
        "Số: 02/QĐ-UBND",
        "Long Xuyên, ngày 20 tháng 10 năm 2025",
        "Về việc điều chỉnh trợ cấp xã hội hằng tháng",
        "Điều 1. Điều chỉnh trợ cấp xã hội hằng tháng đối với:",
        "Họ và tên: Đặng Thị Mỹ Lệ;",
        "Đang hưởng theo: Quyết định số 01/QĐ-UBND ngày 05/08/2025;",
        "Người đơn thân nghèo đang nuôi con (mỗi con)",
        "Hệ số: 2,0;",
        "Lý do điều chỉnh: Nhận nuôi thêm con thứ hai;",
        "Mức trợ cấp hằng tháng sau điều chỉnh: 1.000.000 đồng (Bằng chữ: Một triệu đồng);",
        "Thời điểm áp dụng: từ tháng 10 năm 2025.",
    ):
        assert line in text


def test_a_termination_stops_payment_from_the_month_after(client, ward_officer, elder, tmp_path):
    case = granted(ward_officer, elder, date(2025, 8, 5))
    case_terminate(
        user=ward_officer,
        case=case,
        reason="death",
        happened_on=date(2025, 9, 14),
        decided_on=date(2025, 9, 22),
        signer="Trần Văn Bảy",
    )
    client.force_login(ward_officer)

    response = decision_pdf(client, decision_of(case, EventKind.TERMINATED))

    assert "quyet-dinh-thoi-nguyen-thi-anh-tuyet-02-qd-ubnd.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    for line in (
        "Số: 02/QĐ-UBND",
        "Về việc thôi hưởng trợ cấp xã hội hằng tháng",
        "Điều 1. Thôi hưởng trợ cấp xã hội hằng tháng đối với:",
        "Họ và tên: Nguyễn Thị Ánh Tuyết;",
        "Đang hưởng theo: Quyết định số 01/QĐ-UBND ngày 05/08/2025;",
        "Mức đang hưởng: 750.000 đồng",
        "Lý do thôi hưởng: Chết hoặc mất tích;",
        "Thời điểm thôi hưởng: từ tháng 10 năm 2025.",
        "hỗ trợ chi phí mai táng",
        "gia đình bà có tên tại Điều 1",
    ):
        assert line in text


def test_the_social_pension_decision_cites_the_law_and_decree_176(
    client, ward_officer, ward, tmp_path
):
    person = resident(ward, "Võ Văn Được", date(1948, 5, 20), classification="none", sex="male")
    case = granted(ward_officer, person, date(2025, 9, 10), benefit="social_pension", flags=[])
    client.force_login(ward_officer)

    text = pdf_text(decision_pdf(client, decision_of(case)).content, tmp_path)

    for line in (
        "Về việc hưởng trợ cấp hưu trí xã hội",
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
        "Căn cứ Luật Bảo hiểm xã hội năm 2024;",
        "Căn cứ Nghị định số 176/2025/NĐ-CP",
        "Điều 1. Trợ cấp hưu trí xã hội đối với:",
        "Người từ đủ 75 tuổi trở lên (quy định tại Điều 21–22 Luật Bảo hiểm xã hội 2024; "
        "Điều 2–3 Nghị định 176/2025/NĐ-CP)",
        "Mức trợ cấp hằng tháng: 500.000 đồng (Bằng chữ: Năm trăm nghìn đồng);",
        "Điều 2. Ông Võ Văn Được",
    ):
        assert line in text
    assert "20/2021/NĐ-CP" not in text
    assert "Hệ số" not in text


def test_a_decision_on_hiv_names_the_legal_ground_only(client, ward_officer, ward, tmp_path):
    person = resident(ward, "Phan Văn Sáu", date(1985, 1, 1), sex="male")
    case = granted(
        ward_officer, person, date(2025, 8, 5), group="K8", flags=["hiv", "no_stable_income"]
    )
    client.force_login(ward_officer)

    text = pdf_text(decision_pdf(client, decision_of(case)).content, tmp_path)

    assert "Thuộc đối tượng: Đối tượng quy định tại khoản 8 Điều 5, điểm b khoản 1 Điều 6" in text
    assert "HIV" not in text
    assert "750.000 đồng" in text


def test_decisions_outside_the_users_scope_are_not_found(
    client, ward_officer, other_ward_officer, approver, elder
):
    case = granted(ward_officer, elder, date(2025, 8, 5))
    grant, intake = decision_of(case), decision_of(case, EventKind.INTAKE)

    client.force_login(other_ward_officer)
    assert client.get(reverse("case_documents:decision_pdf", args=[grant.pk])).status_code == 404
    client.force_login(ward_officer)
    response = client.get(reverse("case_documents:decision_pdf", args=[intake.pk]))
    assert response.status_code == 404  # an intake is no decision
    client.force_login(approver)
    assert client.get(reverse("case_documents:decision_pdf", args=[grant.pk])).status_code == 200
    client.logout()
    response = client.get(reverse("case_documents:decision_pdf", args=[grant.pk]))
    assert response.status_code == 302


# The list of beneficiaries.


@pytest.fixture
def beneficiaries(ward_officer, other_ward_officer, ward, other_ward, elder):
    """Active cases of `ward` in October 2025 (two K5a.1, a K4 with two children, a K8 and a
    social pension), one ended, one still screened; and one active case of `other_ward`."""
    granted(ward_officer, elder, date(2025, 8, 5))
    granted(
        ward_officer, resident(ward, "Trần Văn Đức", date(1944, 2, 2), sex="male"), date(2025, 8, 5)
    )
    mother = resident(ward, "Đặng Thị Mỹ Lệ", date(1990, 3, 1), classification="near_poor")
    granted(
        ward_officer,
        mother,
        date(2025, 8, 5),
        group="K4",
        flags=["single_parent"],
        children_raised=2,
    )
    hiv = resident(ward, "Phan Văn Sáu", date(1985, 1, 1), sex="male")
    granted(ward_officer, hiv, date(2025, 8, 5), group="K8", flags=["hiv", "no_stable_income"])
    old = resident(ward, "Võ Văn Được", date(1948, 5, 20), classification="none", sex="male")
    granted(ward_officer, old, date(2025, 9, 10), benefit="social_pension", flags=[])
    ended = granted(ward_officer, resident(ward, "Lê Văn Ổn", date(1943, 6, 6)), date(2025, 8, 5))
    case_terminate(
        user=ward_officer,
        case=ended,
        reason="moved",
        happened_on=date(2025, 9, 1),
        decided_on=date(2025, 9, 3),
        signer="A",
    )
    waiting = case_open(
        user=ward_officer,
        person=resident(ward, "Hồ Thị Chờ", date(1940, 1, 1)),
        benefit="allowance",
        group="K5",
        applied_on=date(2025, 9, 1),
        flags=["no_supporter"],
    )
    case_screen(user=ward_officer, case=waiting, screened_on=date(2025, 9, 2))
    far = resident(other_ward, "Quách Thị Nở", date(1942, 7, 7))
    granted(other_ward_officer, far, date(2025, 8, 6))


def sheet_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "STT"))
    return rows[: header + 1], rows[header + 1 :], sheet


def xlsx_url(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("case_documents:beneficiaries_xlsx") + (f"?{query}" if query else "")


def test_the_list_has_a_row_per_active_case_by_category_with_totals(
    client, ward_officer, ward, beneficiaries, django_assert_max_num_queries
):
    client.force_login(ward_officer)

    with django_assert_max_num_queries(11):  # the same for 5 rows or 5,000
        response = client.get(xlsx_url(ward=ward.pk, month="2025-10"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-doi-tuong-tro-cap-phuong-long-xuyen-2025-10.xlsx"'
    )
    head, body, _sheet = sheet_rows(response)
    assert head[0][0] == (
        "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HẰNG THÁNG, TRỢ CẤP HƯU TRÍ XÃ HỘI"
    )
    assert head[1][0] == "Phường Long Xuyên" and head[2][0] == "Tháng 10 năm 2025"
    assert head[-1][1:6] == (
        "Mã nhóm",
        "Nhóm đối tượng",
        "Họ và tên",
        "Ngày sinh",
        "Số định danh cá nhân",
    )
    assert head[-1][10] == "Mức trợ cấp 10/2025 (đồng)"
    # Code, category, name, coefficient and amount; then each category's total.
    table = [(r[1], r[2], r[3], r[9], r[10]) for r in body]
    assert table == [
        ("K4", "Người đơn thân nghèo đang nuôi con (mỗi con)", "Đặng Thị Mỹ Lệ", 2, 1_000_000),
        ("K4", "Cộng nhóm K4", "1 người", None, 1_000_000),
        (
            "K5a.1",
            "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ 60 đến dưới 80 tuổi",
            "Nguyễn Thị Ánh Tuyết",
            1.5,
            750_000,
        ),
        ("K5a.1", "Cộng nhóm K5a.1", "1 người", None, 750_000),
        (
            "K5a.2",
            "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ 80 tuổi",
            "Trần Văn Đức",
            2,
            1_000_000,
        ),
        ("K5a.2", "Cộng nhóm K5a.2", "1 người", None, 1_000_000),
        ("K8", "Đối tượng theo quy định", "Phan Văn Sáu", 1.5, 750_000),
        ("K8", "Cộng nhóm K8", "1 người", None, 750_000),
        ("HTXH", "Người từ đủ 75 tuổi trở lên", "Võ Văn Được", None, 500_000),
        ("HTXH", "Cộng nhóm HTXH", "1 người", None, 500_000),
        (None, "Tổng cộng", "5 người", None, 4_000_000),
    ]
    first = body[2]
    assert first[0] == 2  # numbered through the whole list
    assert (first[4].date(), first[5], first[6], first[7]) == (
        date(1949, 4, 15),
        "091149000123",
        "DA-007",
        "Phường Long Xuyên",
    )
    assert first[8].date() == date(2025, 8, 1)


def test_the_list_never_shows_hiv_status(client, ward_officer, beneficiaries):
    client.force_login(ward_officer)

    response = client.get(xlsx_url(month="2025-10"))

    _head, body, sheet = sheet_rows(response)
    texts = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert not [t for t in texts if "HIV" in t.upper()]
    assert ("K8", "Đối tượng theo quy định") in [(r[1], r[2]) for r in body]


def test_the_list_follows_the_users_scope(
    client, ward_officer, approver, other_ward, far_ward, beneficiaries
):
    client.force_login(ward_officer)
    own = sheet_rows(client.get(xlsx_url(month="2025-10")))[1]
    assert "Quách Thị Nở" not in [r[3] for r in own]
    assert client.get(xlsx_url(ward=other_ward.pk)).status_code == 404
    assert client.get(xlsx_url(ward=far_ward.pk)).status_code == 404
    assert client.get(xlsx_url(ward="x")).status_code == 404

    client.force_login(approver)
    response = client.get(xlsx_url(month="2025-10"))
    head, every, _sheet = sheet_rows(response)
    assert head[1][0] == "Các xã, phường"
    assert "Quách Thị Nở" in [r[3] for r in every]
    assert every[-1][2:4] == ("Tổng cộng", "6 người")
    only = sheet_rows(client.get(xlsx_url(ward=other_ward.pk, month="2025-10")))[1]
    assert [r[3] for r in only if r[0]] == ["Quách Thị Nở"]


# Parts.


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm linh năm đồng"),
        (500_000, "Năm trăm nghìn đồng"),
        (750_000, "Bảy trăm năm mươi nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (10_000_000, "Mười triệu đồng"),
        (25_000_000, "Hai mươi lăm triệu đồng"),
    ],
)
def test_amounts_are_written_in_vietnamese_words(amount, words):
    assert amount_in_words(amount) == words


def test_coefficients_keep_a_decimal_comma():
    assert [coefficient_text(Decimal(c)) for c in ("1.50", "2.00", "2.5", "10")] == [
        "1,5",
        "2,0",
        "2,5",
        "10,0",
    ]


@pytest.mark.parametrize(
    ("recorded", "authority", "title", "name"),
    [
        ("Trần Văn Bảy", "", "Chủ tịch", "Trần Văn Bảy"),
        ("Chủ tịch Trần Văn Bảy", "", "Chủ tịch", "Trần Văn Bảy"),
        ("Phó Chủ tịch Lê Văn Hùng", "KT. Chủ tịch", "Phó Chủ tịch", "Lê Văn Hùng"),
        ("PCT. Lê Văn Hùng", "KT. Chủ tịch", "Phó Chủ tịch", "Lê Văn Hùng"),
        ("", "", "Chủ tịch", ""),
    ],
)
def test_the_signature_block_follows_the_recorded_signer(recorded, authority, title, name):
    signer = decision_signer(recorded)
    assert (signer.authority, signer.title, signer.name) == (authority, title, name)
