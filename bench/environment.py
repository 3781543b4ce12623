"""Where the benchmarks run: Django set up on a PostgreSQL database of their own.

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise
(a URL without the database name).
"""

import math
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
# The server settings of docker-compose.yml's PostgreSQL, set on the benchmark's database.
SERVER_SETTINGS = ("jit = off", "max_parallel_workers_per_gather = 0")


def setup_django(db_name: str, *, create: bool = True) -> None:
    """Point Django at the database (created when missing, if `create`) and set it up."""
    if create:
        import psycopg

        with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name])
            if not exists.fetchone():
                conn.execute(f'CREATE DATABASE "{db_name}"')
            for setting in SERVER_SETTINGS:
                conn.execute(f'ALTER DATABASE "{db_name}" SET {setting}')
    os.environ["DATABASE_URL"] = f"{PG_URL}/{db_name}"
    os.environ["ALLOWED_HOSTS"] = "testserver"  # django.test.Client's host
    os.environ["DEBUG"] = "false"
    os.environ["CELERY_BROKER_URL"] = "memory://"  # tasks run in-process, as without a broker
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    import django

    django.setup()


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with pct % of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]
