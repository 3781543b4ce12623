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

Every measured phase runs in a fresh child process (Django set up, modules imported and the
connection open before the clock starts), so that the process's peak resident set size,
ru_maxrss, belongs to that phase alone. Python's own allocations are measured with
tracemalloc in a second, untimed pass over the same steps (tracemalloc slows Python code
down, so the timed pass runs without it).

PostgreSQL is reached as postgres@127.0.0.1:5432 unless BENCH_PG_URL says otherwise
(a URL without the database name); the database is created when missing.
"""

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SERVER_SETTINGS = ("jit = off", "max_parallel_workers_per_gather = 0")
RESULT = "BENCH-RESULT "

PROVINCE = "91"  # An Giang
WARD_CODE = "30307"  # Phường Long Xuyên
ID_PREFIX = "089"  # An Giang's birth-registration code
YEAR = 2025  # the classification year of the list
DECISION = ("12/QĐ-UBND", date(2025, 1, 20))
LAST_BIRTH_YEAR = 2025
CHILD_AGE = 14  # no ID card below this age

TARGETS = {"preview": 3.0, "commit": 4.0, "reimport": 3.0}
MEMORY_TARGET_MB = 400
RATIO_TARGET = 25

# Khóm of the ward: (name, code abbreviation as lists write it).
GROUPS = (
    ("Đông An", "ĐA"),
    ("Đông Hưng", "ĐH"),
    ("Đông Thịnh", "ĐT"),
    ("Đông Phú", "ĐP"),
    ("Bình Khánh", "BK"),
    ("Bình Đức", "BĐ"),
    ("Mỹ Thới", "MT"),
    ("Mỹ Long", "ML"),
    ("Tây Khánh", "TK"),
    ("Đông Thạnh", "ĐTH"),
    ("Mỹ Phước", "MP"),
    ("Mỹ Xuyên", "MX"),
)
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
    "Thạch": 0.4,
    "Danh": 0.3,
    "Kim": 0.3,
    "Sơn": 0.3,
    "Quách": 0.2,
    "Đoàn": 0.6,
    "Lương": 0.5,
    "Trịnh": 0.4,
}
MIDDLE = {
    "male": {"Văn": 40, "Hữu": 8, "Minh": 10, "Thanh": 8, "Quốc": 6, "Đức": 6, "Công": 5,
             "Hoàng": 4, "Tấn": 5, "Ngọc": 3, "Trung": 3, "Phước": 2, "Thành": 3, "Gia": 3},
    "female": {"Thị": 50, "Ngọc": 10, "Thanh": 5, "Thị Kim": 3, "Kim": 5, "Mỹ": 4, "Thu": 4,
               "Bích": 3, "Hồng": 3, "Phương": 3, "Minh": 3, "Khánh": 2, "Bảo": 2, "Hoài": 2},
}  # fmt: skip
_GIVEN = {
    "male": (
        "Hùng Dũng Tâm Phúc Lộc Thắng Hải Long Tuấn Sơn Khánh Nghĩa Toàn Hiếu Bảo Trí Nam "
        "Minh Quang Hòa Bình Cường Đạt Định Hậu Hưng Huy Khoa Kiên Lâm Luân Nhân Phong Quân "
        "Sang Tài Thành Thiện Thịnh Tiến Trung Tùng Việt Vinh Vũ Danh Đông Giang Khang Lợi "
        "Mạnh Phát Tân Thái Thuận Tín Triều Trọng Út"
    ),
    "female": (
        "Lan Hoa Hồng Mai Thảo Nhung Hạnh Trang Yến Thủy Liên Cúc Ngân Diễm Tuyết Phượng Anh "
        "Bích Châu Dung Duyên Giang Hà Hằng Hiền Hương Huyền Kiều Linh Loan Ly My Nga Ngọc Nhi "
        "Oanh Phương Quyên Sương Tâm Thanh Thu Thúy Tiên Trinh Uyên Vân Vy Xuân Ánh Đào Lệ Mơ "
        "Nương Phấn Sen Thắm Trâm Út"
    ),
}
GIVEN = {sex: names.split() for sex, names in _GIVEN.items()}
ETHNICITY = {"Kinh": 92, "Khmer": 5, "Hoa": 2, "Chăm": 1}
STREETS = ("Trần Hưng Đạo", "Hà Hoàng Hổ", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thái Tổ",
           "Tôn Đức Thắng", "Hùng Vương", "Trần Quang Khải", "Lê Lợi", "Ung Văn Khiêm")  # fmt: skip
SIZES = {1: 10, 2: 18, 3: 26, 4: 22, 5: 12, 6: 7, 7: 3, 8: 2}  # persons per household
CLASSES = {"Hộ cận nghèo": 65, "Hộ nghèo": 35}
CLASS_CODES = {"Hộ cận nghèo": "near_poor", "Hộ nghèo": "poor"}
HEADER = ["STT", "Mã hộ", "Khóm", "Địa chỉ", "Họ và tên", "Quan hệ với chủ hộ", "Ngày sinh",
          "Giới tính", "Số CCCD", "Dân tộc", "Phân loại hộ", "Ghi chú"]  # fmt: skip


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


def setup_django(db_name: str, *, create: bool) -> None:
    if create:
        import psycopg

        with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name])
            if not exists.fetchone():
                conn.execute(f'CREATE DATABASE "{db_name}"')
            # The server settings of docker-compose.yml's PostgreSQL, for this database only.
            for setting in SERVER_SETTINGS:
                conn.execute(f'ALTER DATABASE "{db_name}" SET {setting}')
    os.environ["DATABASE_URL"] = f"{PG_URL}/{db_name}"
    os.environ["DEBUG"] = "false"
    os.environ["CELERY_BROKER_URL"] = "memory://"  # tasks run in-process, as without a broker
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    import django

    django.setup()


# ---------------------------------------------------------------- the list


def _weighted(table: dict):
    return list(table), list(table.values())


def generate(households: int, seed: int) -> list[dict]:
    """Return the census list's households, each with its members, as typed in the file."""
    from areas.names import search_key
    from households.rules import known_province_codes

    rng = random.Random(seed)
    surnames, surname_w = _weighted(SURNAMES)
    middles = {s: _weighted(MIDDLE[s]) for s in MIDDLE}
    givens = {s: (GIVEN[s], [1 / (k + 1) ** 0.6 for k in range(len(GIVEN[s]))]) for s in GIVEN}
    ethnicities, ethnicity_w = _weighted(ETHNICITY)
    sizes, size_w = _weighted(SIZES)
    classes, class_w = _weighted(CLASSES)
    other_prefixes = sorted(known_province_codes() - {ID_PREFIX})
    used_ids: set[str] = set()
    counters = [0] * len(GROUPS)

    def name(sex: str, surname: str | None = None) -> str:
        middle = rng.choices(*middles[sex])[0]
        given = rng.choices(*givens[sex])[0]
        return f"{surname or rng.choices(surnames, surname_w)[0]} {middle} {given}"

    def national_id(year: int, sex: str) -> str:
        prefix = ID_PREFIX if rng.random() < 0.9 else rng.choice(other_prefixes)
        digit = 2 * ((year - 1900) // 100) + (0 if sex == "male" else 1)
        while True:
            value = f"{prefix}{digit}{year % 100:02d}{rng.randrange(10**6):06d}"
            if value not in used_ids:
                used_ids.add(value)
                return value

    result = []
    for _ in range(households):
        g = rng.randrange(len(GROUPS))
        counters[g] += 1
        group, abbr = GROUPS[g]
        style = rng.random()
        group_cell = f"Khóm {group}" if style < 0.85 else group if style < 0.95 else f"khóm {group}"
        label = rng.choices(classes, class_w)[0]
        household = {
            "code": f"LX-{abbr}-{counters[g]:04d}",
            "group": f"Khóm {group}",
            "group_cell": group_cell,
            "address": f"{rng.randint(1, 400)}/{rng.randint(1, 60)} {rng.choice(STREETS)}, "
            f"tổ {rng.randint(1, 20)}, khóm {group}",
            "classification_cell": label,
            "classification": CLASS_CODES[label],
            "persons": [],
        }
        ethnicity = rng.choices(ethnicities, ethnicity_w)[0]
        seen = set()
        for relation, relation_cell, sex, year, surname in _family(
            rng, rng.choices(sizes, size_w)[0], name
        ):
            while True:
                full_name = name(sex, surname)
                year_only = (relation == "parent" and rng.random() < 0.5) or (
                    year < 1950 and rng.random() < 0.2
                )
                born = (
                    date(year, 1, 1)
                    if year_only
                    else date(year, rng.randint(1, 12), rng.randint(1, 28))
                )
                if (search_key(full_name), born) not in seen:
                    seen.add((search_key(full_name), born))
                    break
            if year_only:
                birth_cell = str(year) if rng.random() < 0.75 else year  # text or number cell
            else:
                style = rng.random()
                birth_cell = (
                    born.strftime("%d/%m/%Y")
                    if style < 0.65
                    else born.strftime("%d-%m-%Y")
                    if style < 0.8
                    else born  # an Excel date
                )
            nid = legacy = id_cell = ""
            if LAST_BIRTH_YEAR - year >= CHILD_AGE:
                if year < 1975 and rng.random() < 0.02:
                    legacy = id_cell = f"{rng.randrange(10**8, 4 * 10**8):09d}"  # old CMND
                else:
                    nid = id_cell = national_id(year, sex)
                    if rng.random() < 0.1:  # typed in groups, as some lists do
                        id_cell = f"{nid[:3]} {nid[3:6]} {nid[6:]}"
            household["persons"].append(
                {
                    "full_name": full_name,
                    "relation": relation,
                    "relation_cell": relation_cell,
                    "sex": sex,
                    "birth_date": born,
                    "birth_year_only": year_only,
                    "birth_cell": birth_cell,
                    "national_id": nid,
                    "legacy_id": legacy,
                    "id_cell": id_cell,
                    "ethnicity": ethnicity if rng.random() < 0.97 else "Kinh",
                }
            )
        result.append(household)
    return result


def _family(rng, size: int, name) -> list[tuple]:
    """(relation, as written, sex, birth year, surname or None) of each member, head first."""
    head_sex = "male" if rng.random() < 0.65 else "female"
    head_year = rng.randint(1940, 1995)
    surname = name(head_sex).split()[0]
    father = surname if head_sex == "male" else None
    members = [("head", "Chủ hộ", head_sex, head_year, surname)]
    if size >= 2 and rng.random() < 0.8:
        sex = "female" if head_sex == "male" else "male"
        cell = "Vợ" if sex == "female" else "Chồng"
        members.append(("spouse", cell, sex, min(head_year + rng.randint(-5, 5), 2000), None))
    if size >= 4 and rng.random() < 0.3:
        sex = rng.choice(("male", "female"))
        year = max(head_year - rng.randint(20, 32), 1920)
        members.append(("parent", "Cha" if sex == "male" else "Mẹ", sex, year, None))
    while len(members) < size:
        sex = rng.choice(("male", "female"))
        roll = rng.random()
        if head_year < 1965 and roll < 0.35:
            year, relation, cell, surname = (
                head_year + rng.randint(40, 60),
                "grandchild",
                "Cháu",
                None,
            )
        elif head_year < 1970 and roll < 0.45:
            year, relation, surname = head_year + rng.randint(18, 35), "child_in_law", None
            cell = "Con dâu" if sex == "female" else "Con rể"
        else:
            year, relation, surname = head_year + rng.randint(18, 40), "child", father
            cell = rng.choice(("Con", "Con", "Con", "Con trai" if sex == "male" else "Con gái"))
        members.append((relation, cell, sex, min(year, LAST_BIRTH_YEAR), surname))
    return members


def workbook(data: list[dict], ward_name: str) -> bytes:
    """The list as an .xlsx in the shape wards send, written with openpyxl write-only."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    blank = [""] * (len(HEADER) - 1)
    persons = sum(len(h["persons"]) for h in data)
    sheet.append([f"ỦY BAN NHÂN DÂN {ward_name.upper()}", *blank])
    sheet.append([f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {YEAR}", *blank])
    sheet.append(
        [
            f"(Kèm theo Quyết định số {DECISION[0]} ngày {DECISION[1]:%d/%m/%Y} của UBND phường)",
            *blank,
        ]
    )
    sheet.append(["", *blank])
    sheet.append(HEADER)
    n = 0
    for h in data:
        for p in h["persons"]:
            n += 1
            sheet.append(
                [
                    n,
                    h["code"],
                    h["group_cell"],
                    h["address"],
                    p["full_name"],
                    p["relation_cell"],
                    p["birth_cell"],
                    "Nam" if p["sex"] == "male" else "Nữ",
                    p["id_cell"],
                    p["ethnicity"],
                    h["classification_cell"],
                    "",
                ]
            )
    sheet.append(["", *blank])
    sheet.append(["", "", "", "", f"Tổng cộng: {len(data)} hộ, {persons} nhân khẩu", *blank[4:]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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


# ---------------------------------------------------------------- one phase, in a child


def worker(args) -> dict:
    """Run one phase in this fresh process and return what was measured."""
    from django.db import connection
    from django.utils.translation import gettext

    import imports.problems_file  # noqa: F401  (a running worker has these loaded)
    import imports.tasks  # noqa: F401
    from imports import services
    from imports.models import ImportJob

    connection.ensure_connection()
    gettext("Hộ")  # the catalogue, loaded once per worker process
    phase = args.worker
    if phase.startswith("die"):
        return die_worker(args)
    if phase == "breakdown":
        return breakdown(args.job)
    if phase == "upload":
        from django.contrib.auth import get_user_model
        from django.core.files.uploadedfile import SimpleUploadedFile

        from areas.models import Area

        ward = Area.objects.get(code=WARD_CODE, parent__code=PROVINCE)
        user = get_user_model().objects.get(username="bench_nhap")
        data = Path(args.file).read_bytes()
        name = Path(args.file).name

        def run():
            upload = SimpleUploadedFile(name, data)
            return services.import_job_create(
                user=user,
                ward=ward,
                upload=upload,
                year=YEAR,
                decision_number=DECISION[0],
                decision_date=DECISION[1],
            )
    else:
        job = ImportJob.objects.select_related("created_by").get(pk=args.job)
        if phase == "preview":

            def run():
                return services.import_preview_request(
                    user=job.created_by, job=job, mapping=job.column_mapping(), create_groups=False
                )
        else:

            def run():
                return services.import_commit_request(user=job.created_by, job=job)

    measured = _measure(run, trace=args.trace)
    job = ImportJob.objects.get(pk=measured.pop("value").pk)
    if phase == "preview" and job.previewed_at:
        # The page shows the preview once the row says so; the problems file comes after.
        measured["with_file_seconds"] = measured["seconds"]
        measured["seconds"] = job.previewed_at.timestamp() - measured["wall_started"]
    return measured | {
        "job": job.pk,
        "status": job.status,
        "counts": job.counts,
        "blocking": job.blocking_count,
        "warnings": job.warning_count,
        "problems": job.problems[:5],
        "error": job.error,
        "mapping": job.mapping,
    }


def _measure(run, *, trace: bool) -> dict:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    wall_started = time.time()
    started = time.perf_counter()
    value = run()
    seconds = time.perf_counter() - started
    py_peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "value": value,
        "seconds": seconds,
        "wall_started": wall_started,
        "rss_base_mb": base / 1024,
        "rss_peak_mb": peak / 1024,
        "py_peak_mb": py_peak / 2**20 if trace else None,
    }


def breakdown(job_id: int) -> dict:
    """Time the steps of a preview one by one, as import_preview_run takes them."""
    from django.utils import timezone

    from households.rules import known_province_codes
    from imports import services
    from imports.models import ImportJob
    from imports.parsing import Context, parse_rows
    from imports.planning import plan_import, ward_groups
    from imports.problems_file import problems_workbook
    from imports.reading import read_upload

    job = ImportJob.objects.select_related("ward").get(pk=job_id)
    steps = {}

    def step(name, run):
        started = time.perf_counter()
        value = run()
        steps[name] = time.perf_counter() - started
        return value

    with job.file.open("rb") as f:
        data = f.read()
    step(
        "read_upload at upload (python-calamine, checks)",
        lambda: read_upload(data, job.original_name),
    )
    rows = step("load the cells kept at upload", lambda: services._cells(job))
    ctx = Context(
        today=timezone.localdate(),
        group_keys=frozenset(ward_groups(job.ward)),
        ward_keys=services._ward_keys(job.ward),
        province_codes=known_province_codes(),
    )
    parsed = step("parse_rows", lambda: parse_rows(rows, job.header_row, job.column_mapping(), ctx))
    plan = step(
        "plan_import",
        lambda: plan_import(parsed, ward=job.ward, year=job.year, create_groups=False),
    )
    problems = [*parsed.problems, *plan.problems]
    if problems:
        step(
            f"problems_workbook ({len(problems)} problems; after the preview is shown)",
            lambda: problems_workbook(rows, job.header_row, problems),
        )
    return {"steps": steps}


def die_resources(ward):
    """django-import-export's standard ModelResources for the register, in one ward."""
    from import_export import fields, resources
    from import_export.widgets import ForeignKeyWidget

    from areas.models import Area, Level
    from households.models import Household, HouseholdStatus, Person
    from households.services import prepare_person

    class GroupWidget(ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return Area.objects.filter(parent=ward, level=Level.RESIDENTIAL_GROUP)

    class HouseholdWidget(ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return Household.objects.filter(ward=ward)

    class HouseholdImport(resources.ModelResource):
        ward = fields.Field(attribute="ward", column_name="ward", widget=ForeignKeyWidget(Area))
        residential_group = fields.Field(
            attribute="residential_group",
            column_name="residential_group",
            widget=GroupWidget(Area, "name"),
        )

        class Meta:
            model = Household
            fields = ("ward", "code", "residential_group", "address", "phone")
            import_id_fields = ("ward", "code")

    class PersonImport(resources.ModelResource):
        household = fields.Field(
            attribute="household",
            column_name="household",
            widget=HouseholdWidget(Household, "code"),
        )

        class Meta:
            model = Person
            fields = (
                "household",
                "full_name",
                "relation_to_head",
                "sex",
                "birth_date",
                "birth_year_only",
                "national_id",
                "legacy_id",
                "ethnicity",
            )
            # Children have no ID: a person is its household, name and date of birth.
            import_id_fields = ("household", "full_name", "birth_date")

        def before_save_instance(self, instance, row, **kwargs):
            prepare_person(instance)  # the search key the register's search needs

    class StatusImport(resources.ModelResource):
        household = fields.Field(
            attribute="household",
            column_name="household",
            widget=HouseholdWidget(Household, "code"),
        )

        class Meta:
            model = HouseholdStatus
            fields = ("household", "year", "classification", "decision_number", "decision_date")
            import_id_fields = ("household", "year")

    return HouseholdImport, PersonImport, StatusImport


def die_datasets(data: list[dict], ward) -> tuple:
    """The list's rows as django-import-export reads them: one Dataset per model, values
    already in the register's codes (its widgets do not read "Chủ hộ" or "1947")."""
    import tablib

    households = tablib.Dataset(headers=["ward", "code", "residential_group", "address", "phone"])
    persons = tablib.Dataset(
        headers=[
            "household",
            "full_name",
            "relation_to_head",
            "sex",
            "birth_date",
            "birth_year_only",
            "national_id",
            "legacy_id",
            "ethnicity",
        ]
    )
    statuses = tablib.Dataset(
        headers=["household", "year", "classification", "decision_number", "decision_date"]
    )
    for h in data:
        households.append([ward.pk, h["code"], h["group"], h["address"], ""])
        for p in h["persons"]:
            persons.append(
                [
                    h["code"],
                    p["full_name"],
                    p["relation"],
                    p["sex"],
                    p["birth_date"],
                    p["birth_year_only"],
                    p["national_id"],
                    p["legacy_id"],
                    p["ethnicity"],
                ]
            )
        statuses.append([h["code"], YEAR, h["classification"], *DECISION])
    return households, persons, statuses


def die_worker(args) -> dict:
    """Import the rows with django-import-export: each model dry-run, then imported."""
    from areas.models import Area

    ward = Area.objects.get(code=WARD_CODE, parent__code=PROVINCE)
    datasets = die_datasets(generate(args.households, args.seed), ward)
    steps = []

    def run():
        for name, resource_class, dataset in zip(
            ("households", "persons", "statuses"), die_resources(ward), datasets, strict=True
        ):
            for dry_run in (True, False):
                started = time.perf_counter()
                result = resource_class().import_data(dataset, dry_run=dry_run, raise_errors=True)
                totals = {k: v for k, v in result.totals.items() if v}
                assert not result.has_errors() and not result.has_validation_errors(), name
                steps.append(
                    {
                        "model": name,
                        "dry_run": dry_run,
                        "seconds": time.perf_counter() - started,
                        "rows": len(dataset),
                        "totals": totals,
                    }
                )

    measured = _measure(run, trace=False)
    measured.pop("value")
    dry = sum(s["seconds"] for s in steps if s["dry_run"])
    return measured | {
        "steps": steps,
        "dry_run_seconds": dry,
        "import_seconds": measured["seconds"] - dry,
    }


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
