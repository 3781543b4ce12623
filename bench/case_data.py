"""50,000 social-assistance cases over the approver's province, for bench/worklists.py.

Drawn from the residents of the register of bench/register_data.py the way offices hold
them: mostly the elderly (K5 and the social pension), the severely disabled (K6), some
children and single parents; mostly active, some suspended, terminated, refused, moved
away or waiting for a decision; a share unpaid for one to six months; and the deaths of
the register, some not yet recorded on the case. Cases are dated from the day the
benchmark runs (applications, unpaid months), and loaded again when that day or the sizes
change (a few seconds). Public holidays of 2025–2026 are added.
"""

import json
import random
import time
from datetime import date, timedelta

from register_data import APPROVER_PROVINCE, CREATED, _Copier, _historical

# Marks the cases this version loaded (COMMENT ON TABLE): other sizes, seed or day reload.
LOADER = "ansinh bench cases v1"
HOLIDAYS = {
    date(2025, 1, 1): "Tết Dương lịch",
    **{date(2025, 1, 25) + timedelta(days=n): "Tết Nguyên đán" for n in range(9)},
    date(2025, 4, 7): "Giỗ Tổ Hùng Vương",
    date(2025, 4, 30): "Ngày Giải phóng miền Nam",
    date(2025, 5, 1): "Ngày Quốc tế Lao động",
    date(2025, 5, 2): "Nghỉ bù",
    date(2025, 9, 1): "Quốc khánh",
    date(2025, 9, 2): "Quốc khánh",
    date(2026, 1, 1): "Tết Dương lịch",
    **{date(2026, 2, 14) + timedelta(days=n): "Tết Nguyên đán" for n in range(9)},
    date(2026, 4, 27): "Giỗ Tổ Hùng Vương",
    date(2026, 4, 30): "Ngày Giải phóng miền Nam",
    date(2026, 5, 1): "Ngày Quốc tế Lao động",
    date(2026, 9, 1): "Quốc khánh",
    date(2026, 9, 2): "Quốc khánh",
}


def _weight(age: int, disability: str) -> float:
    """How likely a resident is to hold a case: the elderly and the severely disabled."""
    if disability in ("particularly_severe", "severe"):
        return 40.0
    if age >= 80:
        return 25.0
    if age >= 75:
        return 12.0
    if age >= 60:
        return 2.0
    if age < 16:
        return 0.6
    return 0.4


def _group(age: int, disability: str, rng) -> str:
    if disability in ("particularly_severe", "severe"):
        return "K6"
    if age >= 60:
        return "K5"
    if age < 16:
        return rng.choice(("K1", "K1", "K3", "K7"))
    if age < 22:
        return "K2"
    return rng.choice(("K4", "K4", "K8"))


def _month(day: date) -> date:
    return day.replace(day=1)


def _months_before(day: date, n: int) -> date:
    month = day.year * 12 + day.month - 1 - n
    return date(month // 12, month % 12 + 1, 1)


def cases_prepare(count: int, *, today: date, seed: int, reload: bool, say=print):
    """Load `count` cases over the approver's province unless they are there for today."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from areas.models import Holiday
    from beneficiaries.models import Case

    for day, name in HOLIDAYS.items():
        Holiday.objects.get_or_create(day=day, defaults={"name": name})
    marker = f"{LOADER}: {count} cases, seed {seed}, today {today:%Y-%m-%d}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description(%s::regclass, 'pg_class')", [Case._meta.db_table])
        present = cursor.fetchone()[0]
    if not reload and present == marker and Case.objects.count() == count:
        say(f"Cases already loaded ({count:,}).")
        return None
    say(f"Loading {count:,} cases…")
    started = time.perf_counter()
    clerk, _ = get_user_model().objects.get_or_create(
        username="bench_loader", defaults={"first_name": "Nạp", "last_name": "Dữ liệu"}
    )
    _cases_load(count, today=today, seed=seed, clerk=clerk.pk)
    with connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON TABLE "{Case._meta.db_table}" IS %s', [marker])
    elapsed = time.perf_counter() - started
    say(f"Loaded and analysed in {elapsed:.1f} s.")
    return elapsed


def _cases_load(count: int, *, today: date, seed: int, clerk: int) -> None:
    from django.db import connection, transaction

    from beneficiaries.models import Case, CaseEvent, CaseNote, Referral
    from vn.dates import age_on

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, p.birth_date, p.deceased_on, p.moved_out_on, p.disability_level, "
            "h.ward_id FROM households_person p "
            "JOIN households_household h ON h.id = p.household_id "
            "JOIN areas_area w ON w.id = h.ward_id "
            "JOIN areas_area pr ON pr.id = w.parent_id "
            "WHERE pr.code = %s AND p.birth_date IS NOT NULL ORDER BY p.id",
            [APPROVER_PROVINCE],
        )
        residents = cursor.fetchall()
    if len(residents) < count:
        raise SystemExit(f"Only {len(residents):,} residents in the province for {count:,} cases")
    # Weighted sampling without replacement (Efraimidis–Spirakis): the top keys win.
    keyed = sorted(
        residents,
        key=lambda r: rng.random() ** (1.0 / _weight(age_on(r[1], today), r[4])),
        reverse=True,
    )[:count]
    keyed.sort()  # by person id: cases were opened over time, not by weight

    history = Case.history.model
    tables = [Case, CaseEvent, history, CaseNote, Referral]
    names = ", ".join(m._meta.db_table for m in tables)
    first_month = date(2021, 7, 1)
    event_id = 0
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        cursor.execute("SET LOCAL session_replication_role = replica")
        copier = _Copier(cursor)
        for m in (Case, CaseEvent):
            copier.table(m)
        copier.table(history, skip=("history_id",))

        def event(case_id, kind, day, **values):
            nonlocal event_id
            event_id += 1
            copier.add(
                CaseEvent,
                {
                    "id": event_id,
                    "case_id": case_id,
                    "kind": kind,
                    "happened_on": day,
                    "created_by_id": clerk,
                    "created_at": CREATED,
                    **values,
                },
            )

        for case_id, (person_id, birth, died, moved, disability, ward_id) in enumerate(keyed, 1):
            age = age_on(birth, today)
            group = _group(age, disability, rng)
            pension = group == "K5" and age >= 75 and rng.random() < 0.5
            roll = rng.random()
            if died:
                status = (
                    "terminated"
                    if roll < 0.65
                    else rng.choice(("active",) * 8 + ("suspended", "screening"))
                )
            elif moved:
                status = "transferred_out" if roll < 0.7 else "active"
            elif roll < 0.86:
                status = "active"
            elif roll < 0.88:
                status = "suspended"
            elif roll < 0.92:
                status = "terminated"
            elif roll < 0.94:
                status = "refused"
            elif roll < 0.97:
                status = "intake"
            else:
                status = "screening"
            latest = died or today  # the dead applied while alive
            if status in ("intake", "screening"):
                applied = latest - timedelta(days=rng.randint(0, 45))
            else:
                span = (latest - timedelta(days=60) - first_month).days
                applied = first_month + timedelta(days=rng.randint(0, max(span, 0)))
            decided = applied + timedelta(days=rng.randint(5, 20))
            paying = status in ("active", "suspended", "terminated", "transferred_out")
            start = _month(decided) if paying else None
            end = None
            if status == "terminated":
                stop = died or decided + timedelta(days=rng.randint(60, 900))
                end = _months_before(min(stop, today), -1)
            elif status == "transferred_out":
                end = _months_before(moved or today, -1)
            unpaid = None
            if status == "active" and rng.random() < 0.06:
                unpaid = _months_before(today, rng.randint(0, 5))
            elif status == "suspended":
                unpaid = _months_before(today, rng.randint(3, 9))
            row = {
                "id": case_id,
                "person_id": person_id,
                "ward_id": ward_id,
                "benefit": "social_pension" if pension else "allowance",
                "group": "" if pension else group,
                "status": status,
                "applied_on": applied,
                "flags": json.dumps([]),
                "children_raised": 1 if group == "K4" else 0,
                "pension_amount": 0,
                "documents": json.dumps([]),
                "needs": "",
                "start_month": start,
                "end_month": end,
                "unpaid_since": unpaid,
                "version": 1,
                "created_at": CREATED,
                "updated_at": CREATED,
            }
            copier.add(Case, row)
            copier.add(history, _historical(row))
            event(case_id, "intake", applied)
            if status == "intake":
                continue
            event(case_id, "screened", applied + timedelta(days=rng.randint(1, 4)))
            if status == "refused":
                event(case_id, "refused", decided, note="Không đủ điều kiện")
                continue
            if status == "screening":
                continue
            event(
                case_id,
                "granted",
                decided,
                effective_month=start,
                decision_number=f"{rng.randint(1, 300):02d}/QĐ-UBND",
                decision_date=decided,
                signer="Chủ tịch UBND",
                category=group,
            )
            if status == "suspended":
                event(case_id, "suspended", today - timedelta(days=rng.randint(1, 120)))
            elif status == "terminated":
                event(
                    case_id,
                    "terminated",
                    end - timedelta(days=1),
                    effective_month=end,
                    reason="death" if died else "ineligible",
                )
            elif status == "transferred_out":
                event(case_id, "transferred_out", end - timedelta(days=1), effective_month=end)
        copier.flush()
        for m in (Case, CaseEvent):
            table = m._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {names}")
