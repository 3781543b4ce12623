"""The wording of the documents: amounts in words, coefficients and the signature block."""

from decimal import Decimal

import pytest

from beneficiaries.decisions import decision_signer
from beneficiaries.wording import amount_in_words, coefficient_text


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
