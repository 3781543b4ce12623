"""The register the benchmarks share: 200,000 households of three provinces, loaded once.

`prepare()` migrates the database, loads the provinces' areas and residential groups and,
when the database does not hold this register yet, generates the households, their
members and their statuses and sends them with COPY (about 100 s for 200,000 households
and 700,000 persons). Each household has a status for 2024 and one for 2025, both valid
from 1 January; about one in twenty also has a decision of mid-2025 (an escape, a newly
poor or near-poor household, a relapse). `actors()` makes the ward officer of the biggest
ward and the approver of the biggest province.
"""

import random
import re
import time
from datetime import date

from people import ETHNICITY, NameMaker, legacy_id, national_id, weighted

# The approver works for the largest province; all three are loaded.
PROVINCES = ("79", "91", "92")  # TP Hồ Chí Minh (168 wards), An Giang (102), Cần Thơ (103)
APPROVER_PROVINCE = "79"
# Birth-registration code of the ID card (first three digits) per province.
ID_PREFIX = {"79": "079", "91": "089", "92": "092"}
YEARS = (2024, 2025)
TODAY = date(2026, 1, 1)
CREATED = "2025-01-15 08:00:00+07"
# Marks a database loaded by this version of the loader (COMMENT ON DATABASE): a database
# loaded by another version, or with other sizes or seed, is loaded again.
LOADER = "ansinh bench register v2"

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
# A decision of mid-2025 for some households: by the 1 January classification, the share
# of households with one (about 5 % in all) and what it changes them to.
MID_YEAR = date(2025, 6, 15)
MID_YEAR_CHANGES = {
    "poor": (0.15, {"escaped_poor": 70, "near_poor": 30}),
    "near_poor": (0.12, {"escaped_near_poor": 70, "poor": 30}),
    "escaped_poor": (0.08, {"poor": 40, "near_poor": 60}),
    "escaped_near_poor": (0.08, {"near_poor": 60, "poor": 40}),
    "middle_income": (0.05, {"near_poor": 70, "poor": 30}),
    "none": (0.02, {"near_poor": 60, "poor": 40}),
}


def prepare(
    households: int,
    persons: int,
    *,
    seed: int,
    reload: bool = False,
    say=print,
    provinces: tuple[str, ...] = PROVINCES,
):
    """Migrate, load the areas, groups and (if needed) the register, over `provinces`
    (all three by default; one for a bench of a single province's load).

    Return the wards and the seconds the load took (None when the data was there).
    """
    from django.core.management import call_command
    from django.db import connection

    from areas.models import Area, Level
    from areas.services import areas_load
    from households.models import Household, Person

    call_command("migrate", verbosity=0)
    for code in provinces:
        if not Area.objects.filter(level=Level.PROVINCE, code=code).exists():
            areas_load(province_code=code)
    wards = list(
        Area.objects.filter(level=Level.WARD, parent__code__in=provinces)
        .select_related("parent")
        .order_by("path")
    )
    _groups_create(wards, random.Random(seed))
    loaded = (Household.objects.count(), Person.objects.count())
    marker = f"{LOADER}: {households} households, {persons} persons, seed {seed}"
    if provinces != PROVINCES:
        marker += f", provinces {' '.join(provinces)}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        )
        present = cursor.fetchone()[0]
    if reload or loaded != (households, persons) or present != marker:
        say(f"Loading {households:,} households, {persons:,} persons…")
        started = time.perf_counter()
        _register_load(households, persons, wards, seed=seed, say=say)
        elapsed = time.perf_counter() - started
        with connection.cursor() as cursor:
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            cursor.execute(f"COMMENT ON DATABASE {name} IS %s", [marker])
        say(f"Loaded and analysed in {elapsed:.1f} s.")
        return wards, elapsed
    say(f"Data already loaded ({loaded[0]:,} households, {loaded[1]:,} persons).")
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


def _register_load(households: int, persons: int, wards, *, seed: int, say) -> None:
    from django.db import connection, transaction

    from areas.models import Area, Level
    from households.models import Household, HouseholdStatus, Membership, Person
    from households.rules import escaped_lines, known_province_codes, movement
    from households.services import prepare_person
    from vn.names import search_key

    rng = random.Random(seed)
    # The mid-year decisions draw from their own stream: the rest is as without them.
    mid_rng = random.Random(seed + 7)
    models = [Household, Person, HouseholdStatus]
    # simple_history builds a manager on each `Model.history` access: look them up once.
    history = [m.history.model for m in models]
    past_household, past_person, past_status = history
    tables = ", ".join(m._meta.db_table for m in [*models, *history, Membership])

    groups: dict[int, list] = {}
    for g in Area.objects.filter(level=Level.RESIDENTIAL_GROUP, parent__in=wards).order_by("path"):
        groups.setdefault(g.parent_id, []).append(g)

    # Wards differ in size; the approver's province gets its share and one big ward.
    weights = [rng.uniform(0.3, 2.0) for _ in wards]
    big = next(i for i, w in enumerate(wards) if w.parent.code == APPROVER_PROVINCE)
    weights[big] = 4.0
    placed = rng.choices(range(len(wards)), weights=weights, k=households)
    placed.sort()
    slots = []  # (ward, group, code) in registration order
    counters: dict[int, int] = {}
    for i in placed:
        ward = wards[i]
        group = rng.choice(groups[ward.pk])
        counters[group.pk] = counters.get(group.pk, 0) + 1
        slots.append((ward, group, f"{group.code}-{counters[group.pk]:04d}"))
    rng.shuffle(slots)  # households were registered over time, not ward by ward
    sizes = _sizes(households, persons, rng)

    name = NameMaker(rng)
    ethnicities, ethnicity_w = weighted(ETHNICITY)
    first_year, first_year_w = weighted(FIRST_YEAR)
    next_year = {k: weighted(v) for k, v in NEXT_YEAR.items()}
    mid_year = {k: (share, weighted(v)) for k, (share, v) in MID_YEAR_CHANGES.items()}
    id_provinces = sorted(known_province_codes())
    used_ids: set[str] = set()
    key_cache: dict[str, tuple[str, str]] = {}

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
            return "", legacy_id(rng)  # the old CMND only
        prefix = home if rng.random() < 0.8 else rng.choice(id_provinces)
        return national_id(rng, prefix, born.year, sex, used_ids), ""

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
        copier.table(Membership, skip=("id",))
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
                new_id, old_id = ids(member["birth_date"], member["sex"], home)
                person = {
                    **member,
                    "id": person_id,
                    "household_id": hid,
                    "full_name": full_name,
                    "search_name": search_name,
                    "national_id": new_id,
                    "legacy_id": old_id,
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
                copier.add(Membership, _membership(person))
            # (valid from, classification, decision number, decision date), oldest first
            decisions = []
            classification = rng.choices(first_year, first_year_w)[0]
            for year in YEARS:
                if year != YEARS[0]:
                    classification = rng.choices(*next_year[classification])[0]
                number = f"{rng.randint(1, 999)}/QĐ-UBND"
                decided = date(year, 12, rng.randint(10, 28))
                decisions.append((date(year, 1, 1), classification, number, decided))
            share, changes = mid_year[classification]
            if mid_rng.random() < share:
                number = f"{mid_rng.randint(1, 999)}/QĐ-UBND"
                changed = mid_rng.choices(*changes)[0]
                decided = MID_YEAR.replace(day=mid_rng.randint(1, 12))
                decisions.append((MID_YEAR, changed, number, decided))
            previous = ""
            for valid_from, classification, number, decided in decisions:
                status_id += 1
                escaped = escaped_lines(d[1] for d in decisions if d[0] < valid_from)
                status = {
                    "id": status_id,
                    "household_id": hid,
                    "year": valid_from.year,
                    "valid_from": valid_from,
                    "classification": classification,
                    "previous": previous,
                    "movement": movement(previous, classification, escaped=escaped)
                    if previous
                    else "",
                    "decision_number": number,
                    "decision_date": decided,
                    "reason": "",
                    "created_at": CREATED,
                    "updated_at": CREATED,
                }
                copier.add(HouseholdStatus, status)
                copier.add(past_status, _historical(status))
                previous = classification
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
    say(
        f"  generate + COPY {copied - started:.1f} s, "
        f"VACUUM ANALYZE {time.perf_counter() - copied:.1f} s",
    )


def _membership(person: dict) -> dict:
    """The open membership (or one ended by the death or departure) the register keeps."""
    start = date(YEARS[0], 1, 1)
    gone = [d for d in (person["deceased_on"], person["moved_out_on"]) if d]
    return {
        "person_id": person["id"],
        "household_id": person["household_id"],
        "relation_to_head": person["relation_to_head"],
        "started_on": start,
        "ended_on": min(gone) if gone else None,
        "join_reason": "registered",
        "leave_reason": ("died" if min(gone) == person["deceased_on"] else "moved_away")
        if gone
        else "",
        "note": "",
        "created_by_id": None,
        "created_at": CREATED,
    }


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
