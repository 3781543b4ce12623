from datetime import date

import pytest

from households.rules import InvalidNationalId, head_count_error, parse_birth, parse_national_id


def test_it_accepts_domain_example_10():
    parsed = parse_national_id("001303012345", birth_year=2003, sex="female")
    assert (parsed.kind, parsed.value, parsed.warnings) == ("national_id", "001303012345", ())


def test_it_refuses_century_digit_inconsistent_with_birth_year():
    with pytest.raises(InvalidNationalId, match="năm sinh"):
        parse_national_id("079298004567", birth_year=1998, sex="male")


def test_it_refuses_sex_digit_inconsistent_with_sex():
    with pytest.raises(InvalidNationalId, match="giới tính"):
        parse_national_id("001303012345", birth_year=2003, sex="male")


@pytest.mark.parametrize("raw", ["00130301234", "0013030123456", "12345"])
def test_it_refuses_wrong_length(raw):
    with pytest.raises(InvalidNationalId, match="12 chữ số"):
        parse_national_id(raw)


def test_it_refuses_letters():
    with pytest.raises(InvalidNationalId, match="chữ số"):
        parse_national_id("00130301234A")


def test_it_strips_spaces_and_dots_and_accepts_legacy_cmnd():
    assert parse_national_id("001 303.012 345", birth_year=2003).value == "001303012345"
    assert parse_national_id("123 456 789").kind == "legacy_id"


def test_it_only_warns_on_unknown_province_code():
    parsed = parse_national_id("999303012345", birth_year=2003, province_codes=frozenset({"001"}))
    assert parsed.kind == "national_id" and parsed.warnings


def test_it_reads_birth_as_date_or_bare_year():
    assert parse_birth("05/06/2025") == (date(2025, 6, 5), False)
    assert parse_birth("05-06-2025") == (date(2025, 6, 5), False)
    assert parse_birth("1948") == (date(1948, 1, 1), True)
    with pytest.raises(ValueError):
        parse_birth("31/02/2020")


def test_it_requires_exactly_one_head():
    assert head_count_error(["head", "spouse"]) is None
    assert head_count_error(["spouse", "child"])
    assert head_count_error(["head", "head"])
