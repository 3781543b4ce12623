"""Generated persons for the benchmarks: Vietnamese names, ethnicities and ID numbers.

Names are drawn with about the frequencies of southern Vietnam: a surname, a middle name
by sex and a given name by sex, the common ones first.
"""

SURNAMES = {
    "Nguyễn": 38,
    "Trần": 11,
    "Lê": 9.5,
    "Phạm": 7,
    "Huỳnh": 3,
    "Hoàng": 2,
    "Phan": 4.5,
    "Võ": 3,
    "Vũ": 1.5,
    "Đặng": 2.1,
    "Bùi": 2,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1,
    "Lý": 0.6,
    "Trương": 1,
    "Đinh": 0.6,
    "Lâm": 0.7,
    "Mai": 0.5,
    "Châu": 0.5,
    "Tô": 0.3,
    "Cao": 0.4,
    "Lưu": 0.3,
    "Thái": 0.3,
    "Thạch": 0.4,
    "Danh": 0.3,
    "Kim": 0.3,
    "Sơn": 0.3,
    "Tăng": 0.2,
    "Quách": 0.2,
    "La": 0.2,
    "Đoàn": 0.6,
    "Lương": 0.5,
    "Trịnh": 0.4,
    "Tạ": 0.2,
    "Hà": 0.4,
    "Vương": 0.2,
    "Giang": 0.2,
    "Nghiêm": 0.1,
}
MIDDLE = {
    "male": {"Văn": 40, "Hữu": 8, "Minh": 10, "Thanh": 8, "Quốc": 6, "Đức": 6, "Công": 5,
             "Hoàng": 4, "Tấn": 5, "Ngọc": 3, "Trung": 3, "Phước": 2, "Thành": 3, "Gia": 3,
             "Anh": 2, "Xuân": 2},
    "female": {"Thị": 50, "Ngọc": 10, "Thanh": 5, "Thị Kim": 3, "Kim": 5, "Mỹ": 4, "Thu": 4,
               "Bích": 3, "Hồng": 3, "Phương": 3, "Minh": 3, "Khánh": 2, "Bảo": 2, "Hoài": 2,
               "Diễm": 1},
}  # fmt: skip
_GIVEN = {
    "male": (
        "Hùng Dũng Tâm Phúc Lộc Thắng Hải Long Tuấn Sơn Khánh Nghĩa Toàn Hiếu Bảo Trí Nam "
        "Minh Quang Hòa Bình Cường Đạt Định Hậu Hưng Huy Khoa Kiên Lâm Luân Nhân Phong Quân "
        "Sang Tài Thành Thiện Thịnh Tiến Trung Tùng Việt Vinh Vũ Danh Đông Giang Hoàng Khang "
        "Lợi Mạnh Phát Tân Thái Thuận Tín Triều Trọng Út"
    ),
    "female": (
        "Lan Hoa Hồng Mai Thảo Nhung Hạnh Trang Yến Thủy Liên Cúc Ngân Diễm Tuyết Phượng Anh "
        "Bích Châu Dung Duyên Giang Hà Hằng Hiền Hương Huyền Kiều Linh Loan Ly My Nga Ngọc Nhi "
        "Oanh Phương Quyên Sương Tâm Thanh Thu Thúy Tiên Trinh Uyên Vân Vy Xuân Ánh Đào Hậu Lệ "
        "Mơ Nương Phấn Sen Thắm Trâm Út"
    ),
}
GIVEN = {sex: names.split() for sex, names in _GIVEN.items()}
ETHNICITY = {"Kinh": 92, "Khmer": 5, "Hoa": 2, "Chăm": 1}


def weighted(table: dict) -> tuple[list, list]:
    """A {value: weight} table as the (population, weights) of random.choices."""
    return list(table), list(table.values())


class NameMaker:
    """Full names drawn with the rng: `name(sex)`, or `name(sex, surname)` for a child."""

    def __init__(self, rng):
        self.rng = rng
        self.surnames = weighted(SURNAMES)
        self.middles = {sex: weighted(MIDDLE[sex]) for sex in MIDDLE}
        # Given names are listed commonest first.
        self.givens = {
            sex: (names, [1 / (k + 1) ** 0.6 for k in range(len(names))])
            for sex, names in GIVEN.items()
        }

    def __call__(self, sex: str, surname: str | None = None) -> str:
        choices = self.rng.choices
        surname = surname or choices(*self.surnames)[0]
        return f"{surname} {choices(*self.middles[sex])[0]} {choices(*self.givens[sex])[0]}"


def national_id(rng, prefix: str, year: int, sex: str, used: set[str]) -> str:
    """A 12-digit ID (CCCD) that agrees with birth year and sex, not yet in `used`."""
    digit = 2 * ((year - 1900) // 100) + (0 if sex == "male" else 1)
    while True:
        value = f"{prefix}{digit}{year % 100:02d}{rng.randrange(10**6):06d}"
        if value not in used:
            used.add(value)
            return value


def legacy_id(rng) -> str:
    """An old 9-digit identity card number (CMND)."""
    return f"{rng.randrange(10**8, 4 * 10**8):09d}"
