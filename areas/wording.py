"""How a residential group is named inside a document's sentence."""

import re

from .models import Area, Kind

_GROUP_RE = re.compile(r"^(tổ dân phố|khu phố|khóm|ấp|thôn|xóm|bản|buôn|làng|tổ)\s+", re.I)
GROUP_KINDS = (Kind.STREET_GROUP, Kind.VILLAGE, Kind.KHOM, Kind.HAMLET)


def group_in_text(group: Area) -> str:
    """The group inside a sentence, its kind first: "khóm Đông An" for a khóm named either
    "Khóm Đông An" or "Đông An"; a name already starting with its title keeps it, lowered."""
    name = " ".join(group.name.split())
    if _GROUP_RE.match(name):
        return _GROUP_RE.sub(lambda m: m[0].lower(), name, count=1)
    if group.kind in GROUP_KINDS:
        return f"{str(Kind(group.kind).label).lower()} {name}"
    return name
