"""The wording of the documents: the signature block (amounts in words and coefficients are
tests/vn's)."""

import pytest

from ui.documents import chair_signer


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
    signer = chair_signer(recorded)
    assert (signer.authority, signer.title, signer.name) == (authority, title, name)
