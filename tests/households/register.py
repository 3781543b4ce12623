"""Households and members as the register's services take them: AG-001, a head and his wife."""

from datetime import date

from households.models import Household
from households.services import MemberData, household_save

from ..factories import national_id_for

HEAD_ID = national_id_for(date(1980, 5, 17), "male", 111)
SPOUSE_ID = national_id_for(date(1983, 2, 1), "female", 222)


def person_values(**values) -> dict:
    """Every person field the form delivers, blank unless given: Nguyễn Đức Thắng, the head."""
    return {
        "full_name": "Nguyễn Đức Thắng",
        "national_id": "",
        "legacy_id": "",
        "birth_date": date(1980, 5, 17),
        "birth_year_only": False,
        "sex": "male",
        "ethnicity": "Kinh",
        "relation_to_head": "head",
        "disability_level": "",
        "deceased_on": None,
        "moved_out_on": None,
    } | values


def member(id=None, *, delete=False, **values) -> MemberData:
    """One member as the form delivers it: `person_values` with `values` changed."""
    return MemberData(id=id, values=person_values(**values), delete=delete)


def spouse_member(id=None, **values) -> MemberData:
    """Trần Thị Mai, the head's wife, with `values` changed."""
    spouse = {
        "full_name": "Trần Thị Mai",
        "national_id": SPOUSE_ID,
        "birth_date": date(1983, 2, 1),
        "sex": "female",
        "relation_to_head": "spouse",
    }
    return member(id, **spouse | values)


def head_and_spouse() -> list[MemberData]:
    """Nguyễn Đức Thắng (head) and Trần Thị Mai, with IDs that match birth year and sex."""
    return [member(national_id=HEAD_ID), spouse_member()]


def household_values(ward, **values) -> dict:
    return {
        "ward": ward,
        "residential_group": None,
        "code": "AG-001",
        "address": "12 Lê Lợi",
        "phone": "",
        "notes": "",
    } | values


def create(user, ward, *, members: list[MemberData] | None = None, **values) -> Household:
    """Save AG-001 of `ward` as `user`: the head and his wife unless `members` are given."""
    return household_save(
        user=user,
        household=None,
        values=household_values(ward, **values),
        members=head_and_spouse() if members is None else members,
    )


def update(user, household, *, members=(), **values) -> Household:
    """Save `values` and `members` over the household as its form would, at its version."""
    return household_save(
        user=user,
        household=household,
        values=household_values(household.ward, **values),
        members=list(members),
        version=household.version,
    )
