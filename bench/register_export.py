"""Benchmark of the register's Excel download at a province's size.

Uses the 200,000-household database bench/households.py and bench/movements.py load
and downloads, as the approver of the biggest province, the whole province's list and the
near-poor list, then, as the ward officer, the biggest ward's list; prints the seconds,
the rows, the file's size and the process's peak memory, against the targets: ≤ 10 s and
≤ 300 MB for the province.

    .venv/bin/python bench/register_export.py
"""

import argparse
import io
import resource
import sys
import time

from environment import setup_django

TARGET_S, TARGET_MB = 10.0, 300.0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="ansinh_bench")
    args = p.parse_args(argv)
    setup_django(args.db)
    from django.test import Client
    from django.urls import reverse
    from openpyxl import load_workbook
    from register_data import actors

    found = actors()
    officer, approver = found["officer"][0], found["approver"][0]
    url = reverse("households:list_xlsx")
    met = True
    for who, user, query in (
        ("approver, whole province", approver, {}),
        ("approver, near-poor of the province", approver, {"classification": "near_poor"}),
        ("ward officer, own ward", officer, {}),
    ):
        client = Client()
        client.force_login(user)
        started = time.perf_counter()
        response = client.get(url, query)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sheet = load_workbook(io.BytesIO(body), read_only=True).active
        rows = sum(1 for _row in sheet.iter_rows(values_only=True))
        print(
            f"{who:40s} {seconds:6.2f} s  {rows:7,d} rows  {len(body) / 2**20:5.1f} MB  "
            f"peak RSS {peak_mb:6.0f} MB  (HTTP {response.status_code})"
        )
        if who.startswith("approver, whole") and (seconds > TARGET_S or peak_mb > TARGET_MB):
            met = False
    print(f"Target: the province's list ≤ {TARGET_S:.0f} s and ≤ {TARGET_MB:.0f} MB peak.")
    print("Result:", "met." if met else "NOT met.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
