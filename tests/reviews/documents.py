"""The households, assessments and PDF readers the document tests share."""

import subprocess
from datetime import date
from pathlib import Path

from django.urls import reverse

from reviews.services import assessment_save

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory

HEADS = [
    "Nguyễn Thị Hoa",
    "Trần Văn Đức",
    "Lê Thị Ánh Tuyết",
    "Phạm Văn Hưởng",
    "Huỳnh Thị Ngọc Ẩn",
    "Võ Văn Được",
    "Đặng Thị Mỹ Lệ",
    "Bùi Văn Thắng",
    "Đỗ Thị Xuân",
    "Hồ Văn Ửng",
    "Ngô Thị Yến",
    "Dương Văn Khải",
    "Lý Thị Bích Thủy",
    "Châu Văn Tỷ",
    "Tô Thị Hằng",
    "Mai Văn Lộc",
    "Quách Thị Nở",
    "Lâm Văn Sướng",
    "Trương Thị Kiều",
    "Phan Văn Ổn",
    "Kiều Thị Duyên",
    "La Văn Thiện",
]
# Income per person and month: poor with 3 deprivations, near-poor, middle income, above.
INCOMES = [1_200_000, 2_000_000, 3_500_000, 5_000_000]


def add_household(ward, group, n, classification):
    household = HouseholdFactory(
        ward=ward,
        code=f"DX-{n:03d}",
        residential_group=group,
        address=f"{n + 10}/3 Trần Hưng Đạo, {group.name}",
    )
    for relation, name in (("head", HEADS[n % len(HEADS)]), ("spouse", f"Vợ chồng {n}")):
        PersonFactory(
            household=household,
            full_name=name,
            relation_to_head=relation,
            birth_date=date(1980, 3, 1),
            has_health_insurance=True,
            education="upper_secondary",
        )
    HouseholdStatusFactory(household=household, year=2026, classification=classification)
    return household


def assess(user, review, household, income, version=None):
    manual = ("employment", "water", "latrine") if income < 1_500_000 else ()
    return assessment_save(
        user=user,
        review=review,
        household=household,
        values={"income_per_capita": income},
        deprived=dict.fromkeys(manual, True),
        override_reasons={},
        version=version,
    )


def pdf_text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def one_line(text: str) -> str:
    return " ".join(text.split())


def pdf_fonts(pdf: bytes, tmp_path: Path) -> set[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    # "ABCDEF+Tinos-BoldItalic": the family, without the subset tag and the style.
    return {
        line.split()[0].split("+")[-1].split("-")[0] for line in listing.stdout.splitlines()[2:]
    }


def urls(review):
    meeting = review.meetings.get(residential_group__code="001")
    return [
        reverse("reviews:posting_list_pdf", args=[review.pk]),
        reverse("reviews:posting_list_xlsx", args=[review.pk]),
        reverse("reviews:minutes_pdf", args=[review.pk, meeting.pk]),
        reverse("reviews:minutes_xlsx", args=[review.pk, meeting.pk]),
    ]
