"""The census list of bench/import_census.py: a ward's poor and near-poor households as
wards send them in .xlsx, with title rows, a header row and one row per person.
"""

import io
import random
from datetime import date

from people import ETHNICITY, NameMaker, legacy_id, national_id, weighted

PROVINCE = "91"  # An Giang
WARD_CODE = "30307"  # Phường Long Xuyên
ID_PREFIX = "089"  # An Giang's birth-registration code
YEAR = 2025  # the classification year of the list
DECISION = ("12/QĐ-UBND", date(2025, 1, 20))
LAST_BIRTH_YEAR = 2025
CHILD_AGE = 14  # no ID card below this age

# Khóm of the ward: (name, code abbreviation as lists write it).
GROUPS = (
    ("Đông An", "ĐA"),
    ("Đông Hưng", "ĐH"),
    ("Đông Thịnh", "ĐT"),
    ("Đông Phú", "ĐP"),
    ("Bình Khánh", "BK"),
    ("Bình Đức", "BĐ"),
    ("Mỹ Thới", "MT"),
    ("Mỹ Long", "ML"),
    ("Tây Khánh", "TK"),
    ("Đông Thạnh", "ĐTH"),
    ("Mỹ Phước", "MP"),
    ("Mỹ Xuyên", "MX"),
)
STREETS = ("Trần Hưng Đạo", "Hà Hoàng Hổ", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thái Tổ",
           "Tôn Đức Thắng", "Hùng Vương", "Trần Quang Khải", "Lê Lợi", "Ung Văn Khiêm")  # fmt: skip
SIZES = {1: 10, 2: 18, 3: 26, 4: 22, 5: 12, 6: 7, 7: 3, 8: 2}  # persons per household
CLASSES = {"Hộ cận nghèo": 65, "Hộ nghèo": 35}
CLASS_CODES = {"Hộ cận nghèo": "near_poor", "Hộ nghèo": "poor"}
HEADER = ["STT", "Mã hộ", "Khóm", "Địa chỉ", "Họ và tên", "Quan hệ với chủ hộ", "Ngày sinh",
          "Giới tính", "Số CCCD", "Dân tộc", "Phân loại hộ", "Ghi chú"]  # fmt: skip


def generate(households: int, seed: int) -> list[dict]:
    """Return the census list's households, each with its members, as typed in the file."""
    from households.rules import known_province_codes
    from vn.names import search_key

    rng = random.Random(seed)
    name = NameMaker(rng)
    ethnicities, ethnicity_w = weighted(ETHNICITY)
    sizes, size_w = weighted(SIZES)
    classes, class_w = weighted(CLASSES)
    other_prefixes = sorted(known_province_codes() - {ID_PREFIX})
    used_ids: set[str] = set()
    counters = [0] * len(GROUPS)

    def new_id(year: int, sex: str) -> str:
        prefix = ID_PREFIX if rng.random() < 0.9 else rng.choice(other_prefixes)
        return national_id(rng, prefix, year, sex, used_ids)

    result = []
    for _ in range(households):
        g = rng.randrange(len(GROUPS))
        counters[g] += 1
        group, abbr = GROUPS[g]
        style = rng.random()
        group_cell = f"Khóm {group}" if style < 0.85 else group if style < 0.95 else f"khóm {group}"
        label = rng.choices(classes, class_w)[0]
        household = {
            "code": f"LX-{abbr}-{counters[g]:04d}",
            "group": f"Khóm {group}",
            "group_cell": group_cell,
            "address": f"{rng.randint(1, 400)}/{rng.randint(1, 60)} {rng.choice(STREETS)}, "
            f"tổ {rng.randint(1, 20)}, khóm {group}",
            "classification_cell": label,
            "classification": CLASS_CODES[label],
            "persons": [],
        }
        ethnicity = rng.choices(ethnicities, ethnicity_w)[0]
        seen = set()
        for relation, relation_cell, sex, year, surname in _family(
            rng, rng.choices(sizes, size_w)[0], name
        ):
            while True:
                full_name = name(sex, surname)
                year_only = (relation == "parent" and rng.random() < 0.5) or (
                    year < 1950 and rng.random() < 0.2
                )
                born = (
                    date(year, 1, 1)
                    if year_only
                    else date(year, rng.randint(1, 12), rng.randint(1, 28))
                )
                if (search_key(full_name), born) not in seen:
                    seen.add((search_key(full_name), born))
                    break
            if year_only:
                birth_cell = str(year) if rng.random() < 0.75 else year  # text or number cell
            else:
                style = rng.random()
                birth_cell = (
                    born.strftime("%d/%m/%Y")
                    if style < 0.65
                    else born.strftime("%d-%m-%Y")
                    if style < 0.8
                    else born  # an Excel date
                )
            nid = legacy = id_cell = ""
            if LAST_BIRTH_YEAR - year >= CHILD_AGE:
                if year < 1975 and rng.random() < 0.02:
                    legacy = id_cell = legacy_id(rng)  # the old CMND
                else:
                    nid = id_cell = new_id(year, sex)
                    if rng.random() < 0.1:  # typed in groups, as some lists do
                        id_cell = f"{nid[:3]} {nid[3:6]} {nid[6:]}"
            household["persons"].append(
                {
                    "full_name": full_name,
                    "relation": relation,
                    "relation_cell": relation_cell,
                    "sex": sex,
                    "birth_date": born,
                    "birth_year_only": year_only,
                    "birth_cell": birth_cell,
                    "national_id": nid,
                    "legacy_id": legacy,
                    "id_cell": id_cell,
                    "ethnicity": ethnicity if rng.random() < 0.97 else "Kinh",
                }
            )
        result.append(household)
    return result


def _family(rng, size: int, name) -> list[tuple]:
    """(relation, as written, sex, birth year, surname or None) of each member, head first."""
    head_sex = "male" if rng.random() < 0.65 else "female"
    head_year = rng.randint(1940, 1995)
    surname = name(head_sex).split()[0]
    father = surname if head_sex == "male" else None
    members = [("head", "Chủ hộ", head_sex, head_year, surname)]
    if size >= 2 and rng.random() < 0.8:
        sex = "female" if head_sex == "male" else "male"
        cell = "Vợ" if sex == "female" else "Chồng"
        members.append(("spouse", cell, sex, min(head_year + rng.randint(-5, 5), 2000), None))
    if size >= 4 and rng.random() < 0.3:
        sex = rng.choice(("male", "female"))
        year = max(head_year - rng.randint(20, 32), 1920)
        members.append(("parent", "Cha" if sex == "male" else "Mẹ", sex, year, None))
    while len(members) < size:
        sex = rng.choice(("male", "female"))
        roll = rng.random()
        if head_year < 1965 and roll < 0.35:
            year, relation, cell, surname = (
                head_year + rng.randint(40, 60),
                "grandchild",
                "Cháu",
                None,
            )
        elif head_year < 1970 and roll < 0.45:
            year, relation, surname = head_year + rng.randint(18, 35), "child_in_law", None
            cell = "Con dâu" if sex == "female" else "Con rể"
        else:
            year, relation, surname = head_year + rng.randint(18, 40), "child", father
            cell = rng.choice(("Con", "Con", "Con", "Con trai" if sex == "male" else "Con gái"))
        members.append((relation, cell, sex, min(year, LAST_BIRTH_YEAR), surname))
    return members


def workbook(data: list[dict], ward_name: str) -> bytes:
    """The list as an .xlsx in the shape wards send, written with openpyxl write-only."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    blank = [""] * (len(HEADER) - 1)
    persons = sum(len(h["persons"]) for h in data)
    sheet.append([f"ỦY BAN NHÂN DÂN {ward_name.upper()}", *blank])
    sheet.append([f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {YEAR}", *blank])
    sheet.append(
        [
            f"(Kèm theo Quyết định số {DECISION[0]} ngày {DECISION[1]:%d/%m/%Y} của UBND phường)",
            *blank,
        ]
    )
    sheet.append(["", *blank])
    sheet.append(HEADER)
    n = 0
    for h in data:
        for p in h["persons"]:
            n += 1
            sheet.append(
                [
                    n,
                    h["code"],
                    h["group_cell"],
                    h["address"],
                    p["full_name"],
                    p["relation_cell"],
                    p["birth_cell"],
                    "Nam" if p["sex"] == "male" else "Nữ",
                    p["id_cell"],
                    p["ethnicity"],
                    h["classification_cell"],
                    "",
                ]
            )
    sheet.append(["", *blank])
    sheet.append(["", "", "", "", f"Tổng cộng: {len(data)} hộ, {persons} nhân khẩu", *blank[4:]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
