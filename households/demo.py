"""A believable demo ward, modelled on Đông Xuyên's 2020 plan (shared/field-plans/002).

Đông Xuyên (Long Xuyên, An Giang) had 81 near-poor households with 338 persons in four
khóm: Đông An 27, Đông Phú 24, Đông Thành 13, Đông Hưng 17. It merged into Mỹ Xuyên on
01/01/2025, which became part of Phường Long Xuyên on 01/07/2025; the current ward is
found through the old→new mapping. Names, dates and ID numbers are invented.
"""

import random
from dataclasses import dataclass
from datetime import date

KHOM = [
    ("DA", "Đông An", 27),
    ("DP", "Đông Phú", 24),
    ("DT", "Đông Thành", 13),
    ("DH", "Đông Hưng", 17),
]
PERSONS = 338
# Phường Bình Đức, also in Long Xuyên: the second ward, to show scope.
SECOND_WARD = ("Phường Bình Đức", [("BK", "Bình Khánh 1", 6), ("BT", "Bình Thới 2", 6)])
ID_PROVINCE = "089"  # An Giang's birth-registration code

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Trương",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lâm",
    "Châu",
    "Lý",
]
MIDDLE = {
    "male": ["Văn", "Hữu", "Minh", "Thanh", "Quốc", "Đức", "Công"],
    "female": ["Thị", "Ngọc", "Kim", "Thanh", "Thị Kim", "Mỹ"],
}
GIVEN = {
    "male": [
        "Hùng",
        "Dũng",
        "Tâm",
        "Phúc",
        "Lộc",
        "Thắng",
        "Hải",
        "Long",
        "Tuấn",
        "Sơn",
        "Khánh",
        "Nghĩa",
        "Toàn",
        "Hiếu",
        "Bảo",
        "Trí",
    ],
    "female": [
        "Lan",
        "Hoa",
        "Hồng",
        "Mai",
        "Thảo",
        "Nhung",
        "Hạnh",
        "Trang",
        "Yến",
        "Thủy",
        "Liên",
        "Cúc",
        "Ngân",
        "Diễm",
        "Tuyết",
        "Phượng",
    ],
}


@dataclass
class DemoPerson:
    full_name: str
    sex: str
    relation_to_head: str
    birth_date: date
    birth_year_only: bool
    national_id: str


@dataclass
class DemoHousehold:
    code: str
    group: str
    address: str
    phone: str
    members: list[DemoPerson]


def household_sizes(count: int, persons: int, rng: random.Random) -> list[int]:
    """Split `persons` over `count` households, 2 to 8 each, varied but exact in sum."""
    sizes = [persons // count] * count
    for i in range(persons - sum(sizes)):
        sizes[i] += 1
    for _ in range(count * 2):
        i, j = rng.randrange(count), rng.randrange(count)
        if sizes[i] > 2 and sizes[j] < 8:
            sizes[i] -= 1
            sizes[j] += 1
    rng.shuffle(sizes)
    return sizes


class _Ids:
    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def national_id(self, birth: date, sex: str, today: date) -> str:
        if today.year - birth.year < 14:  # children get their card at 14
            return ""
        digit = 2 * ((birth.year - 1900) // 100) + (0 if sex == "male" else 1)
        while True:
            value = f"{ID_PROVINCE}{digit}{birth.year % 100:02d}{self.rng.randrange(10**6):06d}"
            if value not in self.used:
                self.used.add(value)
                return value


def build_households(groups, sizes_total: int, *, seed: int, today: date) -> list[DemoHousehold]:
    """Return the demo households of one ward: `groups` is [(prefix, name, count)]."""
    rng = random.Random(seed)
    ids = _Ids(rng)
    count = sum(n for _p, _g, n in groups)
    sizes = iter(household_sizes(count, sizes_total, rng))
    households = []
    for prefix, group, n in groups:
        for k in range(1, n + 1):
            members = _family(next(sizes), rng, ids, today)
            households.append(
                DemoHousehold(
                    code=f"{prefix}-{k:03d}",
                    group=group,
                    address=f"{rng.randrange(1, 300)}/{rng.randrange(1, 40)} khóm {group}",
                    phone=f"09{rng.randrange(10**8):08d}" if rng.random() < 0.7 else "",
                    members=members,
                )
            )
    first = households[0].members[0]
    first.full_name, first.sex = "Nguyễn Đức Thắng", "male"
    first.national_id = ids.national_id(first.birth_date, "male", today)
    return households


def _family(size: int, rng: random.Random, ids: _Ids, today: date) -> list[DemoPerson]:
    family = rng.choice(FAMILY)
    head_sex = "male" if rng.random() < 0.7 else "female"
    head_birth = date(rng.randrange(1950, 1988), rng.randrange(1, 13), rng.randrange(1, 29))
    plan = [("head", head_sex, head_birth)]
    if size >= 2:
        spouse_sex = "female" if head_sex == "male" else "male"
        plan.append(("spouse", spouse_sex, _near(head_birth, rng)))
    if size >= 5 and rng.random() < 0.5:
        plan.append(
            (
                "parent",
                rng.choice(["male", "female"]),
                date(head_birth.year - rng.randrange(22, 32), 1, 1),
            )
        )
    while len(plan) < size:
        born = date(
            min(head_birth.year + rng.randrange(20, 36), today.year - 1),
            rng.randrange(1, 13),
            rng.randrange(1, 29),
        )
        relation = "child" if born.year - head_birth.year < 40 else "grandchild"
        plan.append((relation, rng.choice(["male", "female"]), born))
    people = []
    for relation, sex, born in plan:
        surname = family if relation in ("head", "child", "grandchild") else rng.choice(FAMILY)
        year_only = relation == "parent"
        people.append(
            DemoPerson(
                full_name=f"{surname} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}",
                sex=sex,
                relation_to_head=relation,
                birth_date=born,
                birth_year_only=year_only,
                national_id=ids.national_id(born, sex, today),
            )
        )
    return people


def _near(birth: date, rng: random.Random) -> date:
    return date(birth.year + rng.randrange(-4, 5), rng.randrange(1, 13), rng.randrange(1, 29))
