"""Benchmark of the movements table (di biến động) on the register of three provinces.

Uses the register of bench/households.py, in the same database and by the same loader
(bench/register_data.py: 200,000 households, 700,000 persons; loaded when missing, about
100 s): every household has a status for 2024 and one for 2025, each from 1 January, and
about one in twenty a decision of 15/06/2025 (escapes, newly poor or near-poor, relapses).
For the approver of TP Hồ Chí Minh (the biggest province) and the ward officer of its
biggest ward, over 01/01/2025–31/12/2025 (the mid-year decisions are its movements) and
01/07/2024–30/06/2025 (nearly every 2025 status is one), it times:

- `movement_table(user, area, start, end)`, what the page computes;
- the page, GET reviews:movements?area=…&start=dd/mm/yyyy&end=dd/mm/yyyy, in-process with
  Django's test client (full HTML);
- drill-downs into one cell, `movement_households(...)` counted and its first page of 50
  read as the households page does (poor households that escaped; near-poor at the start).

Prints p50/p95 after a warm-up, the SQL queries of a call, the province's table for 2025
and a verdict against the target: the province's movements table (function and page)
p95 ≤ 2 s.

    .venv/bin/python bench/movements.py                   # 200,000 / 700,000
    .venv/bin/python bench/movements.py --runs 30 --explain
    .venv/bin/python bench/movements.py --households 2000 --persons 7000 --db ansinh_bench_2k

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise
(a URL without the database name); the database is created when missing.
"""

import argparse
import os
import sys
import time
from datetime import date
from urllib.parse import urlencode

from environment import percentile, setup_django
from register_data import MID_YEAR, actors, prepare

TARGET_MS = 2000.0
PERIODS = (
    ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("07/2024–06/2025", date(2024, 7, 1), date(2025, 6, 30)),
)
# Drill-downs: (group, column) of the cell opened.
CELLS = (("poor", "escaped"), ("near_poor", "at_start"))


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--households", type=int, default=200_000)
    p.add_argument("--persons", type=int, default=700_000)
    p.add_argument("--db", default="ansinh_bench", help="database name (created if missing)")
    p.add_argument("--reload", action="store_true", help="load the data even if present")
    p.add_argument("--runs", type=int, default=15, help="timed runs per measurement")
    p.add_argument("--warmup", type=int, default=2, help="untimed runs per measurement")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the province's SQL")
    args = p.parse_args(argv)
    if args.households < 1 or args.persons < args.households:
        p.error("need at least one household and one person per household")
    return args


def plan(people) -> list[tuple]:
    """Return [(label, targeted, run)]: run(user) makes one call and returns its result."""
    from django.test import Client
    from django.urls import reverse

    from reviews.queries.movements import movement_households, movement_table
    from ui.pagination import counted_page

    result = []
    for who in ("approver", "officer"):
        user, area = people[who]
        role = "approver" if who == "approver" else "ward officer"
        province = who == "approver"
        client = Client()
        client.force_login(user)
        for name, start, end in PERIODS:
            label = f"{role}, {name}"
            query = {"area": area.pk, "start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
            url = reverse("reviews:movements") + "?" + urlencode(query)

            def table(u, area=area, start=start, end=end):
                return movement_table(u, area, start, end)

            def page(u, url=url, client=client):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                assert b'class="list movements"' in response.content, url
                return response

            result.append((f"{label}: table", province, table))
            result.append((f"{label}: page", province, page))
            for group, column in CELLS:

                def drill(u, area=area, start=start, end=end, group=group, column=column):
                    households = (
                        movement_households(u, area, start, end, group, column)
                        .select_related("ward", "residential_group")
                        .order_by("ward_id", "code")
                    )
                    page = counted_page(households, 50, 1)
                    return page.paginator.count, list(page.object_list)

                result.append((f"{label}: drill-down {group}/{column}", False, drill))
    return result


def measure(args, steps, user_of) -> list[dict]:
    """Time each step; each call gets the user freshly loaded, as a request does."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, targeted, run in steps:
        for _ in range(args.warmup):
            run(user_of(label))
        user = user_of(label)
        with CaptureQueriesContext(connection) as ctx:
            run(user)
        queries = ctx.captured_queries
        reset_queries()
        times = []
        for _ in range(args.runs):
            user = user_of(label)
            started = time.perf_counter()
            run(user)
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "label": label,
                "targeted": targeted,
                "queries": len(queries),
                "sql_ms": sum(float(q["time"]) for q in queries) * 1000,
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "max": max(times),
            }
        )
        if args.explain and targeted and label.endswith("table"):
            _explain(label, queries)
    return rows


def _explain(label: str, queries: list[dict]) -> None:
    from django.db import connection

    for n, query in enumerate(queries, 1):
        print(f"\n--- {label}: query {n} of {len(queries)} ({float(query['time']) * 1000:.1f} ms)")
        print(query["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print("\n".join(r[0] for r in cursor.fetchall()))


def facts(people) -> dict:
    from django.db.models import Count

    from areas.models import Level
    from households.models import Household, HouseholdStatus, Person

    officer_ward = people["officer"][1]
    province = people["approver"][1]
    in_province = Household.objects.filter(ward__parent=province).aggregate(
        n=Count("pk"), wards=Count("ward", distinct=True)
    )
    wards = province.children.filter(level=Level.WARD).count()
    return {
        "households": Household.objects.count(),
        "persons": Person.objects.count(),
        "statuses": HouseholdStatus.objects.count(),
        "mid_year": HouseholdStatus.objects.filter(valid_from=MID_YEAR).count(),
        "officer_ward": f"{officer_ward.name} ({officer_ward.households.count():,} households)",
        "province": f"{province.name} ({in_province['n']:,} households in "
        f"{in_province['wards']} of its {wards} wards)",
    }


def print_table(table) -> bool:
    """Print the table with its rates; return whether each row balances."""
    from reviews.rules import INCOMING, MOVEMENT_COLUMNS, OUTGOING, movement_balance

    print(
        f"\nThe table of {table.area.name}, {table.start:%d/%m/%Y}–{table.end:%d/%m/%Y} "
        f"({table.households:,} households in the register; rates in % of the area's "
        "total households, — without a population figure):"
    )
    print(f"{'':<12}" + "".join(f"{c:>11}" for c in MOVEMENT_COLUMNS))
    balanced = True
    for group, row in table.rows.items():
        print(f"{group:<12}" + "".join(f"{row[c]:>11,}" for c in MOVEMENT_COLUMNS))
        rates = [table.rate(group, c) for c in MOVEMENT_COLUMNS]
        print(
            f"{'  rate %':<12}"
            + "".join(f"{'—':>11}" if r is None else f"{r:>11.2f}" for r in rates)
        )
        balanced &= row["at_end"] == movement_balance(row)
    print(
        f"at_end = at_start + {' + '.join(INCOMING)} − {' − '.join(OUTGOING)}: "
        + ("holds for both rows." if balanced else "DOES NOT HOLD.")
    )
    return balanced


def report(args, rows, load_s, info, table) -> bool:
    from django.db import connection

    connection.ensure_connection()
    pg = connection.connection.info.server_version
    print()
    print(
        f"ansinh movements table benchmark — PostgreSQL {pg // 10000}.{pg % 10000}, "
        f"{os.cpu_count()} CPU, database {args.db}"
    )
    print(
        f"Data: {info['households']:,} households, {info['persons']:,} persons, "
        f"{info['statuses']:,} statuses ({info['mid_year']:,} from {MID_YEAR:%d/%m/%Y}); load "
        + (f"{load_s:.1f} s" if load_s is not None else "skipped (already loaded)")
    )
    print(f"Approver: {info['province']}; ward officer: {info['officer_ward']}")
    print(
        f"Each measurement: {args.warmup} warm-up + {args.runs} timed calls, in-process, the "
        "user loaded afresh for each; page = full HTML through django.test.Client; drill-down "
        "= movement_households() counted + its first 50 households; SQL = DB time of one call."
    )
    header = (
        f"{'Measurement':<60} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL ms':>8} "
        f"{'queries':>7}  verdict"
    )
    print()
    print(header)
    print("-" * len(header))
    ok = True
    for row in rows:
        fast = row["p95"] <= TARGET_MS
        if row["targeted"]:
            ok &= fast
            verdict = "ok" if fast else "SLOW"
        else:
            verdict = "(no target)"
        print(
            f"{row['label']:<60} {row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f} "
            f"{row['sql_ms']:8.1f} {row['queries']:>7}  {verdict}"
        )
    print("-" * len(header))
    ok &= print_table(table)
    print(f"Target: the province's movements table, function and page, p95 ≤ {TARGET_MS:.0f} ms.")
    print("Result: " + ("all targets met." if ok else "TARGETS MISSED."))
    return ok


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args.db)
    from django.contrib.auth import get_user_model

    from reviews.queries.movements import movement_table

    _wards, load_s = prepare(args.households, args.persons, seed=args.seed, reload=args.reload)
    people = actors()
    users = {who: user.pk for who, (user, _area) in people.items()}

    def user_of(label: str):
        return get_user_model().objects.get(
            pk=users["approver" if "approver" in label else "officer"]
        )

    rows = measure(args, plan(people), user_of)
    _approver, province = people["approver"]
    _name, start, end = PERIODS[0]
    table = movement_table(user_of("approver"), province, start, end)
    ok = report(args, rows, load_s, facts(people), table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
