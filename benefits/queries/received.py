"""Everything a household's members received besides the monthly payroll, by year: gifts,
one-off supports, loans, housing support and health-insurance cards, each with its kind
and funding source, and the year's totals per kind and source (the household page)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from households.models import Membership

from ..models import (
    BenefitKind,
    CampaignRecipient,
    Funding,
    HealthCard,
    HousingFunding,
    HousingSupport,
    Loan,
    Support,
)

BANK = "nhcsxh"


@dataclass(frozen=True)
class Received:
    day: date
    kind: str  # a BenefitKind value
    what: str
    who: str
    amount: int
    source: str  # a Funding value, "household", BANK, or "" (a card: who pays is its ground's)


def household_received(household) -> list[tuple[int, list[dict], list[tuple]]]:
    """(year, items latest first {"item", "kind", "source"}, totals [(kind, source,
    amount)]) per year, the latest year first; kinds and sources as their labels."""
    members = Membership.objects.filter(household=household).values("person")
    items: list[Received] = []
    for r in CampaignRecipient.objects.filter(
        person__in=members, removed_at__isnull=True, received_on__isnull=False
    ).select_related("campaign", "person"):
        kind = BenefitKind.IN_KIND if r.goods_value else BenefitKind.ONE_OFF_CASH
        items.append(
            Received(
                r.received_on,
                kind,
                r.campaign.name,
                r.person.full_name,
                r.value,
                r.campaign.funding,
            )
        )
    supports = Support.objects.filter(
        Q(person__in=members) | Q(household=household), status=Support.Status.PAID
    ).select_related("benefit_type", "person")
    for s in supports:
        who = s.person.full_name if s.person else _("Cả hộ")
        items.append(
            Received(
                s.paid_on or s.event_on,
                s.benefit_type.kind,
                s.benefit_type.name,
                who,
                s.amount,
                s.benefit_type.funding,
            )
        )
    for loan in Loan.objects.filter(household=household, disbursed_on__isnull=False):
        items.append(
            Received(
                loan.disbursed_on,
                BenefitKind.LOAN,
                loan.get_programme_display() or loan.get_purpose_display(),
                _("Cả hộ"),
                loan.amount_lent or 0,
                BANK,
            )
        )
    accepted = HousingFunding.objects.filter(
        support__household=household, support__stage=HousingSupport.Stage.ACCEPTED
    ).select_related("support")
    for f in accepted:
        items.append(
            Received(
                f.support.accepted_on,
                BenefitKind.SERVICE,
                f.support.get_need_display(),
                _("Cả hộ"),
                f.amount,
                f.source,
            )
        )
    for card in HealthCard.objects.filter(person__in=members).select_related("person"):
        items.append(
            Received(
                card.valid_from,
                BenefitKind.CARD,
                _("Thẻ BHYT %(n)s") % {"n": card.number},
                card.person.full_name,
                0,
                "",  # who pays is the ground's, not recorded on the card
            )
        )
    return _by_year(items)


def _by_year(items: list[Received]):
    kinds = dict(BenefitKind.choices)
    sources = {**dict(Funding.choices), **dict(HousingFunding.SOURCES), BANK: _("NHCSXH")}
    years: dict[int, list[Received]] = defaultdict(list)
    for item in items:
        years[item.day.year].append(item)
    found = []
    for year in sorted(years, reverse=True):
        rows, totals = [], defaultdict(int)
        for r in sorted(years[year], key=lambda r: r.day, reverse=True):
            kind, source = kinds.get(r.kind, r.kind), sources.get(r.source, r.source)
            rows.append({"item": r, "kind": kind, "source": source})
            totals[(kind, source)] += r.amount
        found.append((year, rows, [(k, s, a) for (k, s), a in sorted(totals.items())]))
    return found
