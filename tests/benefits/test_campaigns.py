"""Gift campaigns: the milestone rule, who the register selects on the ceremony day, the
list adjusted with reasons, and a hand-out recorded once."""

from datetime import date, timedelta

import pytest

from benefits import gifts
from benefits.models import BenefitType, Campaign, CampaignGroup, CampaignRecipient, GiftRate
from benefits.services.campaigns import (
    CampaignError,
    campaign_create,
    campaign_select,
    hand_out,
    recipient_add,
    recipient_remove,
)

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from .conftest import granted

MILESTONES = gifts.MILESTONES


@pytest.mark.parametrize(
    ("birth", "age_on", "ceremony", "expected"),
    [
        (date(1957, 8, 1), "year", date(2027, 6, 6), 70),  # 70 during 2027, after the day
        (date(1956, 8, 1), "year", date(2027, 6, 6), None),  # 71: a year past 70
        (date(1957, 12, 31), "year", date(2027, 1, 28), 70),  # year boundary, last day
        (date(1958, 1, 1), "year", date(2027, 12, 31), None),  # 69 all of 2027
        (date(1937, 3, 3), "year", date(2027, 10, 1), 90),
        (date(1927, 5, 5), "year", date(2027, 10, 1), 100),
        (date(1925, 5, 5), "year", date(2027, 10, 1), gifts.OVER_100),  # 102
        (date(1957, 6, 10), "ceremony", date(2027, 6, 6), None),  # 69 on the day
        (date(1957, 6, 6), "ceremony", date(2027, 6, 6), 70),  # 70 that very day
        (date(1956, 2, 29), "ceremony", date(2026, 2, 28), None),  # 29 Feb: 70 on 1 March
        (date(1956, 2, 29), "ceremony", date(2026, 3, 1), 70),
        (None, "year", date(2027, 6, 6), None),
    ],
)
def test_the_milestone_reached_is_due_only_in_its_year(birth, age_on, ceremony, expected):
    found = gifts.milestone_reached(
        birth, year=ceremony.year, ceremony_on=ceremony, age_on_=age_on, milestones=MILESTONES
    )
    assert found == expected


def test_over_100_is_due_only_when_the_campaign_lists_it():
    found = gifts.milestone_reached(
        date(1920, 1, 1),
        year=2027,
        ceremony_on=date(2027, 1, 20),
        age_on_="year",
        milestones=(90, 100),
    )
    assert found is None


@pytest.mark.parametrize("age_on", ["year", "ceremony"])
@pytest.mark.parametrize("ceremony", [date(2027, 6, 6), date(2028, 2, 29), date(2027, 1, 1)])
def test_the_birth_ranges_searched_hold_exactly_those_reaching_the_milestone(age_on, ceremony):
    for milestone in (70, 90, 100, gifts.OVER_100):
        earliest, latest = gifts.birth_range(
            milestone, year=ceremony.year, ceremony_on=ceremony, age_on_=age_on
        )
        start = date(ceremony.year - milestone - 3, 1, 1)
        for offset in range(0, 4 * 366, 3):
            born = start + timedelta(days=offset)
            inside = (earliest is None or born >= earliest) and born <= latest
            reached = gifts.milestone_reached(
                born,
                year=ceremony.year,
                ceremony_on=ceremony,
                age_on_=age_on,
                milestones=MILESTONES,
            )
            assert inside == (reached == milestone), (milestone, born)


def test_the_gift_of_a_milestone_is_the_provinces_own_else_the_national_one(province):
    national = list(GiftRate.objects.filter(province=None))
    assert gifts.gift_rate(national, 90, province.pk, date(2027, 6, 6)).cash == 500_000
    assert gifts.gift_rate(national, 100, province.pk, date(2027, 6, 6)).cash == 700_000
    assert gifts.gift_rate(national, 70, province.pk, date(2027, 6, 6)) is None
    own = GiftRate.objects.create(
        province=province, milestone=90, cash=1_000_000, valid_from=date(2026, 1, 1)
    )
    rates = [*national, own]
    assert gifts.gift_rate(rates, 90, province.pk, date(2027, 6, 6)) == own
    assert gifts.gift_rate(rates, 90, None, date(2027, 6, 6)).cash == 500_000


# --- selection from the register ------------------------------------------------------------

TET = date(2027, 1, 28)


def household(ward, classification=None, *, since=date(2025, 1, 1), **head):
    h = HouseholdFactory(ward=ward)
    if classification:
        HouseholdStatusFactory(
            household=h, year=since.year, valid_from=since, classification=classification
        )
    return h, PersonFactory(household=h, **head)


def campaign(user, ward, *groups, ceremony=TET, kind="tet", **fields):
    return campaign_create(
        user=user,
        groups=list(groups),
        ward=ward,
        name=fields.pop("name", "Quà Tết Đinh Mùi"),
        kind=kind,
        year=ceremony.year,
        ceremony_on=ceremony,
        giver="UBND phường",
        funding="ward",
        benefit_type=BenefitType.objects.get(code="gift_tet"),
        **fields,
    )


NEAR_POOR = {
    "label": "Hộ cận nghèo",
    "selects": "classification",
    "unit": "household",
    "classifications": ["near_poor"],
    "cash": 500_000,
    "goods": "Bánh chưng, gạo",
    "goods_value": 300_000,
}
LONGEVITY = {
    "label": "Người cao tuổi",
    "selects": "milestone",
    "milestones": list(MILESTONES),
    "cash": 300_000,
}


def listed(c: Campaign) -> dict[int, CampaignRecipient]:
    return {r.person_id: r for r in c.recipients.filter(removed_at__isnull=True)}


def test_a_tet_campaign_selects_the_heads_of_households_near_poor_on_its_day(ward, ward_officer):
    _h, head = household(ward, "near_poor")
    member = PersonFactory(household=head.household, relation_to_head="child")
    _p, poor = household(ward, "poor")
    _l, later = household(ward, "near_poor", since=date(2027, 2, 1))  # after the day
    _d, dead = household(ward, "near_poor", deceased_on=date(2026, 12, 1))
    _m, gone = household(ward, "near_poor", moved_out_on=date(2026, 11, 3))
    c = campaign(ward_officer, ward, NEAR_POOR)
    counts = campaign_select(user=ward_officer, campaign=c)
    found = listed(c)
    assert set(found) == {head.pk}
    assert counts == {"added": 1, "kept": 0, "removed": 0}
    assert found[head.pk].cash == 500_000 and found[head.pk].goods_value == 300_000
    assert not {member.pk, poor.pk, later.pk, dead.pk, gone.pk} & set(found)


def test_a_campaign_by_category_selects_the_protected_persons_paid_that_month(ward, ward_officer):
    _h, elderly = household(ward, "poor", birth_date=date(1949, 4, 15))
    granted(ward_officer, elderly, decided_on=date(2026, 3, 10))
    household(ward, "poor", birth_date=date(1949, 4, 15))  # no case
    group = {"label": "Đối tượng BTXH", "selects": "case", "case_groups": ["K5"], "cash": 400_000}
    c = campaign(ward_officer, ward, group)
    campaign_select(user=ward_officer, campaign=c)
    assert set(listed(c)) == {elderly.pk}


def test_longevity_gifts_go_to_each_milestone_reached_with_the_national_amounts(ward, ward_officer):
    h, seventy = household(ward, birth_date=date(1957, 3, 1))
    ninety = PersonFactory(household=h, relation_to_head="parent", birth_date=date(1937, 9, 9))
    past = PersonFactory(household=h, relation_to_head="parent", birth_date=date(1936, 9, 9))
    c = campaign(ward_officer, ward, LONGEVITY, ceremony=date(2027, 10, 1), kind="elderly_day")
    campaign_select(user=ward_officer, campaign=c)
    found = listed(c)
    assert set(found) == {seventy.pk, ninety.pk}
    assert past.pk not in found  # 91: a year past 90
    assert (found[seventy.pk].milestone, found[seventy.pk].cash) == (70, 300_000)
    assert (found[ninety.pk].milestone, found[ninety.pk].cash) == (90, 500_000)
    assert found[ninety.pk].goods_value == 150_000
    assert "tròn 90 tuổi" in found[ninety.pk].reason


def test_a_person_in_two_groups_gets_one_gift_unless_the_campaign_allows_more(ward, ward_officer):
    _h, head = household(ward, "near_poor", birth_date=date(1937, 1, 2))
    one = campaign(ward_officer, ward, NEAR_POOR, LONGEVITY)
    campaign_select(user=ward_officer, campaign=one)
    assert one.recipients.count() == 1
    assert one.recipients.get().group.label == "Hộ cận nghèo"
    both = campaign(ward_officer, ward, NEAR_POOR, LONGEVITY, one_per_person=False, name="B")
    campaign_select(user=ward_officer, campaign=both)
    assert both.recipients.filter(person=head).count() == 2


def test_adjustments_keep_their_reasons_and_survive_making_the_list_again(
    ward, ward_officer, other_ward
):
    _a, first = household(ward, "near_poor")
    _b, second = household(ward, "near_poor")
    _c, poor = household(ward, "poor")
    _o, elsewhere = household(other_ward, "near_poor")
    c = campaign(ward_officer, ward, NEAR_POOR)
    campaign_select(user=ward_officer, campaign=c)
    with pytest.raises(CampaignError):
        recipient_remove(user=ward_officer, recipient=listed(c)[first.pk], reason=" ")
    recipient_remove(user=ward_officer, recipient=listed(c)[first.pk], reason="Đã nhận ở MTTQ")
    added = recipient_add(user=ward_officer, campaign=c, person=poor, note="Hộ khó khăn đột xuất")
    with pytest.raises(CampaignError):
        recipient_add(user=ward_officer, campaign=c, person=poor, note="Lần nữa")
    with pytest.raises(CampaignError):
        recipient_add(user=ward_officer, campaign=c, person=elsewhere, note="Khác phường")
    counts = campaign_select(user=ward_officer, campaign=c)
    assert counts["added"] == 0
    assert set(listed(c)) == {second.pk, poor.pk}
    removed = c.recipients.get(person=first)
    assert removed.removed_reason == "Đã nhận ở MTTQ" and removed.removed_by == ward_officer
    added.refresh_from_db()
    assert added.source == "added" and added.note == "Hộ khó khăn đột xuất"
    assert added.added_by == ward_officer and added.cash == 500_000


def test_a_hand_out_is_recorded_once(ward, ward_officer):
    _h, head = household(ward, "near_poor")
    c = campaign(ward_officer, ward, NEAR_POOR)
    campaign_select(user=ward_officer, campaign=c)
    row = listed(c)[head.pk]
    assert hand_out(user=ward_officer, recipient=row, received_on=date(2026, 12, 1))
    first = row.recorded_at
    again = hand_out(
        user=ward_officer, recipient=row, received_on=date(2026, 12, 2), received_by="Con gái"
    )
    assert again is False
    row.refresh_from_db()
    assert (row.received_on, row.recorded_at, row.received_by) == (date(2026, 12, 1), first, "")
    # handed out: kept when the list is made again, even after its household left the group
    HouseholdStatusFactory(
        household=head.household, year=2027, valid_from=date(2027, 1, 1), classification="poor"
    )
    campaign_select(user=ward_officer, campaign=c)
    assert listed(c)[head.pk].received_on == date(2026, 12, 1)


def test_another_wards_officer_changes_nothing(ward, ward_officer, other_ward_officer):
    _h, head = household(ward, "near_poor")
    c = campaign(ward_officer, ward, NEAR_POOR)
    with pytest.raises(CampaignError):
        campaign_select(user=other_ward_officer, campaign=c)
    campaign_select(user=ward_officer, campaign=c)
    with pytest.raises(CampaignError):
        hand_out(user=other_ward_officer, recipient=listed(c)[head.pk], received_on=TET)
    with pytest.raises(CampaignError):
        campaign(other_ward_officer, ward, NEAR_POOR)
    assert not c.recipients.filter(received_on__isnull=False).exists()
    assert CampaignGroup.objects.filter(campaign__ward=ward).count() == 1
