"""The figures the plans count for loans and housing, per residential group and ward:
"households that asked for a loan and got one", "near-poor households with housing
difficulties", before and after the support. Each count keeps the households behind it."""

from dataclasses import dataclass, field
from datetime import date

from households.models import HouseholdStatus
from reviews.models import Assessment, BasicService, DeprivationIndicator

from ..models import HousingSupport, Loan


@dataclass
class Figure:
    name: str  # the residential group's, or the ward's
    counted: set[int] = field(default_factory=set)  # households: asked / with difficulties
    achieved: set[int] = field(default_factory=set)  # got a loan / support accepted

    @property
    def share(self) -> float | None:
        return len(self.achieved) / len(self.counted) if self.counted else None


def _by_group(rows, ward_name: str) -> tuple[list[Figure], Figure]:
    """rows: (group name, household id, achieved)."""
    groups: dict[str, Figure] = {}
    ward = Figure(ward_name)
    for group, household, achieved in rows:
        for figure in (groups.setdefault(group or "", Figure(group or "")), ward):
            figure.counted.add(household)
            if achieved:
                figure.achieved.add(household)
    return sorted(groups.values(), key=lambda f: f.name), ward


def loan_figures(ward, year: int) -> tuple[list[Figure], Figure]:
    """Households that asked for a loan in the year, and those the bank lent to."""
    loans = Loan.objects.filter(ward=ward, asked_on__year=year).values_list(
        "household__residential_group__name", "household_id", "status"
    )
    got = {Loan.Status.DISBURSED, Loan.Status.REPAID, Loan.Status.OVERDUE}
    return _by_group(((g, h, s in got) for g, h, s in loans), ward.name)


def housing_figures(ward, day: date) -> tuple[list[Figure], Figure]:
    """Near-poor households on the day with housing difficulties (a housing indicator
    deprived in their latest assessment, or a housing support recorded), and those whose
    support was accepted by then (nghiệm thu)."""
    near_poor = dict(
        HouseholdStatus.objects.in_force_on(day)
        .filter(household__ward=ward, classification="near_poor")
        .values_list("household_id", "household__residential_group__name")
    )
    housing = set(
        DeprivationIndicator.objects.filter(service=BasicService.HOUSING).values_list(
            "code", flat=True
        )
    )
    deprived = set()
    latest = (
        Assessment.objects.filter(household_id__any=near_poor.keys())
        .order_by("household_id", "-review_round__year", "-pk")
        .values_list("household_id", "deprivations")
    )
    seen = set()
    for household, deprivations in latest:
        if household in seen:
            continue
        seen.add(household)
        if any((deprivations.get(code) or {}).get("deprived") for code in housing):
            deprived.add(household)
    supports = HousingSupport.objects.filter(household_id__any=near_poor.keys()).exclude(
        stage=HousingSupport.Stage.CANCELLED
    )
    supported = set(supports.values_list("household_id", flat=True))
    accepted = set(supports.filter(accepted_on__lte=day).values_list("household_id", flat=True))
    rows = (
        (near_poor[h], h, h in accepted) for h in sorted((deprived | supported) & near_poor.keys())
    )
    return _by_group(rows, ward.name)
