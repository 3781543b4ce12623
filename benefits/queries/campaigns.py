"""Who a campaign selects: the register asked about the ceremony day (the memberships, the
classification and the cases in force then), one query per group of the campaign."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from households.models import HouseholdStatus, Membership, Relation

from .. import gifts
from ..models import Campaign, CampaignGroup, GiftRate
from .cases import payroll_cases


@dataclass(frozen=True)
class Candidate:
    person_id: int
    household_id: int
    group: CampaignGroup
    milestone: int | None
    reason: str
    cash: int
    goods: str
    goods_value: int


def campaign_candidates(campaign: Campaign) -> list[Candidate]:
    """Everyone the campaign's groups select, in the groups' order; a person selected by
    several groups once (the first group's), unless the campaign allows one gift per group.
    Never a person who died or moved away by the ceremony day: only the memberships in
    force that day are read."""
    day = campaign.ceremony_on
    rates = list(GiftRate.objects.all())
    province_id = campaign.ward.parent_id
    found: list[Candidate] = []
    seen: set[int] = set()
    for group in campaign.groups.prefetch_related("residential_groups"):
        for person_id, household_id, born in _members(campaign, group, day):
            milestone = None
            if group.selects == CampaignGroup.Selects.MILESTONE:
                milestone = gifts.milestone_reached(
                    born,
                    year=campaign.year,
                    ceremony_on=day,
                    age_on_=campaign.age_on,
                    milestones=group.milestones,
                )
                if milestone is None:
                    continue
            if campaign.one_per_person and person_id in seen:
                continue
            seen.add(person_id)
            found.append(
                _candidate(group, person_id, household_id, milestone, rates, province_id, day)
            )
    return found


def _candidate(group, person_id, household_id, milestone, rates, province_id, day) -> Candidate:
    cash, goods, goods_value = group.cash, group.goods, group.goods_value
    reason = group.label
    if milestone is not None:
        reason = _("%(group)s — %(age)s") % {
            "group": group.label,
            "age": milestone_label(milestone),
        }
        rate = gifts.gift_rate(rates, milestone, province_id, day) if group.use_rates else None
        if rate is not None:
            cash, goods, goods_value = rate.cash, rate.goods, rate.goods_value
    return Candidate(person_id, household_id, group, milestone, reason, cash, goods, goods_value)


def milestone_label(milestone: int) -> str:
    if milestone == gifts.OVER_100:
        return _("trên 100 tuổi")
    return _("tròn %(n)d tuổi") % {"n": milestone}


def _members(campaign: Campaign, group: CampaignGroup, day: date):
    """(person, household, birth date) of the ward's members on the day that the group's
    rule selects: for a household's gift, its head on the day."""
    members = (
        Membership.objects.in_force_on(day)
        .filter(household__ward_id=campaign.ward_id)
        .filter(Q(person__deceased_on__isnull=True) | Q(person__deceased_on__gt=day))
    )
    members = members.filter(Q(person__moved_out_on__isnull=True) | Q(person__moved_out_on__gt=day))
    if group.unit == CampaignGroup.Unit.HOUSEHOLD:
        members = members.filter(relation_to_head=Relation.HEAD)  # the head on the day
    places = [g.pk for g in group.residential_groups.all()]
    if places:
        members = members.filter(household__residential_group_id__in=places)
    if group.selects == CampaignGroup.Selects.CLASSIFICATION:
        classified = HouseholdStatus.objects.in_force_on(day).filter(
            household__ward_id=campaign.ward_id, classification__in=group.classifications
        )
        members = members.filter(household_id__in=classified.values("household_id"))
    elif group.selects == CampaignGroup.Selects.CASE:
        month = day.replace(day=1)
        cases = payroll_cases(campaign.ward_id, month, month)
        kinds = Q(group__in=[g for g in group.case_groups if g.startswith("K")])
        if "social_pension" in group.case_groups:
            kinds |= Q(benefit="social_pension")
        members = members.filter(person_id__in=cases.filter(kinds).values("person_id"))
    else:
        ranges = Q(pk__in=[])
        for milestone in group.milestones:
            earliest, latest = gifts.birth_range(
                milestone, year=campaign.year, ceremony_on=day, age_on_=campaign.age_on
            )
            bounds = {"person__birth_date__lte": latest}
            if earliest:
                bounds["person__birth_date__gte"] = earliest
            ranges |= Q(**bounds)
        members = members.filter(ranges)
    # In no order: the ceremony list sorts itself, and the groups' order decides who is
    # listed by which group (sorting a ward's members by residential group was a third of
    # a selection).
    return members.order_by().values_list("person_id", "household_id", "person__birth_date")
