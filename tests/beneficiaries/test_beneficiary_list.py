"""The list of beneficiaries by category as .xlsx."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from beneficiaries.services import case_open, case_screen, case_terminate

from .documents import granted, resident


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
    return reverse("beneficiaries:list_xlsx") + (f"?{query}" if query else "")


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
