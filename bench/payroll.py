"""Benchmark of the monthly payroll: 50,000 active cases in the 168 wards of one province.

Uses the data of bench/payroll_data.py (one household per beneficiary, the approved
payrolls of the three months before, grants and deaths recorded late so that arrears,
recoveries and funeral supports are listed), in a database of its own, loaded once.
Before each generation the month's payrolls are deleted, so each run does the same work.

(a) Generation in-process: `generate_ward_payroll` called for each ward, one after the
    other; seconds and cases per second. Target ≤ 10 s.
(b) Export of the province's lists: the provider's list of each ward
    (`benefits.exports.provider_workbook`) and the approver's province workbook
    (`province_workbook`), in a fresh child process; seconds and its peak memory
    (VmHWM). Targets ≤ 10 s and ≤ 300 MB.
(c) Generation through a real Celery worker (prefork pool of 1, then 2 processes) against
    Redis: one `generate_ward_payroll.delay` per ward, every result awaited; cases per
    second for each pool, so the scaling with workers is measured.
A missed target has the biggest ward's generation or provider list profiled (cProfile,
SQL queries). The load average is printed: the machine may be busy with other work.

    .venv/bin/python bench/payroll.py                         # 50,000 cases, 168 wards
    .venv/bin/python bench/payroll.py --cases 3000 --wards 20 --db ansinh_payroll_bench_small
    .venv/bin/python bench/payroll.py --skip-celery --profile

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise;
Redis as redis://127.0.0.1:6379/12 unless --redis says otherwise.
"""

import argparse
import cProfile
import importlib.util
import io
import json
import os
import pstats
import resource
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from environment import ROOT, percentile, setup_django
from payroll_data import prepare

NAME = "benefits.exports"  # being written: timed when there, "not built yet" otherwise
GENERATE_S, EXPORT_S, EXPORT_MB = 10.0, 10.0, 300.0
WORKER = "-A config worker --pool=prefork --loglevel=WARNING --without-gossip --without-mingle"
WORKER += " --without-heartbeat"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", type=int, default=50_000)
    p.add_argument("--wards", type=int, default=168)
    p.add_argument("--month", default="2026-12-01", help="the month generated (first day)")
    p.add_argument("--db", default="ansinh_payroll_bench", help="database (created if missing)")
    p.add_argument("--reload", action="store_true", help="load the data again")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--redis", default="redis://127.0.0.1:6379/12", help="broker and results")
    p.add_argument("--pools", default="1,2", help="Celery pool sizes to measure")
    p.add_argument("--skip-celery", action="store_true")
    p.add_argument("--profile", action="store_true", help="profile one ward in any case")
    p.add_argument("--exports-only", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def reset(month: date) -> None:
    """Delete the month's payrolls (drafts or not) so the next run does the same work on
    the same tables."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM benefits_payrollline WHERE payroll_id IN "
            "(SELECT id FROM benefits_payroll WHERE month = %s)",
            [month],
        )
        cursor.execute("DELETE FROM benefits_payroll WHERE month = %s", [month])
        # Each run deletes and writes 50,000 lines: without a vacuum the dead rows of the
        # runs before slowed each next one by a fifth (autovacuum comes later than a bench).
        cursor.execute("VACUUM ANALYZE benefits_payrollline, benefits_payroll")


def summary(month: date) -> str:
    """What the month's payrolls hold: payrolls, cases, lines per kind, totals."""
    from django.db.models import Count, Sum

    from benefits.models import Payroll, PayrollLine

    lines = PayrollLine.objects.filter(payroll__month=month)
    kinds = lines.values_list("kind").annotate(n=Count("id")).order_by("kind")
    payrolls = Payroll.objects.filter(month=month, generated_at__isnull=False)
    sums = payrolls.aggregate(n=Count("id"), total=Sum("total"), recovered=Sum("recovered"))
    return (
        f"{sums['n']} payrolls, {lines.values('case_id').distinct().count():,} cases, "
        f"lines: {', '.join(f'{k} {n:,}' for k, n in kinds)}; to pay {sums['total'] or 0:,} "
        f"VND, to recover {sums['recovered'] or 0:,} VND"
    )


# --- (a) in-process ---------------------------------------------------------------------


def generate_in_process(wards, month: date) -> tuple[float, list[float], list[str]]:
    from benefits.tasks import generate_ward_payroll

    reset(month)
    times, outcomes = [], []
    started = time.perf_counter()
    for ward in wards:
        t = time.perf_counter()
        outcomes.append(generate_ward_payroll(ward.pk, month.isoformat()))
        times.append(time.perf_counter() - t)
    return time.perf_counter() - started, times, outcomes


def profile(label: str, call, *args, top: int = 22, callees: str = "") -> None:
    """cProfile one call and count its SQL queries; `callees`: a function whose direct
    callees to show."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        profiler.runcall(call, *args)
        elapsed = time.perf_counter() - started
    sql_s = sum(float(q["time"]) for q in queries.captured_queries)
    print(
        f"\nProfile of {label}: {elapsed:.2f} s under cProfile, "
        f"{len(queries)} SQL queries taking {sql_s:.2f} s"
    )
    stats = pstats.Stats(profiler, stream=io.StringIO()).strip_dirs()
    for order in ("cumulative", "tottime"):
        print(f"--- by {order} ---")
        print(_table(stats.sort_stats(order), "print_stats", top))
    for name in filter(None, callees.split(",")):
        print(f"--- what {name} calls ---")
        print(_table(stats.sort_stats("cumulative"), "print_callees", rf"\({name}\)"))


def _table(stats, method: str, *restriction) -> str:
    out = io.StringIO()
    stats.stream = out
    getattr(stats, method)(*restriction)
    body = out.getvalue()
    start = max(body.find("   ncalls"), body.find("Function "))
    return body[start:].rstrip()


# --- (b) exports, in a child process ----------------------------------------------------


def exports_child(args) -> None:
    """Run in a fresh process: export the month's lists, print one JSON line."""
    setup_django(args.db, create=False)
    from areas.models import Area, Level
    from benefits.models import Payroll

    month = date.fromisoformat(args.month)
    province = Area.objects.get(level=Level.PROVINCE, code="79")
    base = peak_mb()
    exports = importlib.import_module(NAME) if importlib.util.find_spec(NAME) else None
    done = {"base_mb": base, "provider": None, "province": None}
    payrolls = Payroll.objects.filter(month=month, ward__parent=province).select_related("ward")
    payrolls = list(payrolls.order_by("ward__path"))
    started = time.perf_counter()
    provider = getattr(exports, "provider_workbook", None)
    if provider:
        done["provider"] = _timed(lambda: [provider(p) for p in payrolls])
    workbook = getattr(exports, "province_workbook", None)
    if workbook:
        done["province"] = _timed(lambda: [workbook(payrolls)])
    done["s"] = time.perf_counter() - started
    done["peak_mb"] = peak_mb()
    print(json.dumps(done))


def peak_mb() -> float:
    """The process's peak resident memory. Linux keeps ru_maxrss across exec (a child
    forked from a big parent starts at the parent's size): VmHWM is this program's own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(make) -> dict:
    """Seconds, files and bytes of the files `make()` returns, or the error it raised."""
    started = time.perf_counter()
    try:
        files = make()
    except Exception as e:  # a module being written: report, do not stop the benchmark
        return {"error": f"{type(e).__name__}: {e}"}
    seconds = time.perf_counter() - started
    return {"s": seconds, "files": len(files), "bytes": sum(len(f) for f in files)}


def export_in_child(args) -> dict:
    command = [sys.executable, __file__, "--exports-only", "--db", args.db, "--month", args.month]
    child = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if child.returncode != 0:
        print(child.stderr[-3000:])
        raise SystemExit("The export process failed.")
    return json.loads(child.stdout.strip().splitlines()[-1])


# --- (c) a real Celery worker -----------------------------------------------------------


def start_worker(args, processes: int, log: Path):
    # setup_django put the database, DEBUG and the settings module in the environment.
    env = {**os.environ, "CELERY_BROKER_URL": args.redis, "CELERY_RESULT_BACKEND": args.redis}
    command = [str(ROOT / ".venv/bin/celery"), *WORKER.split(), f"--concurrency={processes}"]
    command += ["-n", f"bench13-{processes}@%h"]
    with log.open("w") as out:  # its own session: stopped with its pool by one killpg
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_ready(app, proc, timeout: float = 90.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise SystemExit("The Celery worker stopped; see its log.")
        if app.control.ping(timeout=1.0):
            return time.perf_counter() - started
    raise SystemExit("The Celery worker did not answer.")


def stop_worker(proc) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def generate_with_celery(args, wards, month: date, processes: int) -> tuple[float, float, list]:
    """(seconds from the first task queued to the last result, start-up seconds, outcomes)"""
    from benefits.tasks import generate_ward_payroll
    from config.celery import app

    # Celery reads the broker from this variable before its settings (memory:// so far).
    os.environ["CELERY_BROKER_URL"] = args.redis
    app.conf.update(broker_url=args.redis, result_backend=args.redis, task_always_eager=False)
    app.control.purge()
    reset(month)
    log = Path(f"/tmp/bench_payroll_worker_{processes}.log")
    proc = start_worker(args, processes, log)
    try:
        ready = wait_ready(app, proc)
        started = time.perf_counter()
        results = [generate_ward_payroll.delay(w.pk, month.isoformat()) for w in wards]
        outcomes = [r.get(timeout=900) for r in results]
        elapsed = time.perf_counter() - started
    finally:
        stop_worker(proc)
    return elapsed, ready, outcomes


def load() -> str:
    """The machine's load: the figures are only as steady as the machine is idle."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def fit(sizes: list[int], times: list[float]) -> tuple[float, float]:
    """Least squares seconds = a + b × cases over the wards: (a per ward, b per case)."""
    n, mx, my = len(sizes), sum(sizes) / len(sizes), sum(times) / len(times)
    sxx = sum((x - mx) ** 2 for x in sizes)
    b = sum((x - mx) * (y - my) for x, y in zip(sizes, times, strict=True)) / sxx if sxx else 0
    return (my - b * mx, b) if n else (0.0, 0.0)


def tally(outcomes: list[str]) -> str:
    counts = Counter("refused" if o.startswith("refused") else o for o in outcomes)
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))


def run_generation(wards, month: date, cases: int, sizes: list[int]) -> tuple[float, bool]:
    print(f"\n(a) In-process generation ({load()}):")
    elapsed, times, outcomes = generate_in_process(wards, month)
    per_ward, per_case = fit(sizes, times)
    print(
        f"    {len(wards)} wards' payrolls of {month:%m/%Y}: "
        f"{elapsed:.2f} s, {cases / elapsed:,.0f} cases/s ({tally(outcomes)})"
    )
    print(f"    fitted: {per_ward * 1000:.0f} ms per ward + {per_case * 1000:.2f} ms per case")
    print(
        f"    per ward: p50 {percentile(times, 50):.3f} s, p95 {percentile(times, 95):.3f} s, "
        f"max {max(times):.3f} s"
    )
    print(f"    {summary(month)}")
    return elapsed, elapsed <= GENERATE_S


def run_exports(args, month: date) -> str:
    """Export in a child process; what was missed ("" when the targets are met)."""
    from benefits.models import Payroll

    # The provider's list is of an approved payroll.
    Payroll.objects.filter(month=month).update(status=Payroll.Status.APPROVED)
    found = export_in_child(args)
    print(
        f"\n(b) Export of the province's lists ({load()}; fresh process, Django set up: "
        f"{found['base_mb']:.0f} MB):"
    )
    for key, label in (("provider", "provider lists per ward"), ("province", "province workbook")):
        part = found[key]
        if part is None:
            print(f"    {label}: not built yet")
        elif "error" in part:
            print(f"    {label}: failed: {part['error']}")
        else:
            print(
                f"    {label}: {part['s']:.2f} s, {part['files']} file(s), "
                f"{part['bytes'] / 1e6:.1f} MB of xlsx"
            )
    print(f"    in all {found['s']:.2f} s, peak memory (VmHWM) {found['peak_mb']:.0f} MB")
    if not all(found[k] and "error" not in found[k] for k in ("provider", "province")):
        return "exports not built or failing"
    if found["s"] > EXPORT_S or found["peak_mb"] > EXPORT_MB:
        return f"exports {found['s']:.1f} s (≤ {EXPORT_S:.0f}), {found['peak_mb']:.0f} MB"
    return ""


def run_celery(args, wards, month: date, cases: int, in_process: float) -> None:
    print(f"\n(c) Generation through a Celery prefork worker against {args.redis}:")
    rates = {}
    for n in [int(x) for x in args.pools.split(",")]:
        before = load()
        elapsed, ready, outcomes = generate_with_celery(args, wards, month, n)
        rates[n] = cases / elapsed
        print(
            f"    {n} process(es): {elapsed:.2f} s, {rates[n]:,.0f} cases/s "
            f"(worker ready in {ready:.1f} s, not counted; {tally(outcomes)}; {before})"
        )
        print(f"      {summary(month)}")
    if 1 in rates:
        for n, rate in rates.items():
            if n != 1:
                print(f"    speed-up of {n} processes over 1: {rate / rates[1]:.2f}×")
        print(f"    1 process against in-process: {in_process * rates[1] / cases:.2f}× as fast")


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.exports_only:
        exports_child(args)
        return 0
    month = date.fromisoformat(args.month)
    setup_django(args.db)
    from django.db.models import Count

    from beneficiaries.models import Case
    from benefits.models import Payroll
    from benefits.tasks import generate_ward_payroll

    province, wards, loaded = prepare(
        args.cases, args.wards, month=month, seed=args.seed, reload=args.reload
    )
    in_wards = Case.objects.filter(ward__in=wards)
    by_ward = dict(in_wards.values_list("ward_id").annotate(n=Count("id")).order_by())
    sizes = [by_ward.get(w.pk, 0) for w in wards]
    cases = sum(sizes)
    print(
        f"{cases:,} cases ({in_wards.filter(status='active').count():,} active) in "
        f"{len(wards)} wards of {province.name} ({min(sizes)} to {max(sizes)} a ward); "
        f"payrolls of the 3 months before approved; generating {month:%m/%Y}."
    )
    elapsed, generation_ok = run_generation(wards, month, cases, sizes)
    missed = [f"generation {elapsed:.1f} s > {GENERATE_S:.0f} s"] if not generation_ok else []
    export_missed = run_exports(args, month)
    missed += [export_missed] if export_missed else []
    biggest = wards[sizes.index(max(sizes))]
    label = f"ward {biggest.name} (id {biggest.pk}, {max(sizes)} cases)"
    if (export_missed or args.profile) and importlib.util.find_spec(NAME):
        exports = importlib.import_module(NAME)
        payroll = Payroll.objects.get(ward=biggest, month=month)
        profile(f"the provider list of {label}", exports.provider_workbook, payroll, top=15)
    if not generation_ok or args.profile:
        reset(month)
        what = f"the generation of {label}"
        callees = "payroll_generate,ward_dues"
        profile(what, generate_ward_payroll, biggest.pk, f"{month}", callees=callees)
    if not args.skip_celery:
        run_celery(args, wards, month, cases, elapsed)
    print("\nResult: all targets met" if not missed else f"\nResult: missed: {'; '.join(missed)}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
