"""Turning a list's rows into households and persons, with each problem on its row."""

from datetime import date

from households.rules import known_province_codes
from imports.columns import auto_mapping, find_header
from imports.parsing import parse_rows
from imports.rows import Context, ParsedList

from ..factories import national_id_for
from .sheets import FIRST_LINE, census, family, person

TODAY = date(2025, 6, 5)
HEAD_ID = national_id_for(date(1980, 5, 17), "male", 11)


def parse(people: list[dict], *, create_groups: bool = False, **census_options) -> ParsedList:
    rows = census(people, **census_options)
    header = find_header(rows)
    ctx = Context(
        today=TODAY,
        group_keys=frozenset({"dong an", "dong hung"}),
        ward_keys=frozenset({"long xuyen", "my long"}),
        province_codes=known_province_codes(),
        create_groups=create_groups,
    )
    return parse_rows(rows, header, auto_mapping(rows[header]), ctx)


def problems(parsed: ParsedList) -> list[tuple[int, str, bool]]:
    """Each problem as (row, "column: message", blocking)."""
    return [(p.row, f"{p.column}: {p.message}", p.blocking) for p in parsed.problems]


def test_it_groups_persons_into_their_households():
    parsed = parse([*family("LX-001", 1), *family("lx-002", 2)])

    assert list(parsed.households) == ["LX-001", "LX-002"]
    assert [p.full_name for p in parsed.households["LX-002"].persons] == [
        "Nguyễn Văn An 2",
        "Trần Thị Bình 2",
        "Nguyễn Văn Cường 2",
    ]
    assert parsed.problems == []


def test_it_skips_blank_rows_and_the_total_line():
    parsed = parse(family("LX-001"), total=True)

    assert parsed.rows_read == 3


def test_it_reads_each_person_into_the_registers_values():
    parsed = parse(
        [
            person(
                "LX-001",
                "  đặng   công tâm ",
                "Chủ hộ",
                "1962",
                "Nam",
                national_id_for(date(1962, 1, 1), "male", 7),
                ethnicity="Khmer",
            )
        ]
    )

    tam = parsed.households["LX-001"].persons[0]
    assert (tam.full_name, tam.search_name) == ("đặng công tâm", "dang cong tam")
    assert (tam.birth_date, tam.birth_year_only) == (date(1962, 1, 1), True)
    assert (tam.relation_to_head, tam.sex, tam.ethnicity) == ("head", "male", "Khmer")
    assert tam.national_id == "089062000007"
    assert tam.row == FIRST_LINE


def test_it_takes_household_details_from_the_households_first_row():
    people = family("LX-001", group="Khóm Đông Hưng", classification="HCN")
    people[1]["Địa chỉ"] = "Một địa chỉ khác"

    household = parse(people).households["LX-001"]

    assert (household.group_key, household.group_name) == ("dong hung", "Đông Hưng")
    assert household.address == "12 Lê Lợi, khóm Đông An"
    assert household.classification == "near_poor"
    assert household.row == FIRST_LINE


def test_it_reads_a_legacy_nine_digit_id_apart_from_the_national_id():
    parsed = parse([person("LX-001", "Đặng Công Tâm", national_id="351234567")])

    tam = parsed.households["LX-001"].persons[0]
    assert (tam.national_id, tam.legacy_id) == ("", "351234567")


# Each problem, on its row, with its message


def test_it_reports_a_missing_household_code():
    people = family("LX-001")
    people[1]["Mã hộ"] = ""

    assert problems(parse(people)) == [(FIRST_LINE + 1, "Mã hộ: Thiếu mã hộ.", True)]


def test_it_reports_missing_person_values():
    people = [
        person("LX-001", "Nguyễn Văn An"),
        person("LX-001", "", "Vợ", sex="Nữ"),
        person("LX-001", "Trần Thị Bình", "", sex="Nữ"),
        person("LX-001", "Nguyễn Văn Cường", "Con", sex=""),
    ]

    assert problems(parse(people)) == [
        (FIRST_LINE + 1, "Họ và tên: Thiếu họ và tên.", True),
        (FIRST_LINE + 2, "Quan hệ với chủ hộ: Thiếu quan hệ với chủ hộ.", True),
        (FIRST_LINE + 3, "Giới tính: Thiếu giới tính.", True),
    ]


def test_it_warns_about_a_relation_it_keeps_as_other():
    people = [person("LX-001", "Nguyễn Văn An"), person("LX-001", "Lê Văn Tư", "Bạn")]

    parsed = parse(people)

    assert problems(parsed) == [
        (
            FIRST_LINE + 1,
            "Quan hệ với chủ hộ: Quan hệ “Bạn” không có trong danh mục: ghi là “Khác”.",
            False,
        )
    ]
    assert parsed.households["LX-001"].persons[1].relation_to_head == "other"


def test_it_reports_a_date_it_cannot_read():
    people = family("LX-001")
    people[2]["Ngày sinh"] = "khoảng 2012"

    assert problems(parse(people)) == [
        (
            FIRST_LINE + 2,
            "Ngày sinh: Không đọc được ngày sinh “khoảng 2012”: ghi ngày/tháng/năm (05/06/1980) "
            "hoặc năm (1980).",
            True,
        )
    ]


def test_it_reports_an_id_that_is_not_a_number():
    people = [person("LX-001", "Nguyễn Văn An", national_id="08908O001234")]

    assert problems(parse(people)) == [(FIRST_LINE, "Số CCCD: Số định danh chỉ gồm chữ số.", True)]


def test_it_reports_an_id_of_the_wrong_length():
    people = [person("LX-001", "Nguyễn Văn An", national_id="0890800012345")]

    assert problems(parse(people)) == [
        (
            FIRST_LINE,
            "Số CCCD: Số định danh phải có 12 chữ số (CMND cũ: 9 chữ số); số đã nhập có 13.",
            True,
        )
    ]


def test_it_reports_an_id_that_contradicts_the_birth_year():
    people = [person("LX-001", "Nguyễn Văn An", birth="17/05/1981", national_id=HEAD_ID)]

    assert problems(parse(people)) == [
        (
            FIRST_LINE,
            "Số CCCD: Số định danh không khớp năm sinh: chữ số thứ 4–6 cho năm 1980, "
            "năm sinh là 1981.",
            True,
        )
    ]


def test_it_reports_an_id_that_contradicts_the_sex():
    people = [person("LX-001", "Nguyễn Thị An", sex="Nữ", national_id=HEAD_ID)]

    assert problems(parse(people)) == [
        (FIRST_LINE, "Số CCCD: Số định danh không khớp giới tính: chữ số thứ 4 là của nam.", True)
    ]


def test_it_warns_about_an_id_from_an_unknown_province():
    people = [person("LX-001", "Nguyễn Văn An", national_id="999080000011")]

    assert problems(parse(people)) == [
        (
            FIRST_LINE,
            "Số CCCD: Mã tỉnh nơi đăng ký khai sinh 999 không có trong danh mục.",
            False,
        )
    ]


def test_it_puts_back_the_leading_zero_excel_dropped_and_says_so():
    people = [person("LX-001", "Nguyễn Văn An", national_id=int(HEAD_ID))]

    parsed = parse(people)

    assert parsed.households["LX-001"].persons[0].national_id == HEAD_ID
    assert problems(parsed) == [
        (FIRST_LINE, "Số CCCD: Excel đã bỏ số 0 đầu của số định danh: đã thêm lại.", False)
    ]


def test_it_reports_a_person_listed_in_two_households():
    people = [
        person("LX-001", "Nguyễn Văn An", national_id=HEAD_ID),
        person("LX-002", "Lê Văn Tư"),
        person("LX-002", "Nguyễn Văn An", "Anh", national_id=HEAD_ID),
    ]

    assert problems(parse(people)) == [
        (
            FIRST_LINE + 2,
            f"Số CCCD: Số định danh {HEAD_ID} đã ghi ở dòng {FIRST_LINE} (hộ LX-001): "
            "một người chỉ thuộc một hộ.",
            True,
        )
    ]


def test_it_warns_about_the_same_name_and_birth_date_in_two_households():
    people = [
        person("LX-001", "Nguyễn Văn An"),
        person("LX-002", "Lê Văn Tư"),
        person("LX-002", "NGUYỄN VĂN AN", "Anh"),
    ]

    assert problems(parse(people)) == [
        (
            FIRST_LINE + 2,
            f"Họ và tên: NGUYỄN VĂN AN, sinh 17/05/1980, cũng có ở hộ LX-001 (dòng {FIRST_LINE})"
            ": kiểm tra xem có phải một người ghi ở hai hộ.",
            False,
        )
    ]


def test_it_reports_a_household_with_no_head():
    people = family("LX-001")
    people[0]["Quan hệ với chủ hộ"] = "Anh"

    assert problems(parse(people)) == [
        (FIRST_LINE, "Quan hệ với chủ hộ: Hộ LX-001 không có chủ hộ.", True)
    ]


def test_it_reports_a_household_with_two_heads():
    people = family("LX-001")
    people[1]["Quan hệ với chủ hộ"] = "Chủ hộ"

    assert problems(parse(people)) == [
        (
            FIRST_LINE + 1,
            "Quan hệ với chủ hộ: Hộ LX-001 có hơn một chủ hộ "
            f"(chủ hộ đầu tiên ở dòng {FIRST_LINE}).",
            True,
        )
    ]


def test_it_does_not_call_a_household_headless_when_its_heads_row_was_refused():
    people = family("LX-001")
    people[0]["Ngày sinh"] = "??"

    assert [row for row, _message, _blocking in problems(parse(people))] == [FIRST_LINE]


def test_it_reports_an_unknown_residential_group():
    parsed = parse(family("LX-001", group="Khóm Mỹ Thới"))

    assert problems(parsed) == [
        (
            FIRST_LINE,
            "Tổ dân phố/Khóm/Thôn: Chưa có tổ dân phố, khóm “Khóm Mỹ Thới” trong xã, phường: "
            "đánh dấu “Tạo các tổ dân phố, khóm chưa có” rồi xem trước lại, hoặc sửa tên cho đúng.",
            True,
        )
    ]


def test_it_only_warns_about_an_unknown_group_it_may_create():
    parsed = parse(family("LX-001", group="Khóm Mỹ Thới"), create_groups=True)

    assert problems(parsed) == [
        (
            FIRST_LINE,
            "Tổ dân phố/Khóm/Thôn: Sẽ tạo tổ dân phố, khóm mới “Khóm Mỹ Thới”.",
            False,
        )
    ]


def test_it_reports_a_household_written_in_two_groups():
    people = family("LX-001")
    people[2]["Khóm"] = "Khóm Đông Hưng"

    assert problems(parse(people)) == [
        (FIRST_LINE + 2, "Tổ dân phố/Khóm/Thôn: Hộ LX-001 được ghi ở hai tổ khác nhau.", True)
    ]


def with_ward_column(people: list[dict], ward: str) -> list[dict]:
    return [p | {"Xã/Phường": ward} for p in people]


def test_it_accepts_rows_of_the_ward_under_its_pre_2025_name():
    people = with_ward_column(family("LX-001"), "P. Mỹ Long")

    parsed = parse(people, header=[*census([])[4], "Xã/Phường"])

    assert parsed.problems == []
    assert len(parsed.households["LX-001"].persons) == 3


def test_it_reports_rows_of_another_ward():
    people = with_ward_column(family("LX-001"), "Phường Bình Đức")

    parsed = parse(people, header=[*census([])[4], "Xã/Phường"])

    assert problems(parsed)[0] == (
        FIRST_LINE,
        "Xã/Phường: Dòng này thuộc “Phường Bình Đức”, không phải xã, phường đang nhập.",
        True,
    )


def test_it_lists_problems_by_row_errors_before_warnings():
    people = family("LX-001")
    people[0]["Số CCCD"] = int(people[0]["Số CCCD"])  # a warning
    people[0]["Giới tính"] = "?"  # an error on the same row
    people[2]["Ngày sinh"] = "??"

    rows = [(row, blocking) for row, _message, blocking in problems(parse(people))]

    assert rows == [(FIRST_LINE, True), (FIRST_LINE, False), (FIRST_LINE + 2, True)]


def test_it_refuses_text_longer_than_the_register_holds():
    people = family("LX-001")
    people[0]["Địa chỉ"] = "Tổ 2 " * 60  # 300 characters for a 255-character column
    people[1]["Họ và tên"] = "Nguyễn " * 20

    found = problems(parse(people))

    assert found == [
        (
            FIRST_LINE,
            "Địa chỉ: Dài 299 ký tự, quá 255 ký tự mà sổ lưu được: hãy viết gọn lại.",
            True,
        ),
        (
            FIRST_LINE + 1,
            "Họ và tên: Dài 139 ký tự, quá 120 ký tự mà sổ lưu được: hãy viết gọn lại.",
            True,
        ),
    ]


def test_it_reads_a_birth_date_typed_in_full_width_digits():
    people = family("LX-001")
    people[2]["Ngày sinh"] = "０５/０６/２０１２"

    parsed = parse(people)

    assert parsed.problems == []
    assert parsed.households["LX-001"].persons[2].birth_date == date(2012, 6, 5)
