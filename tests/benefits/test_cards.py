"""Health-insurance cards: the ground of each group of DOMAIN.md §7.1 with the highest one
winning, the soft check of a card number, and the ward's worklists against a direct count."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from areas.models import Area
from benefits import cards
from benefits.models import CardRate, HealthCard
from benefits.queries.cards import (
    coverage,
    expiring,
    lacking,
    province_card_summary,
    ward_card_rows,
)

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from .conftest import granted

DAY = date(2026, 12, 4)
ADULT = date(1980, 5, 17)


@pytest.fixture
def rates(db):
    return list(CardRate.objects.all())


@pytest.mark.parametrize(
    ("classification", "protected", "born", "ground", "share", "code"),
    [
        ("poor", False, ADULT, "poor", 100, "HN"),
        ("near_poor", False, ADULT, "near_poor", 70, "CN"),
        ("middle_income", False, ADULT, "middle_income", 30, ""),
        ("", True, ADULT, "protected", 100, "BT"),
        ("", False, date(2021, 1, 1), "child_under_6", 100, "TE"),
        ("near_poor", True, ADULT, "protected", 100, "BT"),  # the highest ground only
        ("poor", True, ADULT, "poor", 100, "HN"),  # equal shares: the first ground
        ("near_poor", False, date(2022, 3, 1), "child_under_6", 100, "TE"),
        ("middle_income", False, date(2020, 12, 4), "middle_income", 30, ""),  # 6 on the day
        ("escaped_poor", False, ADULT, None, None, None),
        ("", False, None, None, None, None),
    ],
)
def test_the_ground_paid_is_the_highest_that_applies(
    rates, classification, protected, born, ground, share, code
):
    grounds = cards.grounds_of(
        classification=classification, protected=protected, birth_date=born, day=DAY
    )
    found = cards.ground_paid(grounds, rates, None, DAY)
    if ground is None:
        assert found is None
    else:
        assert (found.ground, found.share, found.group_code) == (ground, share, code)
        assert "146/2018" in found.reference


def test_a_provinces_higher_share_for_near_poor_members_wins(rates, province):
    own = CardRate.objects.create(
        province=province, ground="near_poor", share=100, valid_from=date(2026, 1, 1)
    )
    found = cards.ground_paid({"near_poor"}, [*rates, own], province.pk, DAY)
    assert found.share == 100
    assert cards.ground_paid({"near_poor"}, [*rates, own], None, DAY).share == 70


@pytest.mark.parametrize(
    ("number", "warnings"),
    [
        ("HN4797912345678", []),
        ("hn4 79 7912345678", []),  # spaces and case forgiven
        ("HN479791234567", ["length"]),
        ("HN6797912345678", ["format"]),  # benefit digit 6
        ("1N4797912345678", ["format"]),
    ],
)
def test_a_card_number_is_checked_softly(number, warnings):
    assert cards.number_warnings(number) == warnings


def card(person, *, valid_to, valid_from=date(2026, 1, 1)):
    return HealthCard.objects.create(
        person=person,
        number="CN3797912345678",
        group_code="CN",
        first_registration="Trạm Y tế phường",
        valid_from=valid_from,
        valid_to=valid_to,
    )


def test_the_worklists_match_a_direct_count(ward, ward_officer, province):
    near = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(
        household=near, year=2025, valid_from=date(2025, 1, 1), classification="near_poor"
    )
    with_card = PersonFactory(household=near)
    card(with_card, valid_to=date(2027, 12, 31))
    soon = PersonFactory(household=near, relation_to_head="child")
    card(soon, valid_to=DAY + timedelta(days=30))
    expired = PersonFactory(household=near, relation_to_head="child")
    card(expired, valid_to=DAY - timedelta(days=1))
    none = PersonFactory(household=near, relation_to_head="spouse")
    PersonFactory(household=near, relation_to_head="parent", deceased_on=date(2026, 6, 1))
    plain = HouseholdFactory(ward=ward)
    PersonFactory(household=plain)  # no ground
    child = PersonFactory(household=plain, relation_to_head="child", birth_date=date(2023, 1, 1))
    poor = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(
        household=poor, year=2024, valid_from=date(2024, 1, 1), classification="poor"
    )
    elderly = PersonFactory(household=poor, birth_date=date(1949, 4, 15))
    granted(ward_officer, elderly, decided_on=date(2026, 3, 10))  # poor and protected: poor
    rows = ward_card_rows(ward.pk, province.pk, DAY)
    assert len(rows) == 7  # the one who died is not a member on the day
    assert {r.person_id for r in lacking(rows)} == {expired.pk, none.pk, child.pk, elderly.pk}
    assert {r.person_id for r in expiring(rows, DAY)} == {soon.pk}
    groups, whole = coverage(rows, ward.name)
    assert whole.entitled == {"near_poor": 4, "child_under_6": 1, "poor": 1}
    assert whole.covered == {"near_poor": 2, "child_under_6": 0, "poor": 0}
    assert whole.share("near_poor") == 0.5 and whole.share() == pytest.approx(2 / 6)


def test_the_cards_page_records_a_card_and_lists_who_lacks_one(
    client, ward_officer, other_ward_officer, ward
):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(
        household=household, year=2025, valid_from=date(2025, 1, 1), classification="poor"
    )
    person = PersonFactory(household=household, full_name="=CMD()")
    client.force_login(ward_officer)
    url = reverse("benefits:cards")
    page = client.get(url, {"ward": ward.pk}).content.decode()
    assert "=CMD()" in page and "0/1" in page
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("benefits:cards_xlsx"), {"ward": ward.pk}).content)
    ).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=CMD()"]
    assert cells and cells[0].data_type == "s"
    form = {
        "national_id": person.national_id,
        "number": "HN2797912345",  # too short: a warning first
        "first_registration": "Trạm Y tế phường",
        "valid_from": "01/01/2026",
        "valid_to": "31/12/2026",
    }
    response = client.post(f"{url}?ward={ward.pk}", form)
    assert "15 ký tự" in response.content.decode() and not HealthCard.objects.exists()
    client.post(f"{url}?ward={ward.pk}", {**form, "keep": "on"})
    assert HealthCard.objects.get().person == person
    assert "1/1" in client.get(url, {"ward": ward.pk}).content.decode()
    client.force_login(other_ward_officer)
    assert client.get(url, {"ward": ward.pk}).status_code == 404


def test_the_province_summary_counts_each_ward_as_its_worklists_do(
    ward, other_ward, ward_officer, province
):

    for w, carded in ((ward, 2), (other_ward, 0)):
        household = HouseholdFactory(ward=w)
        HouseholdStatusFactory(
            household=household, year=2024, valid_from=date(2024, 1, 1), classification="poor"
        )
        HouseholdStatusFactory(
            household=household, year=2025, valid_from=date(2025, 1, 1), classification="near_poor"
        )
        people = [
            PersonFactory(household=household, relation_to_head=r)
            for r in ("head", "spouse", "child")
        ]
        for person in people[:carded]:
            card(person, valid_to=date(2027, 1, 1))
        PersonFactory(household=household, relation_to_head="child", moved_out_on=date(2026, 1, 1))
    summary = {
        w.ward_id: w
        for w in province_card_summary(Area.objects.filter(pk__in=[ward.pk, other_ward.pk]), DAY)
    }
    assert summary[ward.pk].entitled == {"near_poor": 3}
    assert summary[ward.pk].covered == {"near_poor": 2}
    assert summary[other_ward.pk].share("near_poor") == 0
    rows = ward_card_rows(ward.pk, province.pk, DAY)
    _groups, whole = coverage(rows, ward.name)
    assert whole.entitled["near_poor"] == summary[ward.pk].entitled["near_poor"]


def test_the_approver_sees_every_wards_coverage(client, approver, ward, other_ward):
    household = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(
        household=household, year=2025, valid_from=date(2025, 1, 1), classification="near_poor"
    )
    card(PersonFactory(household=household), valid_to=date(2027, 1, 1))
    client.force_login(approver)
    page = client.get(reverse("benefits:cards_province")).content.decode()
    assert ward.name in page and other_ward.name in page and "1/1" in page
