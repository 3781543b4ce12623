"""A case's decisions: the ward chair's decision (ND 30/2020 Mẫu 1.2) to grant, adjust or end
an allowance or social pension, as PDF."""

import subprocess
from datetime import date
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from beneficiaries.models import EventKind
from beneficiaries.services import case_adjust, case_terminate

from .documents import decision_of, granted, resident


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
    response = client.get(reverse("beneficiaries:decision_pdf", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


def test_the_grant_decision_is_the_ward_chairs_nd30_decision(
    client, ward_officer, elder, tmp_path, django_assert_max_num_queries
):
    case = granted(ward_officer, elder, date(2025, 8, 5))
    client.force_login(ward_officer)

    with django_assert_max_num_queries(16):
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
        "Trưởng khóm Đông An và bà có tên tại Điều 1 chịu trách nhiệm thi hành",
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
    assert client.get(reverse("beneficiaries:decision_pdf", args=[grant.pk])).status_code == 404
    client.force_login(ward_officer)
    response = client.get(reverse("beneficiaries:decision_pdf", args=[intake.pk]))
    assert response.status_code == 404  # an intake is no decision
    client.force_login(approver)
    assert client.get(reverse("beneficiaries:decision_pdf", args=[grant.pk])).status_code == 200
    client.logout()
    response = client.get(reverse("beneficiaries:decision_pdf", args=[grant.pk]))
    assert response.status_code == 302


def test_article_3_names_the_groups_kind_when_its_name_lacks_it(
    client, ward_officer, elder, group, tmp_path
):
    group.name = "Đông An"
    group.save()
    case = granted(ward_officer, elder, date(2025, 8, 5))
    client.force_login(ward_officer)

    text = pdf_text(decision_pdf(client, decision_of(case)).content, tmp_path)

    assert "Trưởng khóm Đông An và bà có tên tại Điều 1" in text
