"""Which column of a list holds what: header names in Vietnamese, English and variants."""

from django.utils.translation import gettext_lazy as _

from vn import legacy
from vn.names import search_key

# Field → its label in the template and error file.
FIELDS = {
    "household_code": _("Mã hộ"),
    "residential_group": _("Tổ dân phố/Khóm/Thôn"),
    "address": _("Địa chỉ"),
    "phone": _("Điện thoại"),
    "full_name": _("Họ và tên"),
    "relation_to_head": _("Quan hệ với chủ hộ"),
    "birth": _("Ngày sinh"),
    "sex": _("Giới tính"),
    "national_id": _("Số CCCD"),
    "ethnicity": _("Dân tộc"),
    "classification": _("Phân loại hộ"),
    "disability_level": _("Mức độ khuyết tật"),
    "ward": _("Xã/Phường"),
    "notes": _("Ghi chú"),
}
REQUIRED = ("household_code", "full_name", "relation_to_head", "sex")
IGNORED = "ignore"

# Header spellings, compared without diacritics, case or extra spaces.
ALIASES = {
    "household_code": [
        "ma ho",
        "ma so ho",
        "ma ho gia dinh",
        "so ho",
        "household code",
        "household id",
        "household",
    ],
    "residential_group": [
        "to dan pho",
        "khom",
        "thon",
        "ap",
        "to",
        "khu pho",
        "to/khom",
        "thon/to",
        "khom/ap",
        "to dan pho/khom/thon",
        "thon, to dan pho",
        "residential group",
        "village",
        "hamlet",
    ],
    "address": ["dia chi", "noi o", "dia chi thuong tru", "noi o hien nay", "address"],
    "phone": ["dien thoai", "so dien thoai", "sdt", "dt", "phone", "phone number"],
    "full_name": [
        "ho va ten",
        "ho ten",
        "ho ten thanh vien",
        "ho va ten thanh vien",
        "ten thanh vien",
        "ho va ten nhan khau",
        "full name",
        "name",
    ],
    "relation_to_head": [
        "quan he voi chu ho",
        "quan he",
        "qh voi chu ho",
        "quan he chu ho",
        "relation",
        "relation to head",
        "relationship",
    ],
    "birth": [
        "ngay sinh",
        "nam sinh",
        "ngay thang nam sinh",
        "ngay, thang, nam sinh",
        "ngay/thang/nam sinh",
        "date of birth",
        "birth date",
        "birth year",
        "dob",
    ],
    "sex": ["gioi tinh", "gioi", "nam/nu", "sex", "gender"],
    "national_id": [
        "so cccd",
        "cccd",
        "so dinh danh",
        "so dinh danh ca nhan",
        "so cmnd/cccd",
        "so cccd/cmnd",
        "cmnd/cccd",
        "cccd/cmnd",
        "so cmnd",
        "cmnd",
        "ma dinh danh",
        "national id",
        "id number",
        "citizen id",
    ],
    "ethnicity": ["dan toc", "ethnicity", "ethnic group"],
    "classification": [
        "phan loai ho",
        "phan loai",
        "loai ho",
        "xep loai ho",
        "classification",
        "household classification",
    ],
    "disability_level": ["muc do khuyet tat", "khuyet tat", "disability", "disability level"],
    "ward": [
        "xa/phuong",
        "xa, phuong",
        "phuong/xa",
        "phuong",
        "xa",
        "don vi",
        "xa, phuong, thi tran",
        "ward",
        "commune",
    ],
    "notes": ["ghi chu", "notes", "note", "remarks"],
    IGNORED: [
        "stt",
        "tt",
        "so tt",
        "so thu tu",
        "no",
        "no.",
        "#",
        "van de",
        "loi",
        "loi / canh bao",
        "van de can sua",
    ],
}
_LOOKUP = {alias: field for field, aliases in ALIASES.items() for alias in aliases}
HEADER_SCAN_ROWS = 30


def field_for(header) -> str | None:
    """Return the field a header names, IGNORED for known extra columns, or None.

    A header typed in TCVN3 or VNI ("Hä vµ tªn") names its field as its Unicode text does.
    """
    found = _field_for(str(header))
    if found is None and legacy.may_be_legacy(str(header)):
        for encoding in (legacy.TCVN3, legacy.VNI):
            found = found or _field_for(legacy.decode(str(header), encoding))
    return found


def _field_for(header: str) -> str | None:
    key = search_key(header).strip(" :.*")
    if not key:
        return None
    return _LOOKUP.get(key) or _LOOKUP.get(key.replace(" ", ""))


def find_header(rows: list[list]) -> int | None:
    """Return the index of the header row: the first of the top rows naming most fields."""
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = {field_for(c) for c in row if isinstance(c, str) and c} - {None, IGNORED}
        if len(fields) > best_score and "full_name" in fields:
            best, best_score = i, len(fields)
    return best


def auto_mapping(header: list) -> dict[int, str]:
    """Map column indexes to fields from the header; the first column wins a duplicate."""
    mapping: dict[int, str] = {}
    for i, cell in enumerate(header):
        field = field_for(cell)
        if field and (field == IGNORED or field not in mapping.values()):
            mapping[i] = field
    return mapping


def missing_required(mapping: dict[int, str]) -> list[str]:
    return [f for f in REQUIRED if f not in mapping.values()]
