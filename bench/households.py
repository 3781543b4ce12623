"""Benchmark of the household register at the size of a few provinces.

Loads (once) 200,000 households with 700,000 persons into its own PostgreSQL database,
then calls the list, search, filter and detail views in-process with Django's test client
as a ward officer (the biggest ward) and as an approver (the biggest province), and prints
p50/p95 server-side times and SQL queries per request against the targets: p95 ≤ 150 ms,
and a query count that does not depend on the number of rows (checked by running the same
requests on a small copy of the data in a second database, `<db>_small`).

    .venv/bin/python bench/households.py                  # 200,000 / 700,000
    .venv/bin/python bench/households.py --households 2000 --persons 7000
    .venv/bin/python bench/households.py --reload --explain

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise
(a URL without the database name); the databases are created when missing.
"""

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import time
import warnings
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SERVER_SETTINGS = ("jit = off", "max_parallel_workers_per_gather = 0")

# The approver works for the largest province; all three are loaded.
PROVINCES = ("79", "91", "92")  # TP Hồ Chí Minh (168 wards), An Giang (102), Cần Thơ (103)
APPROVER_PROVINCE = "79"
# Birth-registration code of the ID card (first three digits) per province.
ID_PREFIX = {"79": "079", "91": "089", "92": "092"}
YEARS = (2024, 2025)
TODAY = date(2026, 1, 1)
CREATED = "2025-01-15 08:00:00+07"
P95_TARGET_MS = 150.0
SMALL = (1000, 3500)  # households, persons of the comparison database

SURNAMES = {
    "Nguyễn": 38,
    "Trần": 11,
    "Lê": 9.5,
    "Phạm": 7,
    "Huỳnh": 3,
    "Hoàng": 2,
    "Phan": 4.5,
    "Võ": 3,
    "Vũ": 1.5,
    "Đặng": 2.1,
    "Bùi": 2,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1,
    "Lý": 0.6,
    "Trương": 1,
    "Đinh": 0.6,
    "Lâm": 0.7,
    "Mai": 0.5,
    "Châu": 0.5,
    "Tô": 0.3,
    "Cao": 0.4,
    "Lưu": 0.3,
    "Thái": 0.3,
    "Thạch": 0.4,
    "Danh": 0.3,
    "Kim": 0.3,
    "Sơn": 0.3,
    "Tăng": 0.2,
    "Quách": 0.2,
    "La": 0.2,
    "Đoàn": 0.6,
    "Lương": 0.5,
    "Trịnh": 0.4,
    "Tạ": 0.2,
    "Hà": 0.4,
    "Vương": 0.2,
    "Giang": 0.2,
    "Nghiêm": 0.1,
}
MIDDLE = {
    "male": {
        "Văn": 40,
        "Hữu": 8,
        "Minh": 10,
        "Thanh": 8,
        "Quốc": 6,
        "Đức": 6,
        "Công": 5,
        "Hoàng": 4,
        "Tấn": 5,
        "Ngọc": 3,
        "Trung": 3,
        "Phước": 2,
        "Thành": 3,
        "Gia": 3,
        "Anh": 2,
        "Xuân": 2,
    },
    "female": {
        "Thị": 50,
        "Ngọc": 10,
        "Thanh": 5,
        "Thị Kim": 3,
        "Kim": 5,
        "Mỹ": 4,
        "Thu": 4,
        "Bích": 3,
        "Hồng": 3,
        "Phương": 3,
        "Minh": 3,
        "Khánh": 2,
        "Bảo": 2,
        "Hoài": 2,
        "Diễm": 1,
    },
}
_GIVEN = {
    "male": (
        "Hùng Dũng Tâm Phúc Lộc Thắng Hải Long Tuấn Sơn Khánh Nghĩa Toàn Hiếu Bảo Trí Nam "
        "Minh Quang Hòa Bình Cường Đạt Định Hậu Hưng Huy Khoa Kiên Lâm Luân Nhân Phong Quân "
        "Sang Tài Thành Thiện Thịnh Tiến Trung Tùng Việt Vinh Vũ Danh Đông Giang Hoàng Khang "
        "Lợi Mạnh Phát Tân Thái Thuận Tín Triều Trọng Út"
    ),
    "female": (
        "Lan Hoa Hồng Mai Thảo Nhung Hạnh Trang Yến Thủy Liên Cúc Ngân Diễm Tuyết Phượng Anh "
        "Bích Châu Dung Duyên Giang Hà Hằng Hiền Hương Huyền Kiều Linh Loan Ly My Nga Ngọc Nhi "
        "Oanh Phương Quyên Sương Tâm Thanh Thu Thúy Tiên Trinh Uyên Vân Vy Xuân Ánh Đào Hậu Lệ "
        "Mơ Nương Phấn Sen Thắm Trâm Út"
    ),
}
GIVEN = {sex: names.split() for sex, names in _GIVEN.items()}
ETHNICITY = {"Kinh": 92, "Khmer": 5, "Hoa": 2, "Chăm": 1}
STREETS = (
    "Trần Hưng Đạo",
    "Lê Lợi",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Nguyễn Huệ",
    "Cách Mạng Tháng Tám",
    "Điện Biên Phủ",
    "Võ Thị Sáu",
    "Phan Đình Phùng",
    "Hùng Vương",
    "Tôn Đức Thắng",
)
# The 2024 classification, then how it moves to 2025.
FIRST_YEAR = {"poor": 12, "near_poor": 18, "middle_income": 10, "none": 60}
NEXT_YEAR = {
    "poor": {"poor": 60, "escaped_poor": 30, "near_poor": 10},
    "near_poor": {"near_poor": 60, "escaped_near_poor": 30, "poor": 10},
    "middle_income": {"middle_income": 80, "none": 15, "near_poor": 5},
    "none": {"none": 95, "near_poor": 3, "poor": 2},
}
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


def setup_django(db_name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name]).fetchone():
            conn.execute(f'CREATE DATABASE "{db_name}"')
        # The server settings of docker-compose.yml's PostgreSQL, for this database only.
        for setting in SERVER_SETTINGS:
            conn.execute(f'ALTER DATABASE "{db_name}" SET {setting}')
    os.environ["DATABASE_URL"] = f"{PG_URL}/{db_name}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    import django

    django.setup()


def log(args, *parts) -> None:
    if not args.json:
        print(*parts, flush=True)


# ---------------------------------------------------------------- loading


def prepare(args):
    """Migrate, load the areas, groups and (if needed) the register; return the wards."""
    from django.core.management import call_command

    from areas.models import Area, Level
    from areas.services import areas_load
    from households.models import Household, Person

    call_command("migrate", verbosity=0)
    for code in PROVINCES:
        if not Area.objects.filter(level=Level.PROVINCE, code=code).exists():
            areas_load(province_code=code)
    wards = list(
        Area.objects.filter(level=Level.WARD, parent__code__in=PROVINCES)
        .select_related("parent")
        .order_by("path")
    )
    _groups_create(wards, random.Random(args.seed))
    loaded = (Household.objects.count(), Person.objects.count())
    if args.reload or loaded != (args.households, args.persons):
        log(args, f"Loading {args.households:,} households, {args.persons:,} persons…")
        started = time.perf_counter()
        _register_load(args, wards)
        elapsed = time.perf_counter() - started
        log(args, f"Loaded and analysed in {elapsed:.1f} s.")
        return wards, elapsed
    log(args, f"Data already loaded ({loaded[0]:,} households, {loaded[1]:,} persons).")
    return wards, None


def _groups_create(wards, rng) -> None:
    """Give every ward 4 to 10 residential groups (khóm, khu phố, ấp)."""
    from areas.models import Area, Kind, Level

    with_groups = set(
        Area.objects.filter(level=Level.RESIDENTIAL_GROUP).values_list("parent_id", flat=True)
    )
    new = []
    for ward in wards:
        if ward.pk in with_groups:
            continue
        if ward.kind == "commune":
            kind, title = Kind.HAMLET, "Ấp"
        elif ward.parent.code == "91":
            kind, title = Kind.KHOM, "Khóm"
        else:
            kind, title = Kind.STREET_GROUP, "Khu phố"
        for n in range(1, rng.randint(4, 10) + 1):
            code = f"{n:03d}"
            new.append(
                Area(
                    code=code,
                    name=f"{title} {n}",
                    kind=kind,
                    level=Level.RESIDENTIAL_GROUP,
                    parent=ward,
                    path=Area.build_path(ward, code),
                    is_urban=ward.is_urban,
                )
            )
    Area.objects.bulk_create(new, batch_size=2000)


def _weighted(table: dict):
    return list(table), list(table.values())


def _sizes(households: int, persons: int, rng) -> list[int]:
    """Split persons over households, 1 to 10 each, varied but exact in sum."""
    sizes = [persons // households] * households
    for i in range(persons - sum(sizes)):
        sizes[i] += 1
    for _ in range(households * 3):
        i, j = rng.randrange(households), rng.randrange(households)
        if sizes[i] > 1 and sizes[j] < 10:
            sizes[i] -= 1
            sizes[j] += 1
    return sizes


_SPECIAL = re.compile(r"[\\\t\n\r]")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _text(v) -> str:
    if v is None:
        return "\\N"
    if v is True or v is False:
        return "t" if v else "f"
    if isinstance(v, str):
        return _SPECIAL.sub(lambda m: _ESCAPES[m[0]], v) if _SPECIAL.search(v) else v
    return str(v)


def _line(values) -> str:
    """One row in COPY text format."""
    return "\t".join(map(_text, values)) + "\n"


class _Copier:
    """Buffer rows per table and send them with COPY in large chunks."""

    CHUNK = 50_000

    def __init__(self, cursor):
        self.cursor, self.buffers, self.columns = cursor, {}, {}

    def table(self, model, skip=()) -> None:
        fields = [f for f in model._meta.concrete_fields if f.column not in skip]
        # Columns a row leaves out get the field's default ("" for text, None if nullable).
        self.columns[model._meta.db_table] = {f.column: f.get_default() for f in fields}
        self.buffers[model._meta.db_table] = []

    def add(self, model, row: dict) -> None:
        table = model._meta.db_table
        buf = self.buffers[table]
        buf.append(_line(row.get(c, d) for c, d in self.columns[table].items()))
        if len(buf) >= self.CHUNK:
            self.flush(table)

    def flush(self, table=None) -> None:
        for name in [table] if table else list(self.buffers):
            buf = self.buffers[name]
            if not buf:
                continue
            cols = ", ".join(f'"{c}"' for c in self.columns[name])
            with self.cursor.copy(f'COPY "{name}" ({cols}) FROM STDIN') as copy:
                copy.write("".join(buf))
            buf.clear()


def _register_load(args, wards) -> None:
    from django.db import connection, transaction

    from areas.models import Area, Level
    from areas.names import search_key
    from households.models import Household, HouseholdStatus, Person
    from households.rules import known_province_codes, movement
    from households.services import prepare_person

    rng = random.Random(args.seed)
    models = [Household, Person, HouseholdStatus]
    # simple_history builds a manager on each `Model.history` access: look them up once.
    history = [m.history.model for m in models]
    past_household, past_person, past_status = history
    tables = ", ".join(m._meta.db_table for m in models + history)

    groups: dict[int, list] = {}
    for g in Area.objects.filter(level=Level.RESIDENTIAL_GROUP, parent__in=wards).order_by("path"):
        groups.setdefault(g.parent_id, []).append(g)

    # Wards differ in size; the approver's province gets its share and one big ward.
    weights = [rng.uniform(0.3, 2.0) for _ in wards]
    big = next(i for i, w in enumerate(wards) if w.parent.code == APPROVER_PROVINCE)
    weights[big] = 4.0
    placed = rng.choices(range(len(wards)), weights=weights, k=args.households)
    placed.sort()
    slots = []  # (ward, group, code) in registration order
    counters: dict[int, int] = {}
    for i in placed:
        ward = wards[i]
        group = rng.choice(groups[ward.pk])
        counters[group.pk] = counters.get(group.pk, 0) + 1
        slots.append((ward, group, f"{group.code}-{counters[group.pk]:04d}"))
    rng.shuffle(slots)  # households were registered over time, not ward by ward
    sizes = _sizes(args.households, args.persons, rng)

    surnames, surname_w = _weighted(SURNAMES)
    middles = {s: _weighted(MIDDLE[s]) for s in MIDDLE}
    givens = {s: (GIVEN[s], [1 / (k + 1) ** 0.6 for k in range(len(GIVEN[s]))]) for s in GIVEN}
    ethnicities, ethnicity_w = _weighted(ETHNICITY)
    first_year, first_year_w = _weighted(FIRST_YEAR)
    next_year = {k: _weighted(v) for k, v in NEXT_YEAR.items()}
    id_provinces = sorted(known_province_codes())
    used_ids: set[str] = set()
    key_cache: dict[str, tuple[str, str]] = {}

    def name(sex: str, surname: str | None = None) -> str:
        m, mw = middles[sex]
        g, gw = givens[sex]
        surname = surname or rng.choices(surnames, surname_w)[0]
        return f"{surname} {rng.choices(m, mw)[0]} {rng.choices(g, gw)[0]}"

    def keyed(full_name: str) -> tuple[str, str]:
        # The services' own normalisation: prepare_person on an unsaved Person.
        if full_name not in key_cache:
            p = prepare_person(Person(full_name=full_name, ethnicity="Kinh"))
            assert p.search_name == search_key(p.full_name)
            key_cache[full_name] = (p.full_name, p.search_name)
        return key_cache[full_name]

    def ids(born: date, sex: str, home: str) -> tuple[str, str]:
        if TODAY.year - born.year < 14:
            return "", ""
        if born.year < 1975 and rng.random() < 0.03:
            return "", f"{rng.randrange(10**8, 4 * 10**8):09d}"  # old 9-digit CMND only
        prefix = home if rng.random() < 0.8 else rng.choice(id_provinces)
        digit = 2 * ((born.year - 1900) // 100) + (0 if sex == "male" else 1)
        while True:
            value = f"{prefix}{digit}{born.year % 100:02d}{rng.randrange(10**6):06d}"
            if value not in used_ids:
                used_ids.add(value)
                return value, ""

    def birth(year: int) -> date:
        return date(min(year, TODAY.year - 1), rng.randint(1, 12), rng.randint(1, 28))

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        # Foreign keys are right by construction: skip their deferred per-row checks.
        cursor.execute("SET LOCAL session_replication_role = replica")
        copier = _Copier(cursor)
        for m in models:
            copier.table(m)
        for m in history:
            copier.table(m, skip=("history_id",))
        person_id = status_id = 0
        for hid, ((ward, group, code), size) in enumerate(zip(slots, sizes, strict=True), 1):
            home = ID_PREFIX[ward.parent.code]
            household = {
                "id": hid,
                "ward_id": ward.pk,
                "residential_group_id": group.pk,
                "code": code,
                "address": f"{rng.randint(1, 400)}/{rng.randint(1, 60)} "
                f"{rng.choice(STREETS)}, {group.name}",
                "phone": f"09{rng.randrange(10**8):08d}" if rng.random() < 0.7 else "",
                "notes": "",
                "version": 1,
                "created_at": CREATED,
                "updated_at": CREATED,
            }
            copier.add(Household, household)
            copier.add(past_household, _historical(household))
            for member in _family(size, rng, name):
                person_id += 1
                full_name, search_name = keyed(member["full_name"])
                national_id, legacy_id = ids(member["birth_date"], member["sex"], home)
                person = {
                    **member,
                    "id": person_id,
                    "household_id": hid,
                    "full_name": full_name,
                    "search_name": search_name,
                    "national_id": national_id,
                    "legacy_id": legacy_id,
                    "ethnicity": rng.choices(ethnicities, ethnicity_w)[0],
                    "disability_level": (
                        rng.choice(("particularly_severe", "severe", "mild"))
                        if rng.random() < 0.03
                        else ""
                    ),
                    "deceased_on": (
                        date(2025, rng.randint(1, 12), rng.randint(1, 28))
                        if member["birth_date"].year < 1950 and rng.random() < 0.1
                        else None
                    ),
                    "moved_out_on": (
                        date(2025, rng.randint(1, 12), rng.randint(1, 28))
                        if rng.random() < 0.01
                        else None
                    ),
                    "created_at": CREATED,
                    "updated_at": CREATED,
                }
                copier.add(Person, person)
                copier.add(past_person, _historical(person))
            classification = rng.choices(first_year, first_year_w)[0]
            previous = ""
            for year in YEARS:
                if year != YEARS[0]:
                    previous = classification
                    classification = rng.choices(*next_year[classification])[0]
                status_id += 1
                status = {
                    "id": status_id,
                    "household_id": hid,
                    "year": year,
                    "valid_from": date(year, 1, 1),
                    "classification": classification,
                    "previous": previous,
                    "movement": movement(
                        previous, classification, escaped_before=previous.startswith("escaped")
                    )
                    if previous
                    else "",
                    "decision_number": f"{rng.randint(1, 999)}/QĐ-UBND",
                    "decision_date": date(year, 12, rng.randint(10, 28)),
                    "reason": "",
                    "created_at": CREATED,
                    "updated_at": CREATED,
                }
                copier.add(HouseholdStatus, status)
                copier.add(past_status, _historical(status))
        copier.flush()
        for m in models:
            table = m._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    copied = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {tables}")
    log(
        args,
        f"  generate + COPY {copied - started:.1f} s, "
        f"VACUUM ANALYZE {time.perf_counter() - copied:.1f} s",
    )


def _historical(row: dict) -> dict:
    return {**row, "history_date": CREATED, "history_type": "+", "history_user_id": None}


def _family(size: int, rng, name) -> list[dict]:
    head_sex = "male" if rng.random() < 0.7 else "female"
    head_year = rng.randint(1940, 1998)
    head_surname = name(head_sex).split()[0]
    plan = [("head", head_sex, head_year, head_surname)]
    if size >= 2 and rng.random() < 0.85:
        spouse_sex = "female" if head_sex == "male" else "male"
        plan.append(("spouse", spouse_sex, head_year + rng.randint(-5, 5), None))
    if size >= 4 and rng.random() < 0.35:
        parent_sex = rng.choice(("male", "female"))
        plan.append(("parent", parent_sex, head_year - rng.randint(20, 32), None))
    father = head_surname if head_sex == "male" else None
    while len(plan) < size:
        if head_year < 1965 and rng.random() < 0.4:
            relation, year = "grandchild", head_year + rng.randint(40, 60)
        else:
            relation, year = "child", head_year + rng.randint(18, 40)
        sex = rng.choice(("male", "female"))
        plan.append((relation, sex, min(year, TODAY.year - 1), father))
    people = []
    for relation, sex, year, surname in plan:
        year_only = relation == "parent" and rng.random() < 0.5
        born = date(year, 1, 1) if year_only else date(year, rng.randint(1, 12), rng.randint(1, 28))
        people.append(
            {
                "full_name": name(sex, surname),
                "sex": sex,
                "relation_to_head": relation,
                "birth_date": born,
                "birth_year_only": year_only,
            }
        )
    return people


# ---------------------------------------------------------------- measuring


def actors():
    """The ward officer of the biggest ward and the approver of the biggest province."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from areas.models import Area, Level, Role, RoleAssignment
    from areas.services import role_grant
    from households.models import Household

    user_model = get_user_model()
    province = Area.objects.get(level=Level.PROVINCE, code=APPROVER_PROVINCE)
    top = (
        Household.objects.filter(ward__parent=province)
        .values("ward_id")
        .annotate(n=Count("id"))
        .order_by("-n", "ward_id")
        .first()
    )
    ward = (
        Area.objects.get(pk=top["ward_id"])
        if top
        else Area.objects.filter(parent=province).order_by("path").first()
    )
    officer, _ = user_model.objects.get_or_create(
        username="bench_canbo", defaults={"first_name": "Cán bộ", "last_name": "Phường"}
    )
    approver, _ = user_model.objects.get_or_create(
        username="bench_pheduyet", defaults={"first_name": "Phê duyệt", "last_name": "Tỉnh"}
    )
    RoleAssignment.objects.filter(user__in=[officer, approver]).exclude(
        user=officer, area=ward, role=Role.WARD_OFFICER
    ).exclude(user=approver, area=province, role=Role.APPROVER).delete()
    role_grant(user=officer, area=ward, role=Role.WARD_OFFICER)
    role_grant(user=approver, area=province, role=Role.APPROVER)
    return {"officer": (officer, ward), "approver": (approver, province)}


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


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


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
                "p50": _percentile(times, 50),
                "p95": _percentile(times, 95),
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
        # The issue sets targets for the list, the two searches and the detail page; the
        # classification filter is measured too, as information.
        targeted = not key.startswith("class")
        verdict = ("ok" if fast else "SLOW") + ("" if same else ", QUERIES VARY")
        verdict += "" if targeted else " (no target)"
        ok &= (fast or not targeted) and same
        print(
            f"{row['label']:<40} {row['p50']:7.1f} {row['p95']:7.1f} {row['max']:7.1f} "
            f"{row['sql_ms']:7.1f} {q:>11} {s:>10}  {verdict}"
        )
    print("-" * len(header))
    print(
        f"Targets: p95 ≤ {P95_TARGET_MS:.0f} ms per targeted scenario; queries per request "
        f"constant across requests and equal at {size} and {small_head} households."
    )
    print("Result: " + ("all targets met." if ok else "TARGETS MISSED."))
    return ok


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args.db)
    _wards, load_s = prepare(args)
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
