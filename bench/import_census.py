"""Benchmark of a census list import: ansinh against django-import-export, on PostgreSQL.

Generates the census list of a ward, N households (default 10,000, about 35,000 person
rows), as the .xlsx wards send: title rows, a header row, one row per person with the
household's columns repeated, Vietnamese names, 12-digit national IDs that agree with
birth year and sex, dates typed every way lists type them. Then, in its own database:

1. ansinh, through its services as the app calls them: upload, preview, commit; then the
   same file again (upload, preview, commit), which must change nothing.
2. django-import-export's standard `ModelResource` import of the same rows: households,
   then persons, then the year's classifications, each a dry run then an import (persons
   need their household to exist, so each model is dry-run and imported in turn); then
   the same again.

Both start from an empty register. Prints each phase's wall time, rows per second and peak
memory against the issue's targets for 10,000 households: preview ≤ 3 s, commit ≤ 4 s,
re-import ≤ 3 s, peak memory ≤ 400 MB, and ansinh's preview + commit at least 25× faster
than django-import-export's dry run + import.

    .venv/bin/python bench/import_census.py                   # 10,000 households, ~10 min
    .venv/bin/python bench/import_census.py --households 2000 --skip-die

The list is made by bench/census_list.py. Every measured phase (bench/census_phases.py)
runs in a fresh child process, this file again with --worker (Django set up, modules
imported and the connection open before the clock starts), so that the process's peak
resident set size, ru_maxrss, belongs to that phase alone. Python's own allocations are
measured with tracemalloc in a second, untimed pass over the same steps (tracemalloc slows
Python code down, so the timed pass runs without it).

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise
(a URL without the database name); the database is created when missing.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from census_list import GROUPS, PROVINCE, WARD_CODE, YEAR, generate, workbook
from census_phases import worker
from environment import setup_django

RESULT = "BENCH-RESULT "

TARGETS = {"preview": 3.0, "commit": 4.0, "reimport": 3.0}
MEMORY_TARGET_MB = 400
RATIO_TARGET = 25


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--households", type=int, default=10_000)
    p.add_argument("--db", default="ansinh_bench_import", help="database (created if missing)")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument(
        "--skip-die", action="store_true", help="skip django-import-export (it takes minutes)"
    )
    p.add_argument(
        "--skip-trace", action="store_true", help="skip the tracemalloc pass over ansinh"
    )
    p.add_argument("--keep-file", metavar="PATH", help="also save the generated list here")
    # A child process measuring one phase.
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--job", type=int, help=argparse.SUPPRESS)
    p.add_argument("--file", help=argparse.SUPPRESS)
    p.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.households < 1:
        p.error("need at least one household")
    return args


# ---------------------------------------------------------------- the database


def prepare():
    """Migrate, load An Giang, give the ward its khóm and an officer; return (ward, user)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from areas.models import Area, Kind, Level, Role
    from areas.services import areas_load, residential_group_create, role_grant

    call_command("migrate", verbosity=0)
    if not Area.objects.filter(level=Level.PROVINCE, code=PROVINCE).exists():
        areas_load(province_code=PROVINCE)
    ward = Area.objects.get(level=Level.WARD, code=WARD_CODE, parent__code=PROVINCE)
    have = set(ward.children.values_list("name", flat=True))
    for group, _abbr in GROUPS:
        if f"Khóm {group}" not in have:
            residential_group_create(ward=ward, name=f"Khóm {group}", kind=Kind.KHOM)
    user, _ = get_user_model().objects.get_or_create(
        username="bench_nhap", defaults={"first_name": "Cán bộ", "last_name": "Nhập liệu"}
    )
    role_grant(user=user, area=ward, role=Role.WARD_OFFICER)
    return ward, user


def register_tables() -> list[str]:
    from households.models import Household, HouseholdStatus, Person
    from imports.models import ImportJob

    models = [Household, Person, HouseholdStatus]
    return [m._meta.db_table for m in [*models, *(m.history.model for m in models), ImportJob]]


def register_empty() -> None:
    """An empty register (this database holds only the benchmark's ward), freshly analysed."""
    from django.db import connection

    tables = ", ".join(register_tables())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        cursor.execute(f"VACUUM ANALYZE {tables}")


def register_counts() -> dict[str, int]:
    from households.models import Household, HouseholdStatus, Person

    models = {"households": Household, "persons": Person, "statuses": HouseholdStatus}
    counts = {k: m.objects.count() for k, m in models.items()}
    counts |= {f"{k}_history": m.history.count() for k, m in models.items()}
    return counts


# On Linux a child's ru_maxrss starts at its parent's peak (kept across fork and exec): the
# phases are started by this small process, launched before anything big is loaded, so
# that each phase's ru_maxrss is its own.
LAUNCHER = """
import json, subprocess, sys
for line in sys.stdin:
    done = subprocess.run(json.loads(line), capture_output=True, text=True)
    print(json.dumps([done.returncode, done.stdout, done.stderr]), flush=True)
"""
_launcher = None


def launcher_start() -> None:
    global _launcher
    _launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def child(args, phase: str, **options) -> dict:
    """Run one phase in a fresh process and return what it measured."""
    cmd = [sys.executable, __file__, "--db", args.db, "--worker", phase]
    cmd += ["--households", str(args.households), "--seed", str(args.seed)]
    for key, value in options.items():
        if value is True:
            cmd.append(f"--{key}")
        elif value is not None and value is not False:
            cmd += [f"--{key}", str(value)]
    _launcher.stdin.write(json.dumps(cmd) + "\n")
    _launcher.stdin.flush()
    returncode, stdout, stderr = json.loads(_launcher.stdout.readline())
    lines = [ln for ln in stdout.splitlines() if ln.startswith(RESULT)]
    if returncode or not lines:
        sys.stderr.write(stdout + stderr)
        raise SystemExit(f"phase {phase} failed (exit {returncode})")
    return json.loads(lines[-1][len(RESULT) :])


# ---------------------------------------------------------------- the runs


def ansinh_pass(args, path: Path, *, trace: bool) -> dict:
    """Upload, preview and commit the list, then the same again; return each phase."""
    register_empty()
    phases = {}
    for prefix in ("", "re_"):
        upload = child(args, "upload", file=path, trace=trace)
        phases[prefix + "upload"] = upload
        for phase in ("preview", "commit"):
            result = child(args, phase, job=upload["job"], trace=trace)
            phases[prefix + phase] = result
            expected = "previewed" if phase == "preview" else "done"
            if result["status"] != expected or result["blocking"]:
                raise SystemExit(
                    f"ansinh {prefix}{phase}: status {result['status']}, "
                    f"{result['blocking']} blocking problems {result['problems']} {result['error']}"
                )
        if not prefix:
            phases["after_first"] = register_counts()
    phases["after_second"] = register_counts()
    if not trace:
        phases["breakdown"] = child(args, "breakdown", job=phases["re_upload"]["job"])
    return phases


def check_ansinh(phases: dict, data: list[dict], user) -> None:
    from households.models import Person

    n_households = len(data)
    n_persons = sum(len(h["persons"]) for h in data)
    first, again = phases["commit"]["counts"], phases["re_commit"]["counts"]
    expected = {
        "households_new": n_households,
        "persons_new": n_persons,
        "statuses_new": n_households,
        "households_changed": 0,
        "persons_changed": 0,
        "statuses_changed": 0,
    }
    assert {k: first[k] for k in expected} == expected, first
    assert first["rows"] == n_persons, first
    nothing = dict.fromkeys(expected, 0) | {
        "households_same": n_households,
        "persons_same": n_persons,
        "statuses_same": n_households,
    }
    assert {k: again[k] for k in nothing} == nothing, again
    assert phases["re_preview"]["counts"] == again, (phases["re_preview"]["counts"], again)
    after = phases["after_first"]
    assert after == phases["after_second"], (after, phases["after_second"])
    assert after == {
        "households": n_households,
        "persons": n_persons,
        "statuses": n_households,
        "households_history": n_households,
        "persons_history": n_persons,
        "statuses_history": n_households,
    }, after
    signed = Person.history.filter(history_user=user, history_change_reason__startswith="Nhập từ")
    assert signed.count() == n_persons


def check_die(first: dict, again: dict, data: list[dict]) -> None:
    sizes = {"households": len(data), "persons": sum(len(h["persons"]) for h in data)}
    sizes["statuses"] = sizes["households"]
    for steps, kind in ((first["steps"], "new"), (again["steps"], "update")):
        for step in steps:
            assert step["totals"] == {kind: sizes[step["model"]]}, step
    counts = register_counts()
    assert {k: counts[k] for k in sizes} == sizes, counts


# ---------------------------------------------------------------- the report


def report(args, info: dict, timed: dict, traced: dict | None, die: tuple | None) -> bool:
    rows = info["rows"]
    re_import = {
        key: timed["re_preview"][key] + timed["re_commit"][key] for key in ("seconds",)
    } | {
        "rss_peak_mb": max(timed["re_preview"]["rss_peak_mb"], timed["re_commit"]["rss_peak_mb"]),
        "rss_base_mb": timed["re_preview"]["rss_base_mb"],
    }

    def py(*keys):
        if traced is None:
            return None
        return max(traced[k]["py_peak_mb"] for k in keys)

    lines = [
        ("ansinh upload (read, find header)", timed["upload"], py("upload"), None),
        ("ansinh preview (until shown)", timed["preview"], py("preview"), TARGETS["preview"]),
        (
            "  … and its problems file ready",
            {"seconds": timed["preview"]["with_file_seconds"]},
            None,
            None,
        ),
        ("ansinh commit", timed["commit"], py("commit"), TARGETS["commit"]),
        ("ansinh re-import upload", timed["re_upload"], py("re_upload"), None),
        ("ansinh re-import preview", timed["re_preview"], py("re_preview"), None),
        ("ansinh re-import commit", timed["re_commit"], py("re_commit"), None),
        (
            "ansinh re-import (preview + commit)",
            re_import,
            py("re_preview", "re_commit"),
            TARGETS["reimport"],
        ),
    ]
    if die:
        first, again = die
        for label, run in (("", first), ("re-import ", again)):
            lines += [
                (f"d-i-e {label}dry runs", {"seconds": run["dry_run_seconds"]}, None, None),
                (f"d-i-e {label}imports", {"seconds": run["import_seconds"]}, None, None),
                (f"d-i-e {label}dry run + import", run, None, None),
            ]
    print()
    print(
        f"Census list import benchmark — PostgreSQL {info['pg']}, {os.cpu_count()} CPU "
        f"(load average {info['load']} at the start), database {args.db}; "
        f"python-calamine {info['calamine']}, django-import-export {info['die']}"
    )
    print(
        f"List: {info['households']:,} households, {rows:,} person rows "
        f"({info['bytes'] / 2**20:.1f} MB .xlsx); ward {info['ward']}; "
        f"{info['warnings']} warnings, 0 errors in the preview"
    )
    print(
        "rows/s = list rows (one per person) per second. RSS peak = the phase's process "
        "ru_maxrss (fresh process; its Django baseline before the phase in brackets); "
        "py peak = tracemalloc peak of Python allocations during the phase (separate "
        "untimed pass)."
    )
    header = (
        f"{'Phase':<38} {'seconds':>8} {'rows/s':>9} {'RSS peak MB':>16} {'py peak MB':>10}"
        f"  {'target':<22} verdict"
    )
    print()
    print(header)
    print("-" * len(header))
    ok = True
    for label, m, py_peak, target in lines:
        rss = f"{m['rss_peak_mb']:.0f} ({m['rss_base_mb']:.0f})" if "rss_peak_mb" in m else "-"
        pyt = f"{py_peak:.0f}" if py_peak is not None else "-"
        if target is None:
            target_text, verdict = "", ""
        else:
            fast = m["seconds"] <= target
            small = m["rss_peak_mb"] <= MEMORY_TARGET_MB
            ok &= fast and small
            target_text = f"≤ {target:.0f} s, ≤ {MEMORY_TARGET_MB} MB"
            verdict = (
                "ok"
                if fast and small
                else ("SLOW" if not fast else "") + (" BIG" if not small else "")
            )
        print(
            f"{label:<38} {m['seconds']:8.2f} {rows / m['seconds']:9,.0f} {rss:>16} {pyt:>10}"
            f"  {target_text:<22} {verdict}"
        )
    print("-" * len(header))
    print(
        "Where a re-import preview's time goes (each step alone, fresh process): "
        + "; ".join(f"{k} {v:.2f} s" for k, v in timed["breakdown"]["steps"].items())
    )
    ansinh = timed["preview"]["seconds"] + timed["commit"]["seconds"]
    with_upload = ansinh + timed["upload"]["seconds"]
    if die:
        first, again = die
        ratio = first["seconds"] / ansinh
        ok &= ratio >= RATIO_TARGET
        print(
            f"Speed: d-i-e dry run + import {first['seconds']:.1f} s / ansinh preview + commit "
            f"{ansinh:.2f} s = {ratio:.0f}× (target ≥ {RATIO_TARGET}×: "
            f"{'ok' if ratio >= RATIO_TARGET else 'MISSED'}); with ansinh's upload counted, "
            f"{first['seconds'] / with_upload:.0f}×. Re-import: "
            f"{again['seconds'] / re_import['seconds']:.0f}×."
        )
        per_model = {}
        for run_name, run in (("import", first), ("re-import", again)):
            for step in run["steps"]:
                key = (run_name, step["model"])
                per_model[key] = per_model.get(key, 0) + step["seconds"]
        print(
            "d-i-e dry run + import per model: "
            + "; ".join(f"{r} {m} {s:.1f} s" for (r, m), s in per_model.items())
        )
    else:
        print("django-import-export skipped (--skip-die): no speed ratio.")
    print("Result: " + ("all targets met." if ok else "TARGETS MISSED."))
    return ok


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker:
        setup_django(args.db, create=False)
        print(RESULT + json.dumps(worker(args), default=str), flush=True)
        return 0
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    launcher_start()  # first, while this process is small
    media = tempfile.TemporaryDirectory(prefix="ansinh-bench-media-")
    os.environ["MEDIA_ROOT"] = media.name  # uploads and problem files, removed at the end
    setup_django(args.db, create=True)
    from importlib.metadata import version

    from django.db import connection

    ward, user = prepare()
    print(f"Generating {args.households:,} households…", flush=True)
    data = generate(args.households, args.seed)
    content = workbook(data, ward.name)
    path = Path(media.name) / f"danh-sach-ho-ngheo-can-ngheo-{YEAR}.xlsx"
    path.write_bytes(content)
    if args.keep_file:
        Path(args.keep_file).write_bytes(content)
    rows = sum(len(h["persons"]) for h in data)
    print(f"  {rows:,} person rows, {len(content) / 2**20:.1f} MB; ansinh timed pass…", flush=True)
    timed = ansinh_pass(args, path, trace=False)
    check_ansinh(timed, data, user)
    traced = None
    if not args.skip_trace:
        print("  ansinh tracemalloc pass…", flush=True)
        traced = ansinh_pass(args, path, trace=True)
        check_ansinh(traced, data, user)
    die = None
    if not args.skip_die:
        print("  django-import-export import (minutes)…", flush=True)
        register_empty()
        first = child(args, "die")
        print(f"    dry run + import {first['seconds']:.0f} s; re-import…", flush=True)
        again = child(args, "die")
        check_die(first, again, data)
        die = (first, again)
    connection.ensure_connection()
    pg = connection.connection.info.server_version
    info = {
        "pg": f"{pg // 10000}.{pg % 10000}",
        "calamine": version("python-calamine"),
        "die": version("django-import-export"),
        "households": len(data),
        "rows": rows,
        "bytes": len(content),
        "ward": ward.name,
        "warnings": timed["preview"]["warnings"],
        "load": load,
    }
    ok = report(args, info, timed, traced, die)
    media.cleanup()
    _launcher.stdin.close()
    _launcher.wait()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
