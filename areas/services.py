"""Writes to the area tree, its population figures and users' roles."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vn.names import clean_name, forbidden_characters, search_key

from .models import Area, AreaMapping, AreaPopulation, Kind, Level, Role, RoleAssignment
from .rules import population_problems
from .scope import can_write_ward
from .sheets import as_count, as_date
from .sources import earlier_merges, mappings, provinces, wards


class AreaError(ValueError):
    pass


@transaction.atomic
def areas_load(*, province_code: str | None = None) -> dict[str, int]:
    """Create the current provinces, wards and old→new mapping rows that are missing.

    Existing rows are left as they are: names stay editable by administrators.
    """
    counts = {"provinces": 0, "wards": 0, "mappings": 0}
    existing = set(Area.objects.values_list("path", flat=True))
    by_code: dict[str, Area] = {a.code: a for a in Area.objects.filter(level=Level.PROVINCE)}
    for row in provinces(province_code):
        path = Area.build_path(None, row.code)
        if path not in existing:
            by_code[row.code] = Area.objects.create(
                code=row.code,
                name=row.name,
                kind=row.kind,
                level=Level.PROVINCE,
                path=path,
                is_urban=row.kind == Kind.CENTRAL_CITY,
            )
            counts["provinces"] += 1
    new_wards = []
    for row in wards(province_code):
        parent = by_code[row.province_code]
        path = Area.build_path(parent, row.code)
        if path not in existing:
            new_wards.append(
                Area(
                    code=row.code,
                    name=row.name,
                    kind=row.kind,
                    level=Level.WARD,
                    parent=parent,
                    path=path,
                    is_urban=row.kind == Kind.URBAN_WARD,
                )
            )
    Area.objects.bulk_create(new_wards, batch_size=1000)
    counts["wards"] = len(new_wards)
    counts["mappings"] = _load_mappings(province_code)
    return counts


def _load_mappings(province_code: str | None) -> int:
    ward_ids = dict(Area.objects.filter(level=Level.WARD).values_list("path", "pk"))
    seen = set(
        AreaMapping.objects.values_list("old_province", "old_district", "old_ward", "new_ward_id")
    )
    rows = []
    for m in mappings(province_code):
        new_ward_id = ward_ids.get(f"/{m.new_province_code}/{m.new_ward_code}/")
        key = (m.old_province, m.old_district, m.old_ward, new_ward_id)
        if new_ward_id is None or key in seen:
            continue
        seen.add(key)
        rows.append(
            AreaMapping(
                old_province=m.old_province,
                old_district=m.old_district,
                old_ward=m.old_ward,
                old_ward_code=m.old_ward_code,
                search_key=search_key(m.old_ward),
                new_ward_id=new_ward_id,
                is_default=m.is_default,
                legal_reference=m.legal_reference,
                effective_from=m.effective_from,
            )
        )
    AreaMapping.objects.bulk_create(rows, batch_size=2000)
    return len(rows) + _load_earlier_merges(seen)


def _load_earlier_merges(seen: set) -> int:
    """Chain units merged before 2025 to where their successor went in 2025."""
    created = 0
    for merge in earlier_merges():
        successors = AreaMapping.objects.filter(
            old_province=merge["old_province"],
            old_district=merge["old_district"],
            old_ward=merge["merged_into"],
        )
        for successor in successors:
            key = (
                merge["old_province"],
                merge["old_district"],
                merge["old_ward"],
                successor.new_ward_id,
            )
            if key in seen:
                continue
            seen.add(key)
            AreaMapping.objects.create(
                old_province=merge["old_province"],
                old_district=merge["old_district"],
                old_ward=merge["old_ward"],
                search_key=search_key(merge["old_ward"]),
                new_ward_id=successor.new_ward_id,
                is_default=successor.is_default,
                legal_reference=f"{merge['legal_reference']}; {successor.legal_reference}",
                effective_from=merge["effective_from"],
            )
            created += 1
    return created


def current_wards_for(old_ward: str, *, old_province: str = "", old_district: str = ""):
    """Return the mapping rows of a pre-2025 ward name, default destination first."""
    rows = AreaMapping.objects.filter(search_key=search_key(old_ward)).select_related(
        "new_ward__parent"
    )
    if old_province:
        rows = rows.filter(old_province__icontains=clean_name(old_province))
    if old_district:
        rows = rows.filter(old_district__icontains=clean_name(old_district))
    return rows.order_by("-is_default", "pk")


@transaction.atomic
def residential_group_create(*, ward: Area, name: str, kind: str, code: str = "") -> Area:
    """Create a residential group (tổ dân phố, thôn, khóm, ấp) in a ward."""
    if ward.level != Level.WARD:
        raise AreaError(_("Tổ dân phố phải thuộc một xã, phường."))
    name = clean_name(name)
    if ward.children.filter(name__iexact=name).exists():
        raise AreaError(_("Địa bàn này đã có “%(name)s”.") % {"name": name})
    code = code or str(ward.children.count() + 1).zfill(3)
    while ward.children.filter(code=code).exists():
        code = str(int(code) + 1).zfill(3) if code.isdigit() else f"{code}1"
    return Area.objects.create(
        code=code,
        name=name,
        kind=kind,
        level=Level.RESIDENTIAL_GROUP,
        parent=ward,
        path=Area.build_path(ward, code),
        is_urban=ward.is_urban,
    )


def role_grant(*, user, area: Area, role: Role) -> RoleAssignment:
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, area=area, role=role)
    return assignment


@transaction.atomic
def area_population_record(
    *, user, area: Area, valid_from: date, households: int, persons: int, source: str, today: date
) -> AreaPopulation:
    """Record the total households and persons of a ward or residential group on a day."""
    if area.level not in (Level.WARD, Level.RESIDENTIAL_GROUP):
        raise AreaError(_("Chỉ nhập số liệu cho xã, phường hoặc tổ dân phố, khóm."))
    ward_id = area.pk if area.level == Level.WARD else area.parent_id
    if not can_write_ward(user, ward_id):
        raise AreaError(_("Bạn không được nhập số liệu của %(area)s.") % {"area": area.name})
    if forbidden_characters(source or ""):
        raise AreaError(_("Nguồn số liệu có ký tự điều khiển hoặc ký tự ẩn: hãy gõ lại."))
    source = clean_name(source or "")
    if not source:
        raise AreaError(_("Hãy ghi nguồn của số liệu (ví dụ: Công an phường, dữ liệu cư trú)."))
    problems = population_problems(
        households=households, persons=persons, valid_from=valid_from, today=today
    )
    if problems:
        raise AreaError(" ".join(problems))
    figure = AreaPopulation(
        area=area,
        valid_from=valid_from,
        households=households,
        persons=persons,
        source=source[:255],
        entered_by=user,
    )
    try:
        figure.full_clean()
    except ValidationError as e:
        raise AreaError(" ".join(e.messages)) from e
    figure.save()
    return figure


@transaction.atomic
def area_populations_import(*, user, ward: Area, rows: list, today: date) -> int:
    """Record every row of a filled template for the ward and its groups, or none of them.

    Raises AreaError listing each row's problem, by line, so one upload shows them all.
    """
    by_key: dict[str, Area] = {}
    for area in [ward, *ward.children.filter(level=Level.RESIDENTIAL_GROUP)]:
        by_key[area.code.casefold()] = by_key[clean_name(area.name).casefold()] = area
    errors, recorded = [], 0
    for row in rows:
        area = by_key.get(clean_name(row.area).casefold())
        households, persons = as_count(row.households), as_count(row.persons)
        valid_from = as_date(row.valid_from)
        problem = _row_problem(row, area, ward, households, persons, valid_from)
        if problem is None:
            try:
                with transaction.atomic():
                    area_population_record(
                        user=user,
                        area=area,
                        valid_from=valid_from,
                        households=households,
                        persons=persons,
                        source=row.source,
                        today=today,
                    )
                recorded += 1
            except AreaError as e:
                problem = str(e)
        if problem:
            errors.append(_("Dòng %(line)s: %(problem)s") % {"line": row.line, "problem": problem})
    if errors:
        raise AreaError(" ".join(errors))
    if not recorded:
        raise AreaError(_("Tệp không có dòng số liệu nào."))
    return recorded


def _row_problem(row, area, ward, households, persons, valid_from) -> str | None:
    if area is None:
        return _("“%(name)s” không phải %(ward)s hay một tổ dân phố, khóm của nó.") % {
            "name": row.area,
            "ward": ward.name,
        }
    if households is None or persons is None:
        return _("số hộ và số nhân khẩu phải là số nguyên.")
    if valid_from is None:
        return _("ngày của số liệu phải ghi theo nn/tt/nnnn.")
    return None
