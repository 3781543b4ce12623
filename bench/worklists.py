"""Benchmark of the worklists with 50,000 social-assistance cases.

Uses the register of bench/register_data.py (200,000 households, 700,000 persons of three
provinces, loaded when missing, about 100 s) in a database of its own, and adds the cases
of bench/case_data.py over the wards of TP Hồ Chí Minh (the approver's province).

It times what each page computes and the page itself, GET beneficiaries:worklists with Django's
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
import os
import sys
import time

from case_data import cases_prepare
from environment import percentile, setup_django
from register_data import actors, prepare

TARGET_MS = 300.0
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


# --- Measurements ---------------------------------------------------------------------


def plan(people, today):
    """[(label, who, run)]: run(user) makes one call, as a request would.

    The ward officer's page holds the six lists of their ward; the approver's first page
    holds each ward's counts, and a ward opened from it holds that ward's lists.
    """
    from django.test import Client
    from django.urls import reverse

    from areas.queries import ward_choices
    from beneficiaries.worklists import ward_summary, worklists

    url = reverse("beneficiaries:worklists")
    officer_ward = people["officer"][1]

    def lists(u):
        return worklists(u, today=today)

    def summary(u):
        return ward_summary(u, today=today, wards=ward_choices(u))

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

    from areas.queries import ward_choices
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
    approver = user_of("approver")
    summary = ward_summary(approver, today=today, wards=ward_choices(approver))
    totals = {
        "officer": {key: getattr(lists, key).total for key in LIST_NAMES},
        "approver": summary.totals,
    }
    ok = report(args, rows, load_s, facts(people), totals, today)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
