"""Reading the values people type into lists: sex, relation, classification, dates, IDs."""

from datetime import date, datetime

import pytest

from households.models import Classification, DisabilityLevel, Relation, Sex
from imports import values

TODAY = date(2025, 6, 5)


@pytest.mark.parametrize(
    ("typed", "sex"),
    [("Nam", "male"), ("NỮ", "female"), ("nu", "female"), (" Nữ ", "female"), ("F", "female")],
)
def test_it_reads_sex(typed, sex):
    assert values.sex(typed) == sex


@pytest.mark.parametrize("typed", ["", "x", "Nam/Nữ"])
def test_it_refuses_a_sex_it_cannot_read(typed):
    with pytest.raises(ValueError, match="Giới tính .* không rõ: ghi Nam hoặc Nữ"):
        values.sex(typed)


@pytest.mark.parametrize(
    ("typed", "relation"),
    [
        ("Chủ hộ", "head"),
        ("CH", "head"),
        ("Vợ", "spouse"),
        ("chồng", "spouse"),
        ("Con gái", "child"),
        ("Con dâu", "child_in_law"),
        ("Mẹ", "parent"),
        ("Tía", "parent"),
        ("Cháu nội", "grandchild"),
        ("Em trai", "sibling"),
        ("Người ở cùng", "other"),
    ],
)
def test_it_reads_relations(typed, relation):
    assert values.relation(typed) == (relation, True)


def test_it_tells_the_southern_father_from_the_grandmother():
    # In the South "ba" is the father; "bà" is a grandmother everywhere.
    assert values.relation("Ba") == ("parent", True)
    assert values.relation("Bà") == ("grandparent", True)


def test_it_keeps_an_unknown_relation_as_other_and_says_so():
    assert values.relation("Cha nuôi của vợ") == ("other", False)


@pytest.mark.parametrize(("value", "label"), Relation.choices)
def test_it_reads_every_relation_the_template_offers(value, label):
    assert values.relation(str(label)) == (value, True)


@pytest.mark.parametrize(("value", "label"), Sex.choices)
def test_it_reads_every_sex_the_template_offers(value, label):
    assert values.sex(str(label)) == value


@pytest.mark.parametrize(("value", "label"), Classification.choices)
def test_it_reads_every_classification_the_template_offers(value, label):
    assert values.classification(str(label)) == value


@pytest.mark.parametrize(("value", "label"), DisabilityLevel.choices)
def test_it_reads_every_disability_level_the_template_offers(value, label):
    assert values.disability(str(label)) == value


@pytest.mark.parametrize(
    ("typed", "classification"),
    [("HCN", "near_poor"), ("hộ nghèo", "poor"), ("MSTB", "middle_income")],
)
def test_it_reads_classification_abbreviations(typed, classification):
    assert values.classification(typed) == classification


def test_it_refuses_a_classification_it_does_not_know():
    with pytest.raises(ValueError, match="Phân loại hộ “Khá giả” không rõ"):
        values.classification("Khá giả")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (date(1980, 5, 17), (date(1980, 5, 17), False)),
        (datetime(1980, 5, 17, 10, 30), (date(1980, 5, 17), False)),
        ("17/05/1980", (date(1980, 5, 17), False)),
        ("7/5/1980", (date(1980, 5, 7), False)),
        ("17-05-1980", (date(1980, 5, 17), False)),
        ("17.05.1980", (date(1980, 5, 17), False)),
        ("1980-05-17", (date(1980, 5, 17), False)),
        ("1980", (date(1980, 1, 1), True)),
        (1980, (date(1980, 1, 1), True)),
        (1980.0, (date(1980, 1, 1), True)),
        (29358, (date(1980, 5, 17), False)),  # an Excel serial date in a number cell
        ("", (None, False)),
    ],
)
def test_it_reads_birth_dates_as_lists_write_them(cell, expected):
    assert values.birth(cell, today=TODAY) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("khoảng 1980", "Không đọc được ngày sinh “khoảng 1980”"),
        ("05/1980", "Không đọc được ngày sinh “05/1980”"),
        ("31/02/1980", "Ngày sinh 31/02/1980 không có thật"),
        ("06/06/2025", "Ngày sinh 06/06/2025 ở tương lai"),
        ("1899", "Năm sinh 1899 trước 1900"),
        (99_999_999, "Không đọc được ngày sinh"),
    ],
)
def test_it_refuses_a_birth_date_it_cannot_read(cell, message):
    with pytest.raises(ValueError, match=message):
        values.birth(cell, today=TODAY)


def test_it_puts_back_the_leading_zero_excel_drops_from_an_id():
    assert values.national_id_text(89080012345.0) == ("089080012345", True)
    assert values.national_id_text("089 080.012-345") == ("089080012345", False)


@pytest.mark.parametrize("typed", ["Khóm Đông An", "đông an", "KHÓM ĐÔNG AN", "Đông  An"])
def test_it_matches_residential_groups_with_or_without_their_title(typed):
    assert values.group_key(typed) == "dong an"


def test_it_creates_groups_under_their_name_without_the_title():
    assert values.group_display("Khóm Đông An") == "Đông An"
    assert values.group_display("Tổ dân phố 5") == "5"
    assert values.group_display("Khóm") == "Khóm"


@pytest.mark.parametrize(
    "typed", ["Phường Mỹ Long", "mỹ long", "P. Mỹ Long", "P.Mỹ Long", "Xã Mỹ Long"]
)
def test_it_matches_ward_names_with_or_without_their_title(typed):
    assert values.ward_key(typed) == "my long"


def test_text_drops_invisible_characters_no_one_can_retype():
    assert values.text("\u202eBùi\u200b Văn\u2028Nghĩa\ufeff\x0b") == "Bùi Văn Nghĩa"
