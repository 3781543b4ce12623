"""The data of bench/payroll.py: one province's wards, a household per beneficiary and
50,000 cases granted in it, loaded once with COPY, plus the approved payrolls of the three
months before the benchmark's month.

Each case meets a category with a non-zero amount: K5a elderly of poor households without
a supporter, K5c from 80 without a pension, K6 severely disabled (a few with the care
allowance of a household caring for them), social pensions from 75, K1 orphans and K4
single parents. About a third are paid by bank or e-wallet, a few through a receiver.

The wards pay through ansinh from three months before the month (`first_month`): those
three payrolls are generated and approved with the service, month after month. Then what
came late is recorded: a few hundred grants effective two months back (arrears) and a few
hundred deaths three months back (recoveries of the two months paid since, and the funeral
support). The month itself is what bench/payroll.py generates.
"""

import json
import random
import time
from datetime import date

from people import NameMaker, national_id
from register_data import CREATED, _Copier, _groups_create

LOADER = "ansinh bench payroll v1"
PROVINCE = "79"  # TP Hồ Chí Minh: 168 wards
PREFIX = "079"
STREETS = ("Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Điện Biên Phủ", "Võ Thị Sáu", "Hùng Vương")
TABLES = tuple(
    f"{app}_{name}"
    for app, names in (
        ("households", "household person householdstatus membership"),
        ("beneficiaries", "case caseevent"),
        ("benefits", "paymentarrangement careallowance payrollline payroll payrollpolicy"),
    )
    for name in names.split()
)


def months_before(month: date, n: int) -> date:
    m = month.year * 12 + month.month - 1 - n
    return date(m // 12, m % 12 + 1, 1)


def prepare(cases: int, wards: int, *, month: date, seed: int, reload: bool, say=print):
    """Migrate, load the province and (unless present) the cases and earlier payrolls.
    Return (province, wards, seconds the load took or None)."""
    from django.core.management import call_command
    from django.db import connection

    from areas.models import Area, Level
    from areas.services import areas_load

    call_command("migrate", verbosity=0)
    if not Area.objects.filter(level=Level.PROVINCE, code=PROVINCE).exists():
        areas_load(province_code=PROVINCE)
    province = Area.objects.get(level=Level.PROVINCE, code=PROVINCE)
    chosen = list(Area.objects.filter(level=Level.WARD, parent=province).select_related("parent"))
    chosen = sorted(chosen, key=lambda a: a.path)[:wards]
    _groups_create(chosen, random.Random(seed))
    marker = f"{LOADER}: {cases} cases, {wards} wards, seed {seed}, month {month:%Y-%m}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description('beneficiaries_case'::regclass, 'pg_class')")
        present = cursor.fetchone()[0]
    if present == marker and not reload:
        say("Data already loaded.")
        return province, chosen, None
    started = time.perf_counter()
    say(f"Loading {cases:,} cases in {len(chosen)} wards…")
    late = _load(cases, chosen, month=month, seed=seed)
    say(f"  COPY and ANALYZE {time.perf_counter() - started:.1f} s")
    _earlier_payrolls(chosen, month, say=say)
    _late_news(late, month, seed=seed, say=say)
    with connection.cursor() as cursor:
        cursor.execute("COMMENT ON TABLE beneficiaries_case IS %s", [marker])
    elapsed = time.perf_counter() - started
    say(f"Loaded in {elapsed:.1f} s.")
    return province, chosen, elapsed


# (share, group, benefit, age range, household, flags, disability)
MIX = (
    (0.38, "K5", "allowance", (60, 95), "poor", ["no_supporter"], ""),
    (0.14, "K5", "allowance", (80, 98), "none", ["no_pension"], ""),
    (0.22, "K6", "allowance", (18, 90), "near_poor", [], "severe"),
    (0.06, "K6", "allowance", (5, 90), "none", [], "particularly_severe"),
    (0.15, "", "social_pension", (75, 95), "none", [], ""),
    (0.03, "K1", "allowance", (5, 15), "none", ["orphan"], ""),
    (0.02, "K4", "allowance", (25, 45), "poor", ["single_parent"], ""),
)


def _profile(rng, today: date) -> dict:
    share, group, benefit, (low, high), household, flags, disability = rng.choices(
        MIX, weights=[m[0] for m in MIX]
    )[0]
    born = date(today.year - rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
    return {
        "group": group,
        "benefit": benefit,
        "born": born,
        "household": household,
        "flags": flags,
        "disability": disability,
    }


def _load(count: int, wards, *, month: date, seed: int) -> list[int]:
    """COPY the households, persons and cases; return the ids of the late grants."""
    from django.db import connection, transaction

    from areas.models import Area, Level
    from beneficiaries.models import CareAllowanceRate, Case, CaseEvent
    from benefits.models import CareAllowance, PaymentArrangement
    from households.models import Household, HouseholdStatus, Membership, Person

    rng = random.Random(seed)
    groups: dict[int, list] = {}
    for g in Area.objects.filter(level=Level.RESIDENTIAL_GROUP, parent__in=wards):
        groups.setdefault(g.parent_id, []).append(g)
    weights = [rng.uniform(0.3, 2.0) for _ in wards]
    placed = sorted(rng.choices(range(len(wards)), weights=weights, k=count))
    caring = CareAllowanceRate.objects.get(code="household_caring", province=None).pk
    clerk = _clerk()
    models = (
        Household,
        Person,
        HouseholdStatus,
        Membership,
        Case,
        CaseEvent,
        PaymentArrangement,
        CareAllowance,
    )
    state = {
        "rng": rng,
        "name": NameMaker(rng),
        "used": set(),
        "person": 0,
        "event": 0,
        "late": [],
        "first": months_before(month, 3),
        "caring": caring,
        "clerk": clerk,
    }
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cursor.execute("SET LOCAL session_replication_role = replica")
        copier = _Copier(cursor)
        for m in models:
            copier.table(m, skip=("id",) if m is Membership else ())
        for case_id, i in enumerate(placed, 1):
            ward = wards[i]
            _household(copier, state, case_id, ward, rng.choice(groups[ward.pk]), month)
        copier.flush()
        for m in models:
            table = m._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(TABLES)}")
    return state["late"]


def _clerk() -> int:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench_loader", defaults={"first_name": "Nạp", "last_name": "Dữ liệu"}
    )
    return user.pk


def _person(copier, state, household_id: int, sex: str, born: date, relation: str, **extra):
    from households.models import Membership, Person

    state["person"] += 1
    row = {
        "id": state["person"],
        "household_id": household_id,
        "full_name": state["name"](sex),
        "national_id": national_id(state["rng"], PREFIX, born.year, sex, state["used"])
        if born.year < 2012
        else "",
        "birth_date": born,
        "sex": sex,
        "relation_to_head": relation,
        "created_at": CREATED,
        "updated_at": CREATED,
        **extra,
    }
    row["search_name"] = row["full_name"].lower()
    copier.add(Person, row)
    copier.add(
        Membership,
        {
            "person_id": row["id"],
            "household_id": household_id,
            "relation_to_head": relation,
            "started_on": date(2024, 1, 1),
            "join_reason": "registered",
            "created_at": CREATED,
        },
    )
    return row


def _household(copier, state, hid: int, ward, group, month: date) -> None:
    """A household holding one beneficiary (its head) and up to three relatives."""
    from households.models import Household, HouseholdStatus

    rng = state["rng"]
    profile = _profile(rng, month)
    copier.add(
        Household,
        {
            "id": hid,
            "ward_id": ward.pk,
            "residential_group_id": group.pk,
            "code": f"{group.code}-{hid:06d}",
            "address": f"{rng.randint(1, 400)} {rng.choice(STREETS)}, {group.name}",
            "version": 1,
            "created_at": CREATED,
            "updated_at": CREATED,
        },
    )
    copier.add(
        HouseholdStatus,
        {
            "id": hid,
            "household_id": hid,
            "year": 2025,
            "valid_from": date(2025, 1, 1),
            "classification": profile["household"],
            "decision_number": f"{rng.randint(1, 999)}/QĐ-UBND",
            "decision_date": date(2024, 12, 20),
            "created_at": CREATED,
            "updated_at": CREATED,
        },
    )
    sex = rng.choice(("male", "female"))
    person = _person(
        copier, state, hid, sex, profile["born"], "head", disability_level=profile["disability"]
    )
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        born = date(rng.randint(1950, 2015), rng.randint(1, 12), rng.randint(1, 28))
        _person(copier, state, hid, rng.choice(("male", "female")), born, "child")
    _case(copier, state, hid, ward, person, profile)


def _case(copier, state, case_id: int, ward, person: dict, profile: dict) -> None:
    from beneficiaries.models import Case
    from benefits.models import CareAllowance

    rng = state["rng"]
    late = rng.random() < 0.008  # granted after the earlier payrolls, effective back
    start = months_before(state["first"], rng.randint(0, 40))
    applied = months_before(start, 1).replace(day=rng.randint(1, 28))
    copier.add(
        Case,
        {
            "id": case_id,
            "person_id": person["id"],
            "ward_id": ward.pk,
            "benefit": profile["benefit"],
            "group": profile["group"],
            "status": "screening" if late else "active",
            "applied_on": applied,
            "flags": json.dumps(profile["flags"]),
            "children_raised": 2 if profile["group"] == "K4" else 0,
            "documents": json.dumps([]),
            "start_month": None if late else start,
            "version": 1,
            "created_at": CREATED,
            "updated_at": CREATED,
        },
    )
    _event(copier, state, case_id, "intake", applied)
    if late:
        state["late"].append(case_id)
    else:
        _event(copier, state, case_id, "granted", applied.replace(day=28), effective_month=start)
    if profile["disability"] == "particularly_severe" and rng.random() < 0.3:
        copier.add(
            CareAllowance,
            {
                "id": case_id,
                "case_id": case_id,
                "rate_id": state["caring"],
                "carer_name": state["name"](rng.choice(("male", "female"))),
                "start_month": start,
                "decision_number": f"{rng.randint(1, 300)}/QĐ-UBND",
                "created_at": CREATED,
            },
        )
    _arrangement(copier, state, case_id, person["id"])


def _arrangement(copier, state, case_id: int, person_id: int) -> None:
    """About a third paid by bank or e-wallet, one in ten of them through a receiver."""
    from benefits.models import PaymentArrangement

    rng = state["rng"]
    roll = rng.random()
    if roll >= 0.38:
        return  # no arrangement: cash at the ward
    bank = roll < 0.28
    account = f"{rng.randrange(10**11, 10**12)}" if bank else f"09{rng.randrange(10**8):08d}"
    receiver = state["name"]("female") if rng.random() < 0.1 else ""
    row = {"id": case_id, "person_id": person_id, "method": "bank" if bank else "ewallet"}
    row |= {"account_number": account, "bank_name": "Agribank" if bank else "VNPT Money"}
    row |= {"receiver_name": receiver, "receiver_relation": "con" if receiver else ""}
    copier.add(PaymentArrangement, {**row, "updated_at": CREATED})


def _event(copier, state, case_id: int, kind: str, day: date, **values) -> None:
    from beneficiaries.models import CaseEvent

    state["event"] += 1
    copier.add(
        CaseEvent,
        {
            "id": state["event"],
            "case_id": case_id,
            "kind": kind,
            "happened_on": day,
            "created_by_id": state["clerk"],
            "created_at": CREATED,
            **values,
        },
    )


def _earlier_payrolls(wards, month: date, *, say) -> None:
    """Each ward pays through ansinh from three months back: generate and approve those
    months' payrolls with the service, in order (each settles against the ones before)."""
    from benefits.models import Payroll, PayrollPolicy
    from benefits.services.payrolls import payroll_generate

    first = months_before(month, 3)
    PayrollPolicy.objects.bulk_create([PayrollPolicy(ward=w, first_month=first) for w in wards])
    for n in (3, 2, 1):
        earlier = months_before(month, n)
        started = time.perf_counter()
        for ward in wards:
            payroll_generate(user=None, ward=ward, month=earlier)
        Payroll.objects.filter(month=earlier).update(status=Payroll.Status.APPROVED)
        say(
            f"  payrolls of {earlier:%m/%Y} generated and approved in "
            f"{time.perf_counter() - started:.1f} s"
        )


def _late_news(late: list[int], month: date, *, seed: int, say) -> None:
    """After the earlier payrolls: grants effective two months back, deaths three months
    back reported only now (their cases end from the month after the death)."""
    from django.db import connection

    from beneficiaries.models import Case, CaseEvent

    rng = random.Random(seed + 1)
    clerk = _clerk()
    two_back, three_back = months_before(month, 2), months_before(month, 3)
    Case.objects.filter(pk__in=late).update(status="active", start_month=two_back)
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case_id=c,
            kind="granted",
            happened_on=month.replace(day=2),
            effective_month=two_back,
            decision_number="99/QĐ-UBND",
            created_by_id=clerk,
        )
        for c in late
    )
    active = list(
        Case.objects.filter(status="active").exclude(pk__in=late).values_list("pk", "person_id")
    )
    dead = rng.sample(active, min(300, len(active) // 20))
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE households_person SET deceased_on = %s WHERE id = %s",
            [(three_back.replace(day=rng.randint(1, 28)), person) for _, person in dead],
        )
    Case.objects.filter(pk__in=[c for c, _ in dead]).update(status="terminated", end_month=two_back)
    why = {"reason": "death", "created_by_id": clerk, "happened_on": month.replace(day=2)}
    CaseEvent.objects.bulk_create(
        CaseEvent(case_id=c, kind="terminated", effective_month=two_back, **why) for c, _ in dead
    )
    say(
        f"  recorded late: {len(late)} grants effective {two_back:%m/%Y}, "
        f"{len(dead)} deaths of {three_back:%m/%Y}"
    )
