"""Names stored as typed in NFC, found without their diacritics."""

import unicodedata
from types import SimpleNamespace

from vn.names import clean_name, search_key, user_display_name


def test_a_name_is_stored_in_nfc_with_single_spaces():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Văn   Ánh ")
    assert clean_name(decomposed) == unicodedata.normalize("NFC", "Nguyễn Văn Ánh")
    assert clean_name(None) == ""


def test_the_search_key_drops_diacritics_and_maps_d():
    assert search_key("Đặng Thị  Ngọc Ánh") == "dang thi ngoc anh"
    assert search_key(unicodedata.normalize("NFD", "Nguyễn Văn A")) == "nguyen van a"
    assert search_key("Phường Đông Hoà") == search_key("phuong dong hoa")
    assert search_key(None) == ""


def test_a_user_is_named_family_name_first_or_by_username():
    def user(last, first):
        return SimpleNamespace(last_name=last, first_name=first, get_username=lambda: "thu")

    assert user_display_name(user("Trần Thị", "Thu")) == "Trần Thị Thu"
    assert user_display_name(user("", "Thu")) == "Thu"
    assert user_display_name(user("", "")) == "thu"
