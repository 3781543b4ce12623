"""The household pages' forms as the browser posts them."""

from django.urls import reverse

from households.models import Household, Person

from .register import HEAD_ID, SPOUSE_ID

CREATE = reverse("households:create")


def url(name: str, household) -> str:
    return reverse(f"households:{name}", args=[household.pk])


def member(**values) -> dict:
    """One member row as the browser posts it."""
    return {
        "id": "",
        "full_name": "Nguyễn Đức Thắng",
        "relation_to_head": "head",
        "sex": "male",
        "birth": "17/05/1980",
        "national_id": HEAD_ID,
        "ethnicity": "Kinh",
        "disability_level": "",
        "deceased_on": "",
        "moved_out_on": "",
    } | values


SPOUSE = {
    "full_name": "Trần Thị Mai",
    "relation_to_head": "spouse",
    "sex": "female",
    "birth": "01/02/1983",
    "national_id": SPOUSE_ID,
}


def form_data(ward, members: list[dict], *, initial: int = 0, **household) -> dict:
    """The household form and its member formset (prefix "members") as one POST."""
    data = {
        "ward": ward.pk,
        "residential_group": "",
        "code": "ag-001",
        "address": "12 Lê Lợi",
        "phone": "0296 3841 234",
        "notes": "",
        "version": "",
        "members-TOTAL_FORMS": len(members),
        "members-INITIAL_FORMS": initial,
        "members-MIN_NUM_FORMS": 1,
        "members-MAX_NUM_FORMS": 1000,
    } | household
    for i, values in enumerate(members):
        data |= {f"members-{i}-{name}": value for name, value in values.items()}
    return data


def update_data(household, members: list[dict] | None = None, **values) -> dict:
    """The update form as the officer received it, with `values` and `members` edited."""
    head, spouse = household.members.order_by("pk")
    rows = members or [member(id=head.pk), member(id=spouse.pk, **SPOUSE)]
    values = {"code": household.code, "version": household.version} | values
    return form_data(household.ward, rows, initial=2) | values


def status_data(**values) -> dict:
    """The status form of the detail page."""
    return {
        "year": 2025,
        "classification": "poor",
        "decision_number": "12/QĐ-UBND",
        "decision_date": "15/01/2025",
        "reason": "Rà soát cuối năm",
    } | values


def nothing_written() -> bool:
    return not Household.objects.exists() and not Person.objects.exists()
