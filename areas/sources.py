"""Read the administrative units shipped by the data packages.

Current units come from `vietnam-provinces` (statistics-office codes, July 2025).
The old→new ward mapping comes from the dataset of `vietnamadminunits`, read
directly from its files: importing that package would pull in its geo stack.
Units merged shortly before 2025 and absent from that dataset are listed in
`areas/data/earlier_merges.csv`, each with its legal reference.
"""

import csv
import importlib.util
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vietnam_provinces import Province, VietNamDivisionType, Ward

from vn.names import clean_name

from .models import Kind

EARLIER_MERGES = Path(__file__).parent / "data" / "earlier_merges.csv"
REFORM_2025 = (
    "Nghị quyết 202/2025/QH15 và các nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025"
)
REFORM_DATE = date(2025, 7, 1)

PROVINCE_KINDS = {
    VietNamDivisionType.TINH: Kind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: Kind.CENTRAL_CITY,
}
WARD_KINDS = {
    VietNamDivisionType.XA: Kind.COMMUNE,
    VietNamDivisionType.PHUONG: Kind.URBAN_WARD,
    VietNamDivisionType.DAC_KHU: Kind.SPECIAL_ZONE,
}


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    kind: str
    province_code: str = ""


@dataclass(frozen=True)
class MappingRow:
    old_province: str
    old_district: str
    old_ward: str
    old_ward_code: str
    new_province_code: str
    new_ward_code: str
    is_default: bool
    legal_reference: str
    effective_from: date


def provinces(only: str | None = None) -> Iterator[UnitRow]:
    for p in Province.iter_all():
        code = f"{int(p.code):02d}"
        if only is None or code == only:
            yield UnitRow(code=code, name=clean_name(p.name), kind=PROVINCE_KINDS[p.division_type])


def wards(only_province: str | None = None) -> Iterator[UnitRow]:
    for w in Ward.iter_all():
        province_code = f"{int(w.province_code):02d}"
        if only_province is None or province_code == only_province:
            yield UnitRow(
                code=f"{int(w.code):05d}",
                name=clean_name(w.name),  # the package writes some with two spaces
                kind=WARD_KINDS[w.division_type],
                province_code=province_code,
            )


def _dataset_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def mappings(only_province: str | None = None) -> Iterator[MappingRow]:
    """Yield one row per (old ward, new ward) pair of the July 2025 reform."""
    data = _dataset_dir()
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as db:
        new_codes = {
            (pk, wk): (pc, wc)
            for pk, wk, pc, wc in db.execute(
                "select provinceKey, wardKey, provinceCode, wardCode from admin_units"
            )
        }
        legacy = db.execute(
            "select province, district, ward, wardCode, provinceKey, districtKey, wardKey"
            " from admin_units_legacy"
        ).fetchall()
    new_province_of = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
    undivided = {
        (new_province, old_key): new_ward
        for new_province, table in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
        for new_ward, old_keys in table.items()
        for old_key in old_keys
    }
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"]
    for province, district, ward, ward_code, pkey, dkey, wkey in legacy:
        new_province = new_province_of.get(pkey)
        if new_province is None or not wkey:
            continue
        old_key = f"{pkey}_{dkey}_{wkey}"
        targets = (
            [(undivided[(new_province, old_key)], True)]
            if ((new_province, old_key) in undivided)
            else [
                (t["newWardKey"], bool(t["isDefaultNewWard"]))
                for t in divided.get(new_province, {}).get(old_key, [])
            ]
        )
        for new_ward, is_default in targets:
            codes = new_codes.get((new_province, new_ward))
            if codes is None:
                continue
            if only_province is not None and codes[0] != only_province:
                continue
            yield MappingRow(
                old_province=province,
                old_district=district or "",
                old_ward=ward,
                old_ward_code=ward_code or "",
                new_province_code=codes[0],
                new_ward_code=codes[1],
                is_default=is_default,
                legal_reference=REFORM_2025,
                effective_from=REFORM_DATE,
            )


def earlier_merges() -> list[dict[str, str]]:
    with EARLIER_MERGES.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))
