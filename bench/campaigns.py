"""Benchmark of gift campaigns and health-insurance card worklists over one province.

Loads, in a database of its own, the register of bench/register_data.py for TP Hồ Chí Minh
alone (168 wards; 200,000 households, 700,000 persons by default, about 100 s once), the
cases of bench/case_data.py over its wards, and health-insurance cards for about 60 % of
the members of poor and near-poor households and of the protected persons.

(a) A Tết campaign in every ward (near-poor households, one gift each to the head, and
    the protected persons paid that month): `campaign_select` ward after ward, seconds for
    the province. Target ≤ 5 s.
(b) A longevity campaign in every ward (the milestones 70 … over 100 on Elderly Day):
    the same. Target ≤ 5 s.
(c) The card worklists of the biggest ward (members with their ground, those lacking a
    valid card, cards running out, coverage per residential group): p50/p95 over the
    runs. Target ≤ 300 ms p95.
(d) The approver's summary of the province (province_card_summary): p50/p95. Target
    ≤ 500 ms p95.

    .venv/bin/python bench/campaigns.py
    .venv/bin/python bench/campaigns.py --households 20000 --persons 70000 --cases 3000 \
        --db ansinh_bench_gifts_small
"""

import argparse
import sys
import time
from datetime import date

from case_data import cases_prepare
from environment import percentile, setup_django
from register_data import APPROVER_PROVINCE, prepare

SELECT_S, WARD_MS, PROVINCE_MS = 5.0, 300.0, 500.0
TET, ELDERLY_DAY, CARD_DAY = date(2026, 2, 10), date(2026, 10, 1), date(2026, 1, 15)
CARD_MARKER = "ansinh bench cards v1"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--households", type=int, default=200_000)
    p.add_argument("--persons", type=int, default=700_000)
    p.add_argument("--cases", type=int, default=30_000)
    p.add_argument("--db", default="ansinh_bench_gifts", help="database (created if missing)")
    p.add_argument("--reload", action="store_true")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--seed", type=int, default=2025)
    return p.parse_args(argv)


def cards_prepare(province, *, seed: int, say=print) -> None:
    """Cards valid through the year for ~60 % of the entitled members, 5 % running out
    within 60 days of CARD_DAY, loaded once (marked on the table)."""
    import random

    from django.db import connection
    from django.utils import timezone

    from beneficiaries.models import Case
    from benefits.models import HealthCard
    from households.models import HouseholdStatus, Membership
    from ui.bulk import insert_rows

    table = HealthCard._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description(%s::regclass, 'pg_class')", [table])
        if cursor.fetchone()[0] == CARD_MARKER:
            say("Cards already loaded.")
            return
        cursor.execute(f'TRUNCATE "{table}"')
    rng = random.Random(seed)
    classified = HouseholdStatus.objects.in_force_on(CARD_DAY).filter(
        household__ward__parent=province, classification__in=("poor", "near_poor")
    )
    people = set(
        Membership.objects.in_force_on(CARD_DAY)
        .filter(household_id__in=classified.values("household_id"))
        .values_list("person_id", flat=True)
    )
    people |= set(Case.objects.filter(ward__parent=province).values_list("person_id", flat=True))
    rows, now = [], timezone.now()
    for person in sorted(people):
        if rng.random() < 0.6:
            ends = date(2026, 2, 20) if rng.random() < 0.05 else date(2026, 12, 31)
            number = f"CN479{person:010d}"[-15:]
            rows.append((person, number, "CN", "Trạm Y tế", date(2026, 1, 1), ends, now))
    columns = ("person_id", "number", "group_code", "first_registration", "valid_from")
    insert_rows(HealthCard, (*columns, "valid_to", "created_at"), rows)
    with connection.cursor() as cursor:
        cursor.execute(f'ANALYZE "{table}"')
        cursor.execute(f'COMMENT ON TABLE "{table}" IS %s', [CARD_MARKER])
    say(f"{len(rows):,} cards loaded.")


def select_all(wards, make) -> tuple[float, int]:
    """Create and select a campaign in each ward; seconds in all and people listed."""
    from benefits.models import Campaign
    from benefits.services.campaigns import campaign_select

    Campaign.objects.filter(ward__in=wards).delete()
    campaigns = [make(ward) for ward in wards]
    started = time.perf_counter()
    listed = 0
    for campaign in campaigns:
        counts = campaign_select(user=None, campaign=campaign)
        listed += counts["added"]
    return time.perf_counter() - started, listed


def tet(ward):
    from benefits.models import BenefitType
    from benefits.services.campaigns import campaign_create

    return campaign_create(
        user=None,
        ward=ward,
        name="Quà Tết Bính Ngọ",
        kind="tet",
        year=TET.year,
        ceremony_on=TET,
        giver="UBND phường",
        funding="ward",
        benefit_type=BenefitType.objects.get(code="gift_tet"),
        groups=[
            {
                "label": "Hộ cận nghèo",
                "selects": "classification",
                "unit": "household",
                "classifications": ["near_poor"],
                "cash": 500_000,
            },
            {
                "label": "Đối tượng BTXH",
                "selects": "case",
                "case_groups": [f"K{n}" for n in range(1, 9)] + ["social_pension"],
                "cash": 400_000,
            },
        ],
    )


def longevity(ward):
    from benefits import gifts
    from benefits.models import BenefitType
    from benefits.services.campaigns import campaign_create

    return campaign_create(
        user=None,
        ward=ward,
        name="Mừng thọ 2026",
        kind="elderly_day",
        year=ELDERLY_DAY.year,
        ceremony_on=ELDERLY_DAY,
        giver="UBND phường",
        funding="ward",
        benefit_type=BenefitType.objects.get(code="gift_longevity"),
        groups=[
            {
                "label": "Người cao tuổi",
                "selects": "milestone",
                "milestones": list(gifts.MILESTONES),
                "cash": 300_000,
            }
        ],
    )


def timed(call, runs: int) -> tuple[float, float, object]:
    call()  # warm-up
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return percentile(times, 50), percentile(times, 95), result


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args.db)
    from django.db.models import Count

    from areas.models import Area, Level
    from benefits.queries.cards import (
        coverage,
        expiring,
        lacking,
        province_card_summary,
        ward_card_rows,
    )
    from households.models import Person

    prepare(
        args.households,
        args.persons,
        seed=args.seed,
        reload=args.reload,
        provinces=(APPROVER_PROVINCE,),
    )
    cases_prepare(args.cases, today=CARD_DAY, seed=args.seed, reload=args.reload)
    province = Area.objects.get(level=Level.PROVINCE, code=APPROVER_PROVINCE)
    cards_prepare(province, seed=args.seed)
    wards = list(Area.objects.filter(parent=province, level=Level.WARD).order_by("path"))
    persons = Person.objects.filter(household__ward__parent=province).count()
    sizes = dict(
        Person.objects.filter(household__ward__parent=province)
        .values_list("household__ward_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    biggest = max(wards, key=lambda w: sizes.get(w.pk, 0))
    print(
        f"{province.name}: {persons:,} persons in {len(wards)} wards (biggest {biggest.name}, "
        f"{sizes.get(biggest.pk, 0):,} persons)."
    )
    missed = []

    for label, make in (("(a) Tết campaign", tet), ("(b) longevity campaign", longevity)):
        elapsed, listed = select_all(wards, make)
        print(
            f"{label} in every ward: {elapsed:.2f} s, {listed:,} people listed "
            f"({persons / elapsed:,.0f} persons of the register a second)"
        )
        if elapsed > SELECT_S:
            missed.append(f"{label} {elapsed:.1f} s > {SELECT_S:.0f} s")

    def worklists():
        rows = ward_card_rows(biggest.pk, province.pk, CARD_DAY)
        return len(rows), len(lacking(rows)), len(expiring(rows, CARD_DAY)), coverage(rows, "")

    p50, p95, (members, lack, soon, (_groups, whole)) = timed(worklists, args.runs)
    print(
        f"(c) card worklists of {biggest.name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms "
        f"({members:,} members, {lack:,} lacking a card, {soon:,} running out, "
        f"coverage {whole.share() or 0:.1%})"
    )
    if p95 > WARD_MS:
        missed.append(f"ward worklists p95 {p95:.0f} ms > {WARD_MS:.0f} ms")
    in_province = Area.objects.filter(parent=province, level=Level.WARD)
    p50, p95, summary = timed(lambda: province_card_summary(in_province, CARD_DAY), args.runs)
    near = sum(w.entitled["near_poor"] for w in summary)
    print(
        f"(d) the province's card summary: p50 {p50:.0f} ms, p95 {p95:.0f} ms "
        f"({len(summary)} wards, {near:,} near-poor members)"
    )
    if p95 > PROVINCE_MS:
        missed.append(f"province summary p95 {p95:.0f} ms > {PROVINCE_MS:.0f} ms")
    print("\nResult: all targets met" if not missed else f"\nResult: missed: {'; '.join(missed)}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
