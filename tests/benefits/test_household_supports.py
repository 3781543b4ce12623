"""Loans and housing support: recorded as the bank and the works report them, refused when
out of order, and the plans' figures against a direct count."""

from datetime import date

import pytest
from django.urls import reverse

from benefits.models import HealthCard, HousingFunding, HousingSupport, Loan
from benefits.queries.household_supports import housing_figures, loan_figures
from benefits.queries.received import household_received
from benefits.services.household_supports import (
    SupportRecordError,
    housing_advance,
    housing_propose,
    loan_save,
)
from reviews.models import Assessment, ReviewKind
from reviews.services import review_round_open

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
)

DAY = date(2026, 12, 4)


@pytest.fixture
def review_round(ward, ward_officer):
    return review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=date(2026, 9, 1),
    )


def near_poor(ward, group=None):
    household = HouseholdFactory(ward=ward, residential_group=group)
    HouseholdStatusFactory(
        household=household, year=2025, valid_from=date(2025, 1, 1), classification="near_poor"
    )
    return household


def test_loans_that_asked_and_got_are_counted_per_group(ward, ward_officer):
    east, west = (
        ResidentialGroupFactory(parent=ward, name="Đông An"),
        ResidentialGroupFactory(parent=ward, name="Tây An"),
    )
    a, b, c = near_poor(ward, east), near_poor(ward, east), near_poor(ward, west)
    asked = {"asked_on": date(2026, 2, 1), "purpose": "production", "amount_asked": 50_000_000}
    loan_save(user=ward_officer, household=a, **asked)
    lent = loan_save(user=ward_officer, household=b, **asked)
    loan_save(
        user=ward_officer,
        household=b,
        loan=lent,
        referred_on=date(2026, 2, 10),
        programme="near_poor",
        answered_on=date(2026, 3, 1),
        amount_lent=40_000_000,
        disbursed_on=date(2026, 3, 5),
        term_months=36,
        status="disbursed",
    )
    loan_save(user=ward_officer, household=c, **{**asked, "asked_on": date(2025, 5, 1)})
    groups, whole = loan_figures(ward, 2026)
    assert (whole.counted, whole.achieved) == ({a.pk, b.pk}, {b.pk})
    assert whole.share == 0.5
    assert [(g.name, len(g.counted), len(g.achieved)) for g in groups] == [("Đông An", 2, 1)]


def test_a_loan_out_of_order_or_disbursed_without_amount_is_refused(ward, ward_officer):
    household = near_poor(ward)
    fields = {"asked_on": date(2026, 2, 1), "purpose": "housing", "amount_asked": 30_000_000}
    with pytest.raises(SupportRecordError, match="trước"):
        loan_save(user=ward_officer, household=household, referred_on=date(2026, 1, 1), **fields)
    with pytest.raises(SupportRecordError, match="giải ngân"):
        loan_save(user=ward_officer, household=household, status="disbursed", **fields)
    assert not Loan.objects.exists()
    referred = loan_save(
        user=ward_officer, household=household, referred_on=date(2026, 2, 3), **fields
    )
    assert referred.status == Loan.Status.REFERRED


def test_housing_goes_through_its_stages_in_order_with_several_sources(ward, ward_officer):
    household = near_poor(ward)
    support = housing_propose(
        user=ward_officer,
        household=household,
        condition="temporary",
        need="build",
        proposed_on=date(2026, 3, 1),
        funding={"province": 40_000_000, "poverty_fund": 20_000_000, "household": 10_000_000},
    )
    assert HousingFunding.objects.filter(support=support).count() == 3
    with pytest.raises(SupportRecordError, match="lần lượt"):
        housing_advance(user=ward_officer, support=support, stage="accepted", on=DAY)
    with pytest.raises(SupportRecordError, match="trước"):
        housing_advance(user=ward_officer, support=support, stage="approved", on=date(2026, 1, 1))
    assert housing_advance(
        user=ward_officer, support=support, stage="approved", on=date(2026, 4, 1)
    )
    assert not housing_advance(
        user=ward_officer, support=support, stage="approved", on=date(2026, 4, 2)
    )
    housing_advance(user=ward_officer, support=support, stage="started", on=date(2026, 5, 1))
    housing_advance(user=ward_officer, support=support, stage="accepted", on=date(2026, 8, 20))
    support.refresh_from_db()
    assert (support.stage, support.accepted_on) == ("accepted", date(2026, 8, 20))


def test_housing_difficulties_before_and_after_match_a_direct_count(
    ward, ward_officer, review_round
):
    deprived, supported, fine = near_poor(ward), near_poor(ward), near_poor(ward)
    poor = HouseholdFactory(ward=ward)
    HouseholdStatusFactory(
        household=poor, year=2025, valid_from=date(2025, 1, 1), classification="poor"
    )
    for household, housing in ((deprived, True), (fine, False), (poor, True)):
        assessment(review_round, household, ward_officer, housing)
    support = housing_propose(
        user=ward_officer,
        household=supported,
        condition="temporary",
        need="repair",
        proposed_on=date(2026, 3, 1),
        funding={"province": 20_000_000},
    )
    for stage, day in (("approved", date(2026, 4, 1)), ("started", date(2026, 5, 1))):
        housing_advance(user=ward_officer, support=support, stage=stage, on=day)
    housing_advance(user=ward_officer, support=support, stage="accepted", on=date(2026, 8, 1))
    _groups, before = housing_figures(ward, date(2026, 7, 1))
    assert (before.counted, before.achieved) == ({deprived.pk, supported.pk}, set())
    _groups, after = housing_figures(ward, DAY)
    assert (after.counted, after.achieved) == ({deprived.pk, supported.pk}, {supported.pk})
    assert HousingSupport.objects.get().household == supported


def assessment(review_round, household, user, housing_deprived: bool):
    indicator = review_round.standard.indicators.get(code="housing_quality")
    return Assessment.objects.create(
        household=household,
        review_round=review_round,
        standard=review_round.standard,
        is_urban=True,
        members_count=3,
        income_per_capita=1_500_000,
        deprivations={indicator.code: {"deprived": housing_deprived}},
        deprivation_count=int(housing_deprived),
        classification="near_poor",
        reasons=[],
        assessed_by=user,
    )


def test_the_loan_and_housing_pages_record_and_advance(client, ward_officer, ward):
    household = near_poor(ward)
    client.force_login(ward_officer)
    loans = reverse("benefits:loans")
    response = client.post(
        f"{loans}?ward={ward.pk}",
        {
            "household_code": household.code,
            "asked_on": "01/02/2026",
            "purpose": "production",
            "amount_asked": "50.000.000",
        },
    )
    assert response.status_code == 302
    loan = Loan.objects.get()
    client.post(
        reverse("benefits:loan_edit", args=[loan.pk]),
        {
            "status": "disbursed",
            "programme": "near_poor",
            "referred_on": "05/02/2026",
            "answered_on": "01/03/2026",
            "amount_lent": "40.000.000",
            "disbursed_on": "05/03/2026",
            "term_months": "36",
        },
    )
    loan.refresh_from_db()
    assert (loan.status, loan.amount_lent) == ("disbursed", 40_000_000)
    page = client.get(loans, {"ward": ward.pk, "year": 2026}).content.decode()
    assert "100,0 %" in page
    housing = reverse("benefits:housing")
    client.post(
        f"{housing}?ward={ward.pk}",
        {
            "household_code": household.code,
            "condition": "temporary",
            "need": "build",
            "proposed_on": "01/03/2026",
            "fund_province": "40.000.000",
            "fund_household": "5.000.000",
        },
    )
    support = HousingSupport.objects.get()
    assert HousingFunding.objects.filter(support=support).count() == 2
    client.post(
        reverse("benefits:housing_stage", args=[support.pk]),
        {"stage": "approved", "on": "01/04/2026"},
    )
    support.refresh_from_db()
    assert support.stage == "approved"


def test_the_loan_and_housing_pages_are_scoped(
    client, ward_officer, other_ward_officer, approver, ward
):
    household = near_poor(ward)
    loan = loan_save(
        user=ward_officer,
        household=household,
        asked_on=date(2026, 2, 1),
        purpose="production",
        amount_asked=1_000_000,
    )
    client.force_login(other_ward_officer)
    assert client.get(reverse("benefits:loans"), {"ward": ward.pk}).status_code == 404
    assert client.get(reverse("benefits:loan_edit", args=[loan.pk])).status_code == 404
    client.force_login(approver)
    assert client.get(reverse("benefits:loans"), {"ward": ward.pk}).status_code == 200
    assert client.get(reverse("benefits:loan_edit", args=[loan.pk])).status_code == 404
    response = client.post(
        f"{reverse('benefits:housing')}?ward={ward.pk}", {"household_code": household.code}
    )
    assert response.status_code == 404 and not HousingSupport.objects.exists()


def test_the_household_page_lists_every_support_by_year_with_totals(ward, ward_officer):
    household = near_poor(ward)
    member = PersonFactory(household=household)
    lent = loan_save(
        user=ward_officer,
        household=household,
        asked_on=date(2026, 2, 1),
        purpose="production",
        amount_asked=50_000_000,
    )
    loan_save(
        user=ward_officer,
        household=household,
        loan=lent,
        status="disbursed",
        amount_lent=40_000_000,
        disbursed_on=date(2026, 3, 5),
        programme="near_poor",
    )
    support = housing_propose(
        user=ward_officer,
        household=household,
        condition="temporary",
        need="repair",
        proposed_on=date(2025, 3, 1),
        funding={"province": 20_000_000, "poverty_fund": 10_000_000},
    )
    for stage, day in (("approved", date(2025, 4, 1)), ("started", date(2025, 5, 1))):
        housing_advance(user=ward_officer, support=support, stage=stage, on=day)
    housing_advance(user=ward_officer, support=support, stage="accepted", on=date(2025, 9, 1))
    HealthCard.objects.create(
        person=member,
        number="CN3797912345678",
        first_registration="Trạm Y tế",
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
    )
    years = household_received(household)
    assert [year for year, _rows, _totals in years] == [2026, 2025]
    (_y, rows_2026, totals_2026), (_y2, rows_2025, totals_2025) = years
    assert {r["kind"] for r in rows_2026} == {"Vay vốn", "Thẻ"}
    assert ("Vay vốn", "NHCSXH", 40_000_000) in totals_2026
    assert sorted(a for _k, _s, a in totals_2025) == [10_000_000, 20_000_000]


def test_the_household_list_filters_by_having_or_lacking_a_support(client, ward_officer, ward):
    lent, other = near_poor(ward), near_poor(ward)
    loan_save(
        user=ward_officer,
        household=lent,
        asked_on=date(2026, 2, 1),
        purpose="production",
        amount_asked=10_000_000,
        status="disbursed",
        amount_lent=10_000_000,
        disbursed_on=date(2026, 2, 20),
    )
    client.force_login(ward_officer)
    url = reverse("households:list")
    has = client.get(url, {"support": "has:loan"}).content.decode()
    lacks = client.get(url, {"support": "lacks:loan"}).content.decode()
    assert lent.code in has and other.code not in has
    assert other.code in lacks and lent.code not in lacks
