"""A residential group inside a document's sentence: "Trưởng khóm Đông An"."""

import pytest

from areas.models import Area, Kind, Level
from areas.wording import group_in_text


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Đông An", Kind.KHOM, "khóm Đông An"),
        ("Khóm  Đông An", Kind.KHOM, "khóm Đông An"),
        ("Bình Hòa", Kind.HAMLET, "ấp Bình Hòa"),
        ("5", Kind.STREET_GROUP, "tổ dân phố 5"),
        ("Tổ dân phố 5", Kind.STREET_GROUP, "tổ dân phố 5"),
        ("Phú Lộc", Kind.VILLAGE, "thôn Phú Lộc"),
        ("Xóm Chùa", Kind.VILLAGE, "xóm Chùa"),
        ("Khu Bắc", Kind.OTHER, "Khu Bắc"),
    ],
)
def test_the_group_is_named_with_its_kind_once(name, kind, expected):
    group = Area(name=name, kind=kind, level=Level.RESIDENTIAL_GROUP)

    assert group_in_text(group) == expected
