"""Finding the header row and what each column holds, however the office titled it."""

import pytest

from imports.columns import IGNORED, auto_mapping, field_for, find_header, missing_required
from imports.forms import MappingForm

from .sheets import HEADER, TITLES, census, person


def test_it_finds_the_header_below_the_title_rows():
    rows = census([person("LX-001", "Đặng Công Tâm")])

    assert find_header(rows) == len(TITLES)


def test_it_finds_the_header_on_the_first_row():
    assert find_header([HEADER, ["1", "LX-001"]]) == 0


def test_it_does_not_take_a_title_naming_one_field_for_the_header():
    rows = [["Danh sách hộ", "Họ và tên"], [], ["Mã hộ", "Họ và tên", "Giới tính"]]

    assert find_header(rows) == 2


def test_it_finds_no_header_without_a_name_column():
    rows = [["Mã hộ", "Địa chỉ", "Giới tính"], ["LX-001", "12 Lê Lợi", "Nam"]]

    assert find_header(rows) is None


def test_it_looks_for_the_header_in_the_top_thirty_rows_only():
    rows = [[f"Dòng {n}"] for n in range(30)] + [HEADER]

    assert find_header(rows) is None


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Mã hộ", "household_code"),
        ("MÃ HỘ GIA ĐÌNH", "household_code"),
        ("Household code", "household_code"),
        ("Khóm", "residential_group"),
        ("Tổ dân phố", "residential_group"),
        ("Thôn, tổ dân phố", "residential_group"),
        ("Ấp", "residential_group"),
        ("Tổ dân phố/Khóm/Thôn", "residential_group"),
        ("Họ và tên", "full_name"),
        ("Ho va ten", "full_name"),
        ("HỌ TÊN THÀNH VIÊN", "full_name"),
        ("Họ và tên *", "full_name"),
        ("Họ  và   tên:", "full_name"),
        ("Full name", "full_name"),
        ("Quan hệ với chủ hộ", "relation_to_head"),
        ("QH với chủ hộ", "relation_to_head"),
        ("Ngày, tháng, năm sinh", "birth"),
        ("Năm sinh", "birth"),
        ("Date of birth", "birth"),
        ("Giới tính", "sex"),
        ("Nam/Nữ", "sex"),
        ("Số CMND/CCCD", "national_id"),
        ("Số định danh cá nhân", "national_id"),
        ("CCCD", "national_id"),
        ("Dân tộc", "ethnicity"),
        ("Phân loại hộ", "classification"),
        ("Xếp loại hộ", "classification"),
        ("Mức độ khuyết tật", "disability_level"),
        ("Xã, phường", "ward"),
        ("Điện thoại", "phone"),
        ("SĐT", "phone"),
        ("Địa chỉ thường trú", "address"),
        ("Ghi chú", "notes"),
        ("STT", IGNORED),
        ("Số TT", IGNORED),
        ("Vấn đề cần sửa", IGNORED),
    ],
)
def test_it_recognises_each_way_of_titling_a_column(header, field):
    assert field_for(header) == field


@pytest.mark.parametrize("header", ["", "   ", "Thu nhập bình quân", "Cột 7"])
def test_it_leaves_unknown_headers_unmapped(header):
    assert field_for(header) is None


def test_it_maps_every_column_of_the_usual_list():
    mapping = auto_mapping(HEADER)

    assert mapping == {
        0: IGNORED,
        1: "household_code",
        2: "residential_group",
        3: "address",
        4: "full_name",
        5: "relation_to_head",
        6: "birth",
        7: "sex",
        8: "national_id",
        9: "ethnicity",
        10: "classification",
        11: "notes",
    }
    assert missing_required(mapping) == []


def test_the_first_of_two_columns_for_one_field_wins():
    mapping = auto_mapping(["Họ và tên", "Số CCCD", "Số CMND", "Mã hộ"])

    assert mapping == {0: "full_name", 1: "national_id", 3: "household_code"}


def test_it_names_the_required_fields_no_column_holds():
    mapping = auto_mapping(["Họ và tên", "Ngày sinh"])

    assert missing_required(mapping) == ["household_code", "relation_to_head", "sex"]


def mapping_form(data: dict, headers=("Mã hộ", "Tên", "Quan hệ", "Phái", "")) -> MappingForm:
    return MappingForm(data, headers=list(headers), mapping=auto_mapping(list(headers)))


def test_the_mapping_form_offers_one_choice_per_titled_column():
    form = mapping_form({})

    assert [name for _i, name in form.columns] == ["col_0", "col_1", "col_2", "col_3"]
    assert form.fields["col_0"].initial == "household_code"
    assert form.fields["col_2"].initial == "relation_to_head"
    assert form.fields["col_1"].initial == ""


def test_the_mapping_form_takes_the_columns_the_officer_chose():
    form = mapping_form(
        {
            "col_0": "household_code",
            "col_1": "full_name",
            "col_2": "relation_to_head",
            "col_3": "sex",
        }
    )

    assert form.is_valid(), form.errors
    assert form.mapping == {0: "household_code", 1: "full_name", 2: "relation_to_head", 3: "sex"}


def test_the_mapping_form_refuses_one_field_for_two_columns():
    form = mapping_form({"col_0": "household_code", "col_1": "full_name", "col_3": "full_name"})

    assert not form.is_valid()
    assert "Họ và tên bị chọn hai lần" in str(form.non_field_errors())


def test_the_mapping_form_refuses_a_field_that_does_not_exist():
    form = mapping_form({"col_0": "household_code", "col_1": "is_superuser"})

    assert not form.is_valid()
    assert "col_1" in form.errors
