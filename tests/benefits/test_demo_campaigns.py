"""bin/dev's demo ward gets the last Elderly Day's longevity gifts, half handed out, the
coming Tết list, cards, loans and a repaired house; seeding again adds nothing."""

import io

import pytest
from django.core.management import call_command

from benefits.models import Campaign, CampaignRecipient, HealthCard, HousingSupport, Loan


@pytest.mark.django_db
def test_the_demo_campaigns_are_seeded_once():
    call_command("load_areas", "--province", "91", stdout=io.StringIO())
    for command in ("seed_demo", "seed_demo_population", "seed_demo_reviews", "seed_demo_cases"):
        call_command(command, stdout=io.StringIO())
    for _again in range(2):
        call_command("seed_demo_campaigns", stdout=io.StringIO())
        call_command("seed_demo_supports", stdout=io.StringIO())
    longevity = Campaign.objects.get(kind=Campaign.Kind.ELDERLY_DAY)
    tet = Campaign.objects.get(kind=Campaign.Kind.TET)
    rows = longevity.recipients.all()
    assert rows.count() > 0
    assert rows.filter(received_on__isnull=False).count() == (rows.count() + 1) // 2
    assert all(r.milestone for r in rows)
    assert tet.recipients.filter(group__label="Hộ cận nghèo").count() > 0
    assert tet.recipients.filter(group__label="Đối tượng bảo trợ xã hội").count() > 0
    assert not tet.recipients.filter(received_on__isnull=False).exists()
    assert CampaignRecipient.objects.count() == rows.count() + tet.recipients.count()
    assert Loan.objects.count() == 2 and Loan.objects.filter(status="disbursed").count() == 1
    assert HousingSupport.objects.get().stage == "accepted"
    assert HealthCard.objects.count() > 0
