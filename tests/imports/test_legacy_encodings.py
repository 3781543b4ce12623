"""Lists typed in TCVN3 (ABC) or VNI: detected per column, converted, each cell a warning."""

import unicodedata

import pytest

from households.models import Person
from households.rules import known_province_codes
from imports.columns import auto_mapping, find_header
from imports.parsing import parse_rows
from imports.reading import read_upload
from imports.rows import Context
from vn import legacy

from .jobs import commit, preview, upload
from .sheets import FIRST_LINE, HEADER, HEADER_LINE, census, csv, csv_text, family, person, xlsx
from .test_parsing import TODAY

ENCODINGS = (legacy.TCVN3, legacy.VNI)
LETTERS = "aăâeêioôơuưy"
MODIFIERS = {"a": "", "ă": "\u0306", "â": "\u0302", "ê": "\u0302", "ô": "\u0302", "ơ": "\u031b"}
MODIFIERS |= {"ư": "\u031b", "e": "", "i": "", "o": "", "u": "", "y": ""}


def every_letter_with_every_tone() -> list[str]:
    """The 12 vowels × 6 tones and đ, built from their parts as Unicode composes them."""
    letters = []
    for letter in LETTERS:
        base = "u" if letter == "ư" else "o" if letter in "ôơ" else "e" if letter == "ê" else None
        base = base or ("a" if letter in "aăâ" else letter)
        for tone in ("", *legacy.TONES):
            letters.append(unicodedata.normalize("NFC", base + MODIFIERS[letter] + tone))
    return [*letters, "đ"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_letter_with_every_tone_goes_there_and_back(encoding):
    letters = every_letter_with_every_tone()
    assert len(set(letters)) == 12 * 6 + 1

    for letter in letters:
        encoded = legacy.encode(letter, encoding)
        assert all(ord(c) < 256 for c in encoded), letter
        assert legacy.decode(encoded, encoding) == letter
        # Capitals: VNI has its own; TCVN3 draws them with the capitals font, in a word
        # whose other letters are capitals.
        word = f"NG{letter.upper()}N"
        assert legacy.decode(legacy.encode(word, encoding), encoding) == word


def test_the_tables_give_the_characters_the_legacy_fonts_are_known_for():
    assert legacy.decode("NguyÔn V¨n Hïng", legacy.TCVN3) == "Nguyễn Văn Hùng"
    assert (
        legacy.decode("Xin chµo tÊt c¶ mäi ng\xadêi", legacy.TCVN3) == "Xin chào tất cả mọi người"
    )
    assert legacy.decode("Tieáng Vieät raát hay", legacy.VNI) == "Tiếng Việt rất hay"
    assert legacy.decode("Xin chaøo caùc baïn", legacy.VNI) == "Xin chào các bạn"


# A list as it arrives: the legacy bytes as the Windows-1252 characters they stand for

PEOPLE = [
    person("LX-001", "Nguyễn Văn Hùng", "Chủ hộ", address="12 Trần Hưng Đạo, khóm Đông An"),
    person("LX-001", "Trần Thị Bích Ngọc", "Vợ", sex="Nữ"),
    person("LX-001", "Nguyễn Thị Hồng", "Con gái", "2012", "Nữ"),
    person("LX-002", "Lê Văn Tư", "Chủ hộ", ethnicity="Khơ-me", group="Khóm Đông An"),
]
TEXT_COLUMNS = (
    "Họ và tên",
    "Quan hệ với chủ hộ",
    "Giới tính",
    "Địa chỉ",
    "Dân tộc",
    "Khóm",
    "Phân loại hộ",
)


def in_legacy(people: list[dict], encoding: str) -> list[list]:
    """The list's rows as typed in the legacy encoding: its titles, header, text columns and
    total line; codes, IDs and dates as they are."""
    rows = census(people)
    text = {HEADER.index(h) for h in TEXT_COLUMNS}
    first, last = FIRST_LINE - 1, FIRST_LINE - 1 + len(people)
    return [
        [
            legacy.encode(c, encoding)
            if isinstance(c, str) and (not first <= i < last or j in text)
            else c
            for j, c in enumerate(row)
        ]
        for i, row in enumerate(rows)
    ]


def parse_sheet(rows: list[list]):
    header = find_header(rows)
    assert header == HEADER_LINE - 1
    ctx = Context(
        today=TODAY,
        group_keys=frozenset({"dong an"}),
        ward_keys=frozenset({"long xuyen"}),
        province_codes=known_province_codes(),
    )
    return parse_rows(rows, header, auto_mapping(rows[header]), ctx)


def names(parsed) -> list[str]:
    return [p.full_name for h in parsed.households.values() for p in h.persons]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_an_xlsx_typed_in_a_legacy_encoding_is_read_as_unicode(encoding):
    rows = read_upload(xlsx(in_legacy(PEOPLE, encoding)), "ds.xlsx").rows
    assert rows[FIRST_LINE - 1][HEADER.index("Họ và tên")] == legacy.encode(
        "Nguyễn Văn Hùng", encoding
    )

    parsed = parse_sheet(rows)

    assert names(parsed) == [
        "Nguyễn Văn Hùng",
        "Trần Thị Bích Ngọc",
        "Nguyễn Thị Hồng",
        "Lê Văn Tư",
    ]
    first = parsed.households["LX-001"]
    assert first.address == "12 Trần Hưng Đạo, khóm Đông An"
    assert [p.relation_to_head for p in first.persons] == ["head", "spouse", "child"]
    assert [p.sex for p in first.persons] == ["male", "female", "female"]
    assert parsed.households["LX-002"].persons[0].ethnicity == "Khơ-me"
    assert not any(p.blocking for p in parsed.problems)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_each_converted_cell_is_a_warning_with_its_text_before_and_after(encoding):
    rows = in_legacy(PEOPLE, encoding)

    parsed = parse_sheet(rows)

    before = legacy.encode("Nguyễn Văn Hùng", encoding)
    assert (
        FIRST_LINE,
        "Họ và tên",
        f"Chữ gõ bằng bảng mã {encoding}, đã chuyển sang Unicode: “{before}” → “Nguyễn Văn Hùng”.",
    ) in [(p.row, p.column, p.message) for p in parsed.problems]
    summary = [p for p in parsed.problems if p.row == HEADER_LINE and p.column == "Họ và tên"]
    assert len(summary) == 1 and not summary[0].blocking
    assert summary[0].message.startswith(
        f"Cột này gõ bằng bảng mã {encoding} (phông {legacy.FONTS[encoding]})"
    )
    assert f"“{before}” → “Nguyễn Văn Hùng”" in summary[0].message


def test_a_list_in_unicode_gives_no_warning_and_is_left_as_it_is():
    people = [*PEOPLE, person("LX-003", "Lê Hà", "Chủ hộ"), person("LX-003", "Hoàng", "Con")]

    parsed = parse_sheet(census(people))

    assert parsed.problems == []
    assert names(parsed)[-2:] == ["Lê Hà", "Hoàng"]


def test_codes_and_ids_are_never_converted():
    people = [{**p, "Mã hộ": legacy.encode("ĐA-001", legacy.TCVN3)} for p in family("LX-001")]
    rows = in_legacy(people, legacy.TCVN3)

    parsed = parse_sheet(rows)

    assert list(parsed.households) == ["§A-001"]
    ids = [p["Số CCCD"] for p in people]
    assert [p.national_id for p in parsed.households["§A-001"].persons] == ids
    assert not {"Mã hộ", "Số CCCD"} & {p.column for p in parsed.problems}


def test_cells_already_in_unicode_are_kept_in_a_column_mostly_in_tcvn3():
    people = [*PEOPLE[:3]]
    rows = in_legacy(people, legacy.TCVN3)
    unicode_row = census([person("LX-009", "Phạm Thị Lành", "Chủ hộ", sex="Nữ")])[FIRST_LINE - 1]
    rows.insert(FIRST_LINE + 2, unicode_row)

    parsed = parse_sheet(rows)

    assert names(parsed) == [
        "Nguyễn Văn Hùng",
        "Trần Thị Bích Ngọc",
        "Nguyễn Thị Hồng",
        "Phạm Thị Lành",
    ]
    assert not [p for p in parsed.problems if p.row == FIRST_LINE + 3 and p.column == "Họ và tên"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_csv_saved_in_the_legacy_bytes_is_read_and_converted(encoding):
    data = csv_text(in_legacy(PEOPLE, encoding)).encode("cp1252")

    parsed = parse_sheet(read_upload(data, "ds.csv").rows)

    assert names(parsed) == [
        "Nguyễn Văn Hùng",
        "Trần Thị Bích Ngọc",
        "Nguyễn Thị Hồng",
        "Lê Văn Tư",
    ]


def test_a_csv_in_windows_1258_is_still_read_as_windows_1258():
    parsed = parse_sheet(read_upload(csv(census(PEOPLE), encoding="cp1258"), "ds.csv").rows)

    assert names(parsed) == [
        "Nguyễn Văn Hùng",
        "Trần Thị Bích Ngọc",
        "Nguyễn Thị Hồng",
        "Lê Văn Tư",
    ]
    assert parsed.problems == []


def test_a_tcvn3_list_is_previewed_with_its_conversions_and_committed_in_unicode(
    ward_officer, ward, dong_an
):
    job = preview(upload(ward_officer, ward, xlsx(in_legacy(PEOPLE, legacy.TCVN3))), ward_officer)

    assert job.blocking_count == 0, job.problems
    assert job.problems[0]["message"].startswith("Cột này gõ bằng bảng mã TCVN3")
    commit(job, ward_officer)
    assert sorted(Person.objects.values_list("full_name", flat=True)) == sorted(
        p["Họ và tên"] for p in PEOPLE
    )
