"""An imported list's statuses take the movement the register's rule gives from each
household's history: a return to near-poverty is tái cận nghèo, near-poor to poor its own."""

from datetime import date

from households.models import HouseholdStatus

from .jobs import import_list
from .sheets import family


def _lists(ward_officer, ward, year: int, first: str, second: str) -> None:
    people = [*family("LX-001", 1), *family("LX-002", 2)]
    for p in people[:3]:
        p["Phân loại hộ"] = first
    for p in people[3:]:
        p["Phân loại hộ"] = second
    decision = {"decision_number": f"{year}/QĐ-UBND", "decision_date": date(year, 1, 20)}
    import_list(ward_officer, ward, people, year=year, **decision)


def test_imported_statuses_follow_the_fixed_rule(ward_officer, ward, dong_an):
    _lists(ward_officer, ward, 2023, "Hộ cận nghèo", "Hộ cận nghèo")
    _lists(ward_officer, ward, 2024, "Hộ thoát cận nghèo", "Hộ cận nghèo")
    _lists(ward_officer, ward, 2025, "Hộ cận nghèo", "Hộ nghèo")

    found = HouseholdStatus.objects.filter(year__in=(2024, 2025)).order_by(
        "household__code", "year"
    )
    assert list(found.values_list("household__code", "year", "previous", "movement")) == [
        ("LX-001", 2024, "near_poor", "escaped_near_poor"),
        ("LX-001", 2025, "escaped_near_poor", "relapsed_near_poor"),
        ("LX-002", 2024, "near_poor", "unchanged"),
        ("LX-002", 2025, "near_poor", "near_poor_to_poor"),
    ]
