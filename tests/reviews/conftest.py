"""A review round ready for its documents: assessed, voted on and posted."""

from datetime import date

import pytest

from reviews.models import ReviewKind
from reviews.services import meeting_record, posting_record, review_request_add, review_round_open

from ..factories import ResidentialGroupFactory
from .documents import INCOMES, add_household, assess


@pytest.fixture
def groups(ward):
    return [
        ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An"),
        ResidentialGroupFactory(parent=ward, code="002", name="Khóm Đông Phú"),
    ]


@pytest.fixture
def review(ward_officer, ward, groups):
    """22 poor and near-poor households of Phường Long Xuyên plus one that filed Mẫu 01,
    every one assessed, each khóm's meeting passed (Đông An 39 of 42, Đông Phú 27 of 30)
    and the list posted."""
    households = [
        add_household(ward, groups[n % 2], n, "poor" if n % 3 == 0 else "near_poor")
        for n in range(1, 23)
    ]
    applicant = add_household(ward, groups[0], 23, "none")
    review = review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=date(2026, 9, 1),
    )
    review_request_add(
        user=ward_officer,
        review=review,
        household=applicant,
        source="form_01",
        filed_on=date(2026, 9, 5),
    )
    for n, household in enumerate([*households, applicant]):
        assess(ward_officer, review, household, INCOMES[n % 4])
    meeting_record(
        user=ward_officer,
        review=review,
        residential_group=groups[0],
        held_on=date(2026, 10, 5),
        attendance=42,
        agreed=39,
        place="Nhà văn hóa khóm Đông An",
        chaired_by="Trần Văn Bảy",
        notes="Bà Nguyễn Thị Hoa đề nghị xem lại thu nhập của hộ DX-004.",
    )
    meeting_record(
        user=ward_officer,
        review=review,
        residential_group=groups[1],
        held_on=date(2026, 10, 6),
        attendance=30,
        agreed=27,
        place="Nhà văn hóa khóm Đông Phú",
        chaired_by="Lê Văn Tám",
    )
    posting_record(
        user=ward_officer,
        review=review,
        posting_from=date(2026, 10, 7),
        posting_to=date(2026, 10, 9),
        place="nhà văn hóa các khóm và trụ sở UBND phường",
        complaints="",
    )
    review.refresh_from_db()
    return review
