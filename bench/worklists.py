"""Benchmark of the ward dashboard's worklists with 50,000 social-assistance cases.

Uses the register of bench/register_data.py (200,000 households, 700,000 persons of three
provinces, loaded when missing, about 100 s) in a database of its own, and adds 50,000
cases spread over the wards of TP Hồ Chí Minh (the approver's province), drawn from its
residents the way offices hold them: mostly the elderly (K5 and the social pension), the
severely disabled (K6), some children and single parents; mostly active, some suspended,
terminated, refused, moved away or waiting for a decision; a share unpaid for one to six
months; and the deaths of the register, some not yet recorded on the case. Cases are
dated from the day the benchmark runs (applications, unpaid months), and loaded again when
that day or the sizes change (a few seconds). Public holidays of 2025–2026 are added.

It times what each page computes and the page itself, GET worklists:index with Django's
test client (full HTML): for the ward officer of the biggest ward, `worklists()`, the six
lists of the ward; for the approver of the province, `ward_summary()`, each of its 168
wards' counts, and the page of the biggest ward opened from it. It prints p50/p95 after a
warm-up, the SQL queries of a call, each list's total and a verdict against the target:
the worklists of 50,000 cases render in ≤ 300 ms p95 (every measurement).

    .venv/bin/python bench/worklists.py                   # 50,000 cases
    .venv/bin/python bench/worklists.py --runs 30 --explain
    .venv/bin/python bench/worklists.py --cases 5000 --households 20000 --persons 70000 \
        --db ansinh_bench_cases_small

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise
(a URL without the database name); the database is created when missing.
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta

from environment import percentile, setup_django
from register_data import APPROVER_PROVINCE, CREATED, _Copier, _historical, actors, prepare

TARGET_MS = 300.0
# Marks the cases this version loaded (COMMENT ON TABLE): other sizes, seed or day reload.
LOADER = "ansinh bench cases v1"
HOLIDAYS = {
    date(2025, 1, 1): "Tết Dương lịch",
    **{date(2025, 1, 25) + timedelta(days=n): "Tết Nguyên đán" for n in range(9)},
    date(2025, 4, 7): "Giỗ Tổ Hùng Vương",
    date(2025, 4, 30): "Ngày Giải phóng miền Nam",
    date(2025, 5, 1): "Ngày Quốc tế Lao động",
    date(2025, 5, 2): "Nghỉ bù",
    date(2025, 9, 1): "Quốc khánh",
    date(2025, 9, 2): "Quốc khánh",
    date(2026, 1, 1): "Tết Dương lịch",
    **{date(2026, 2, 14) + timedelta(days=n): "Tết Nguyên đán" for n in range(9)},
    date(2026, 4, 27): "Giỗ Tổ Hùng Vương",
    date(2026, 4, 30): "Ngày Giải phóng miền Nam",
    date(2026, 5, 1): "Ngày Quốc tế Lao động",
    date(2026, 9, 1): "Quốc khánh",
    date(2026, 9, 2): "Quốc khánh",
}
LIST_NAMES = {
    "coefficient_changes": "coefficient changes next month",
    "pension_candidates": "pension / K5c candidates",
    "unpaid": "3 months unpaid",
    "suspended": "suspended",
    "deceased": "deceased with an open case",
    "overdue": "decisions overdue",
}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", type=int, default=50_000)
    p.add_argument("--households", type=int, default=200_000)
    p.add_argument("--persons", type=int, default=700_000)
    p.add_argument("--db", default="ansinh_bench_cases", help="database (created if missing)")
    p.add_argument("--reload", action="store_true", help="load the register and cases again")
    p.add_argument("--runs", type=int, default=30, help="timed runs per measurement")
    p.add_argument("--warmup", type=int, default=3, help="untimed runs per measurement")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the province's SQL")
    return p.parse_args(argv)


# --- The cases ------------------------------------------------------------------------


def _weight(age: int, disability: str) -> float:
    """How likely a resident is to hold a case: the elderly and the severely disabled."""
    if disability in ("particularly_severe", "severe"):
        return 40.0
    if age >= 80:
        return 25.0
    if age >= 75:
        return 12.0
    if age >= 60:
        return 2.0
    if age < 16:
        return 0.6
    return 0.4


def _group(age: int, disability: str, rng) -> str:
    if disability in ("particularly_severe", "severe"):
        return "K6"
    if age >= 60:
        return "K5"
    if age < 16:
        return rng.choice(("K1", "K1", "K3", "K7"))
    if age < 22:
        return "K2"
    return rng.choice(("K4", "K4", "K8"))


def _month(day: date) -> date:
    return day.replace(day=1)


def _months_before(day: date, n: int) -> date:
    month = day.year * 12 + day.month - 1 - n
    return date(month // 12, month % 12 + 1, 1)


def cases_prepare(count: int, *, today: date, seed: int, reload: bool, say=print):
    """Load `count` cases over the approver's province unless they are there for today."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from beneficiaries.models import Case, Holiday

    for day, name in HOLIDAYS.items():
        Holiday.objects.get_or_create(day=day, defaults={"name": name})
    marker = f"{LOADER}: {count} cases, seed {seed}, today {today:%Y-%m-%d}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description(%s::regclass, 'pg_class')", [Case._meta.db_table])
        present = cursor.fetchone()[0]
    if not reload and present == marker and Case.objects.count() == count:
        say(f"Cases already loaded ({count:,}).")
        return None
    say(f"Loading {count:,} cases…")
    started = time.perf_counter()
    clerk, _ = get_user_model().objects.get_or_create(
        username="bench_loader", defaults={"first_name": "Nạp", "last_name": "Dữ liệu"}
    )
    _cases_load(count, today=today, seed=seed, clerk=clerk.pk)
    with connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON TABLE "{Case._meta.db_table}" IS %s', [marker])
    elapsed = time.perf_counter() - started
    say(f"Loaded and analysed in {elapsed:.1f} s.")
    return elapsed


def _cases_load(count: int, *, today: date, seed: int, clerk: int) -> None:
    from django.db import connection, transaction

    from beneficiaries.models import Case, CaseEvent, CaseNote, Referral
    from beneficiaries.rules import age_on

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, p.birth_date, p.deceased_on, p.moved_out_on, p.disability_level, "
            "h.ward_id FROM households_person p "
            "JOIN households_household h ON h.id = p.household_id "
            "JOIN areas_area w ON w.id = h.ward_id "
            "JOIN areas_area pr ON pr.id = w.parent_id "
            "WHERE pr.code = %s AND p.birth_date IS NOT NULL ORDER BY p.id",
            [APPROVER_PROVINCE],
        )
        residents = cursor.fetchall()
    if len(residents) < count:
        raise SystemExit(f"Only {len(residents):,} residents in the province for {count:,} cases")
    # Weighted sampling without replacement (Efraimidis–Spirakis): the top keys win.
    keyed = sorted(
        residents,
        key=lambda r: rng.random() ** (1.0 / _weight(age_on(r[1], today), r[4])),
        reverse=True,
    )[:count]
    keyed.sort()  # by person id: cases were opened over time, not by weight

    history = Case.history.model
    tables = [Case, CaseEvent, history, CaseNote, Referral]
    names = ", ".join(m._meta.db_table for m in tables)
    first_month = date(2021, 7, 1)
    event_id = 0
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        cursor.execute("SET LOCAL session_replication_role = replica")
        copier = _Copier(cursor)
        for m in (Case, CaseEvent):
            copier.table(m)
        copier.table(history, skip=("history_id",))

        def event(case_id, kind, day, **values):
            nonlocal event_id
            event_id += 1
            copier.add(
                CaseEvent,
                {
                    "id": event_id,
                    "case_id": case_id,
                    "kind": kind,
                    "happened_on": day,
                    "created_by_id": clerk,
                    "created_at": CREATED,
                    **values,
                },
            )

        for case_id, (person_id, birth, died, moved, disability, ward_id) in enumerate(keyed, 1):
            age = age_on(birth, today)
            group = _group(age, disability, rng)
            pension = group == "K5" and age >= 75 and rng.random() < 0.5
            roll = rng.random()
            if died:
                status = (
                    "terminated"
                    if roll < 0.65
                    else rng.choice(("active",) * 8 + ("suspended", "screening"))
                )
            elif moved:
                status = "transferred_out" if roll < 0.7 else "active"
            elif roll < 0.86:
                status = "active"
            elif roll < 0.88:
                status = "suspended"
            elif roll < 0.92:
                status = "terminated"
            elif roll < 0.94:
                status = "refused"
            elif roll < 0.97:
                status = "intake"
            else:
                status = "screening"
            latest = died or today  # the dead applied while alive
            if status in ("intake", "screening"):
                applied = latest - timedelta(days=rng.randint(0, 45))
            else:
                span = (latest - timedelta(days=60) - first_month).days
                applied = first_month + timedelta(days=rng.randint(0, max(span, 0)))
            decided = applied + timedelta(days=rng.randint(5, 20))
            paying = status in ("active", "suspended", "terminated", "transferred_out")
            start = _month(decided) if paying else None
            end = None
            if status == "terminated":
                stop = died or decided + timedelta(days=rng.randint(60, 900))
                end = _months_before(min(stop, today), -1)
            elif status == "transferred_out":
                end = _months_before(moved or today, -1)
            unpaid = None
            if status == "active" and rng.random() < 0.06:
                unpaid = _months_before(today, rng.randint(0, 5))
            elif status == "suspended":
                unpaid = _months_before(today, rng.randint(3, 9))
            row = {
                "id": case_id,
                "person_id": person_id,
                "ward_id": ward_id,
                "benefit": "social_pension" if pension else "allowance",
                "group": "" if pension else group,
                "status": status,
                "applied_on": applied,
                "flags": json.dumps([]),
                "children_raised": 1 if group == "K4" else 0,
                "pension_amount": 0,
                "documents": json.dumps([]),
                "needs": "",
                "start_month": start,
                "end_month": end,
                "unpaid_since": unpaid,
                "version": 1,
                "created_at": CREATED,
                "updated_at": CREATED,
            }
            copier.add(Case, row)
            copier.add(history, _historical(row))
            event(case_id, "intake", applied)
            if status == "intake":
                continue
            event(case_id, "screened", applied + timedelta(days=rng.randint(1, 4)))
            if status == "refused":
                event(case_id, "refused", decided, note="Không đủ điều kiện")
                continue
            if status == "screening":
                continue
            event(
                case_id,
                "granted",
                decided,
                effective_month=start,
                decision_number=f"{rng.randint(1, 300):02d}/QĐ-UBND",
                decision_date=decided,
                signer="Chủ tịch UBND",
                category=group,
            )
            if status == "suspended":
                event(case_id, "suspended", today - timedelta(days=rng.randint(1, 120)))
            elif status == "terminated":
                event(
                    case_id,
                    "terminated",
                    end - timedelta(days=1),
                    effective_month=end,
                    reason="death" if died else "ineligible",
                )
            elif status == "transferred_out":
                event(case_id, "transferred_out", end - timedelta(days=1), effective_month=end)
        copier.flush()
        for m in (Case, CaseEvent):
            table = m._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {names}")


# --- Measurements ---------------------------------------------------------------------


def plan(people, today):
    """[(label, who, run)]: run(user) makes one call, as a request would.

    The ward officer's page holds the six lists of their ward; the approver's first page
    holds each ward's counts, and a ward opened from it holds that ward's lists.
    """
    from django.test import Client
    from django.urls import reverse

    from areas.queries import wards_visible_to
    from beneficiaries.worklists import ward_summary, worklists

    url = reverse("worklists:index")
    officer_ward = people["officer"][1]

    def lists(u):
        return worklists(u, today=today)

    def summary(u):
        wards = list(wards_visible_to(u).order_by("name").values_list("pk", "name"))
        return ward_summary(u, today=today, wards=wards)

    def page(who, params, marker):
        client = Client()
        client.force_login(people[who][0])

        def run(_u):
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code
            assert marker in response.content
            return response

        return run

    return [
        ("ward officer: worklists()", "officer", lists),
        (f"ward officer: page GET {url}", "officer", page("officer", {}, b'id="overdue"')),
        ("approver: ward_summary()", "approver", summary),
        (f"approver: page GET {url}", "approver", page("approver", {}, b'id="by-ward"')),
        (
            "approver: page of the biggest ward",
            "approver",
            page("approver", {"ward": officer_ward.pk}, b'id="overdue"'),
        ),
    ]


def measure(args, steps, user_of) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, who, run in steps:
        for _ in range(args.warmup):
            run(user_of(who))
        with CaptureQueriesContext(connection) as ctx:
            run(user_of(who))
        queries = ctx.captured_queries
        times = []
        for _ in range(args.runs):
            user = user_of(who)
            started = time.perf_counter()
            run(user)
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "label": label,
                "queries": len(queries),
                "sql_ms": sum(float(q["time"]) for q in queries) * 1000,
                "slowest": max(float(q["time"]) for q in queries) * 1000,
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "max": max(times),
            }
        )
        if args.explain and who == "approver" and label.endswith("()"):
            _explain(label, queries)
    return rows


def _explain(label: str, queries: list[dict]) -> None:
    from django.db import connection

    for n, query in enumerate(queries, 1):
        if "beneficiaries_case" not in query["sql"] and "households_person" not in query["sql"]:
            continue
        print(f"\n--- {label}: query {n} of {len(queries)} ({float(query['time']) * 1000:.1f} ms)")
        print(query["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print("\n".join(r[0] for r in cursor.fetchall()))


def facts(people) -> dict:
    from django.db.models import Count

    from beneficiaries.models import Case
    from households.models import Person

    ward = people["officer"][1]
    province = people["approver"][1]
    statuses = dict(Case.objects.values_list("status").annotate(n=Count("pk")).order_by("status"))
    return {
        "cases": Case.objects.count(),
        "statuses": statuses,
        "persons": Person.objects.count(),
        "in_province": Person.objects.filter(household__ward__parent=province).count(),
        "ward": f"{ward.name} ({Case.objects.filter(ward=ward).count():,} cases, "
        f"{Person.objects.filter(household__ward=ward).count():,} persons)",
        "province": f"{province.name} ({Case.objects.filter(ward__parent=province).count():,} "
        f"cases in {Case.objects.filter(ward__parent=province).values('ward').distinct().count()} "
        f"wards)",
    }


def report(args, rows, load_s, info, totals, today) -> bool:
    from django.db import connection

    connection.ensure_connection()
    pg = connection.connection.info.server_version
    print()
    print(
        f"ansinh worklists benchmark — PostgreSQL {pg // 10000}.{pg % 10000}, "
        f"{os.cpu_count()} CPU, database {args.db}, as of {today:%d/%m/%Y}"
    )
    print(
        f"Data: {info['cases']:,} cases ("
        + ", ".join(f"{s} {n:,}" for s, n in info["statuses"].items())
        + f") of {info['in_province']:,} residents of the province ({info['persons']:,} in the "
        "register); cases load "
        + (f"{load_s:.1f} s" if load_s is not None else "skipped (already loaded)")
    )
    print(f"Approver: {info['province']}; ward officer: {info['ward']}")
    print(
        f"Each measurement: {args.warmup} warm-up + {args.runs} timed calls, in-process, the "
        "user loaded afresh for each (scope not cached); page = full HTML through "
        "django.test.Client; SQL = DB time of one call, slowest = its slowest query."
    )
    print()
    print("List totals (rows shown ≤ 50):")
    header = f"{'':<32}" + "".join(f"{who:>14}" for who in totals)
    print(header)
    for key, name in LIST_NAMES.items():
        print(f"{name:<32}" + "".join(f"{t[key]:>14,}" for t in totals.values()))
    print()
    header = (
        f"{'Measurement':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL ms':>8} "
        f"{'slowest':>8} {'queries':>7}  verdict"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for row in rows:
        fast = row["p95"] <= TARGET_MS
        ok &= fast
        print(
            f"{row['label']:<44} {row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f} "
            f"{row['sql_ms']:8.1f} {row['slowest']:8.1f} {row['queries']:>7}  "
            + ("ok" if fast else "SLOW")
        )
    print("-" * len(header))
    print(f"Target: worklists for {args.cases:,} cases render in ≤ {TARGET_MS:.0f} ms p95.")
    print("Result: " + ("target met." if ok else "TARGET MISSED."))
    return ok


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args.db)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from beneficiaries.worklists import ward_summary, worklists

    prepare(args.households, args.persons, seed=args.seed, reload=args.reload)
    today = timezone.localdate()
    load_s = cases_prepare(args.cases, today=today, seed=args.seed, reload=args.reload)
    people = actors()
    users = {who: user.pk for who, (user, _area) in people.items()}

    def user_of(who):
        return get_user_model().objects.get(pk=users[who])

    rows = measure(args, plan(people, today), user_of)
    lists = worklists(user_of("officer"), today=today)
    wards = [(area.pk, area.name) for area in people["approver"][1].children.all()]
    summary = ward_summary(user_of("approver"), today=today, wards=wards)
    totals = {
        "officer": {key: getattr(lists, key).total for key in LIST_NAMES},
        "approver": summary.totals,
    }
    ok = report(args, rows, load_s, facts(people), totals, today)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
