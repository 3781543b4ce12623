"""Benchmark of the household register at the size of a few provinces.

Loads (once) 200,000 households with 700,000 persons into its own PostgreSQL database
(bench/register_data.py, which bench/movements.py shares), then calls the list, search,
filter and detail views in-process with Django's test client as a ward officer (the
biggest ward) and as an approver (the biggest province), and prints p50/p95 server-side
times and SQL queries per request against the targets: p95 ≤ 150 ms, and a query count
that does not depend on the number of rows (checked by running the same requests on a
small copy of the data in a second database, `<db>_small`).

    .venv/bin/python bench/households.py                  # 200,000 / 700,000
    .venv/bin/python bench/households.py --households 2000 --persons 7000
    .venv/bin/python bench/households.py --reload --explain

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise
(a URL without the database name); the databases are created when missing.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from urllib.parse import urlencode

from environment import percentile, setup_django
from register_data import actors, prepare

P95_TARGET_MS = 150.0
SMALL = (1000, 3500)  # households, persons of the comparison database
# The list's classification filter without a year: the latest status.
CLASSIFICATIONS = ("poor", "near_poor", "escaped_poor", "middle_income")
# Diacritics-free searches as typed: full names, a given name, partial names.
NAME_SEARCHES = (
    "nguyen van hung",
    "tran thi lan",
    "hung",
    "le van nam",
    "thi ho",
    "pham thi mai",
    "phuong",
    "nguyen van h",
    "huynh ngoc",
    "vo van dung",
    "tuyet",
    "tran minh",
    "nguyen thi hoa",
    "duc thang",
    "khanh",
    "le thi thu",
    "dang van",
    "ngoc anh",
)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--households", type=int, default=200_000)
    p.add_argument("--persons", type=int, default=700_000)
    p.add_argument("--db", default="ansinh_bench", help="database name (created if missing)")
    p.add_argument("--reload", action="store_true", help="load the data even if present")
    p.add_argument("--requests", type=int, default=60, help="timed requests per scenario")
    p.add_argument("--warmup", type=int, default=5, help="untimed requests per scenario")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument(
        "--no-compare", action="store_true", help="skip the query counts on the small database"
    )
    p.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest SQL")
    p.add_argument("--counts-only", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.households < 1 or args.persons < args.households:
        p.error("need at least one household and one person per household")
    return args


def log(args, *parts) -> None:
    if not args.json:
        print(*parts, flush=True)


# ---------------------------------------------------------------- measuring


def scenarios(args):
    """Return [(key, label, user, [url, …], htmx)]: each scenario's requests, data-derived.

    Lists and searches are measured as full pages; the approver's also as the htmx
    partial the search box fetches while typing (results only, without the filter form).
    """
    from households.models import Household, Person
    from households.queries import household_list

    rng = random.Random(args.seed + 1)
    n = max(args.requests, 10)
    people = actors()
    result = []
    for who, (user, area) in people.items():
        scope = Household.objects.filter(ward__path__startswith=area.path)
        role = "ward officer" if who == "officer" else "approver"
        ids = list(
            Person.objects.filter(household__in=scope)
            .exclude(national_id="")
            .order_by("?")
            .values_list("national_id", flat=True)[:n]
        )
        pks = list(scope.order_by("?").values_list("pk", flat=True)[:n])
        # Only searches and filters that find something in scope, at any size: an empty
        # page skips the members query and would blur the query-count comparison.
        found = [
            t
            for t in NAME_SEARCHES
            if Person.objects.filter(household__in=scope, search_name__contains=t).exists()
        ] or list(NAME_SEARCHES)
        names = [found[i % len(found)] for i in range(n)]
        rng.shuffle(names)
        kinds = [
            c for c in CLASSIFICATIONS if household_list(user, classification=c).exists()
        ] or list(CLASSIFICATIONS)
        pages = [
            ("list", "List page 1", ["/households/"]),
            ("name", "Name search", [_q(s) for s in names]),
            ("id", "National ID search", [_q(s) for s in ids]),
            ("class", "Classification filter", [_q("", classification=c) for c in kinds]),
        ]
        for key, label, urls in pages:
            result.append((f"{key}_{who}", f"{label}, {role}", user, urls, False))
        result.append(
            (
                f"detail_{who}",
                f"Detail page, {role}",
                user,
                [f"/households/{p}/" for p in pks],
                False,
            )
        )
        if who == "approver":
            for key, label, urls in pages:
                result.append((f"{key}_{who}_htmx", f"{label}, {role}, htmx", user, urls, True))
    return result, people


def _q(text: str, **filters) -> str:
    return "/households/?" + urlencode({"q": text, **filters})


def measure(args, plan) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = {}
    for key, label, user, urls, htmx in plan:
        client = Client(headers={"HX-Request": "true"} if htmx else None)
        client.force_login(user)
        counts, sql_ms, slowest = [], [], []
        for url in urls[:10]:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            counts.append(len(ctx.captured_queries))
            sql_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
            slowest.append(max(ctx.captured_queries, key=lambda q: float(q["time"])))
        reset_queries()
        row = {"label": label, "queries": sorted(set(counts)), "urls": len(set(urls))}
        if not args.counts_only:
            for i in range(args.warmup):
                client.get(urls[i % len(urls)])
            times = []
            for i in range(args.requests):
                url = urls[i % len(urls)]
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            row |= {
                "n": len(times),
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "max": max(times),
                "sql_ms": sum(sql_ms) / len(sql_ms),
            }
            if args.explain:
                _explain(label, max(slowest, key=lambda q: float(q["time"])))
        results[key] = row
    return results


def _explain(label: str, query: dict) -> None:
    from django.db import connection

    print(f"\n--- {label}: slowest SQL ({float(query['time']) * 1000:.1f} ms)")
    print(query["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
        print("\n".join(r[0] for r in cursor.fetchall()))


def small_counts(args) -> dict | None:
    """Run the same requests on a small database in a child process; return its counts."""
    if args.no_compare:
        return None
    households, persons = SMALL
    if (households, persons) == (args.households, args.persons):
        return None
    cmd = [
        sys.executable,
        __file__,
        "--db",
        f"{args.db}_small",
        "--households",
        str(households),
        "--persons",
        str(persons),
        "--seed",
        str(args.seed),
        "--requests",
        "10",
        "--counts-only",
        "--json",
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def facts(people) -> dict:
    from households.models import Household, HouseholdStatus, Person

    officer_ward = people["officer"][1]
    province = people["approver"][1]
    return {
        "households": Household.objects.count(),
        "persons": Person.objects.count(),
        "statuses": HouseholdStatus.objects.count(),
        "officer_ward": f"{officer_ward.name} ({officer_ward.households.count():,} households)",
        "province": f"{province.name} "
        f"({Household.objects.filter(ward__parent=province).count():,} households)",
    }


def report(args, results, small, load_s, info) -> bool:
    from django.db import connection

    connection.ensure_connection()
    pg = connection.connection.info.server_version
    print()
    print(
        f"ansinh household register benchmark — PostgreSQL {pg // 10000}.{pg % 10000}, "
        f"{os.cpu_count()} CPU, database {args.db}"
    )
    print(
        f"Data: {info['households']:,} households, {info['persons']:,} persons, "
        f"{info['statuses']:,} yearly statuses; load "
        + (f"{load_s:.1f} s" if load_s is not None else "skipped (already loaded)")
    )
    print(f"Ward officer: {info['officer_ward']}; approver: {info['province']}")
    print(
        f"Each scenario: {args.warmup} warm-up + {args.requests} timed requests, in-process "
        "(django.test.Client), full HTML page unless marked htmx (results partial only, as "
        "the search box fetches it); SQL = mean DB time of a request."
    )
    size = f"{info['households'] // 1000}k"
    small_head = f"{SMALL[0] // 1000}k" if small else "small"
    header = (
        f"{'Scenario':<40} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'SQL ms':>7} "
        f"{'queries@' + size:>11} {'queries@' + small_head:>10}  verdict"
    )
    print()
    print(header)
    print("-" * len(header))
    ok = True
    for key, row in results.items():
        q = "/".join(map(str, row["queries"]))
        s = "/".join(map(str, small[key]["queries"])) if small else "-"
        fast = row["p95"] <= P95_TARGET_MS
        same = (small is None or small[key]["queries"] == row["queries"]) and len(
            row["queries"]
        ) == 1
        verdict = ("ok" if fast else "SLOW") + ("" if same else ", QUERIES VARY")
        ok &= fast and same
        print(
            f"{row['label']:<40} {row['p50']:7.1f} {row['p95']:7.1f} {row['max']:7.1f} "
            f"{row['sql_ms']:7.1f} {q:>11} {s:>10}  {verdict}"
        )
    print("-" * len(header))
    print(
        f"Targets: p95 ≤ {P95_TARGET_MS:.0f} ms per scenario; queries per request "
        f"constant across requests and equal at {size} and {small_head} households."
    )
    print("Result: " + ("all targets met." if ok else "TARGETS MISSED."))
    return ok


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args.db)
    _wards, load_s = prepare(
        args.households,
        args.persons,
        seed=args.seed,
        reload=args.reload,
        say=lambda *parts: log(args, *parts),
    )
    plan, people = scenarios(args)
    results = measure(args, plan)
    if args.json:
        print(json.dumps(results))
        return 0
    small = small_counts(args)
    ok = report(args, results, small, load_s, facts(people))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
