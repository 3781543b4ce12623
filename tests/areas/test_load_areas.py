"""The loader starts from an empty area tree: no `province`/`ward` fixture here, they use 91 too."""

from io import StringIO

import pytest
from django.core.management import call_command
from vietnam_provinces import ProvinceCode
from vietnam_provinces import Ward as PackageWard

from areas.models import Area, AreaMapping, Level
from areas.services import current_wards_for

pytestmark = pytest.mark.django_db


def load_an_giang() -> str:
    out = StringIO()
    call_command("load_areas", "--province", "91", stdout=out)
    return out.getvalue()


def package_wards_of_an_giang() -> list:
    return list(PackageWard.iter_by_province(ProvinceCode(91)))


def test_it_creates_an_giang_with_every_ward_the_package_lists():
    load_an_giang()

    an_giang = Area.objects.get(level=Level.PROVINCE)
    wards = Area.objects.filter(level=Level.WARD)
    assert (an_giang.code, an_giang.name, an_giang.path) == ("91", "An Giang", "/91/")
    assert wards.count() == len(package_wards_of_an_giang()) == 102
    assert set(wards.values_list("parent_id", flat=True)) == {an_giang.pk}
    assert set(wards.values_list("code", flat=True)) == {
        f"{int(w.code):05d}" for w in package_wards_of_an_giang()
    }


def test_it_loads_only_the_province_asked_for():
    load_an_giang()

    assert list(Area.objects.filter(level=Level.PROVINCE).values_list("code", flat=True)) == ["91"]


def test_it_marks_urban_wards_and_communes():
    load_an_giang()

    long_xuyen = Area.objects.get(code="30307")
    assert (long_xuyen.name, long_xuyen.kind, long_xuyen.is_urban) == (
        "Phường Long Xuyên",
        "urban_ward",
        True,
    )
    communes = Area.objects.filter(level=Level.WARD, kind="commune")
    assert communes.exists()
    assert not communes.filter(is_urban=True).exists()


def test_it_creates_nothing_on_a_second_run():
    load_an_giang()
    counts = (Area.objects.count(), AreaMapping.objects.count())

    out = load_an_giang()

    assert (Area.objects.count(), AreaMapping.objects.count()) == counts
    assert "Đã thêm 0 tỉnh, 0 xã/phường, 0 dòng ánh xạ" in out


def test_it_keeps_a_renamed_ward_on_a_second_run():
    load_an_giang()
    Area.objects.filter(code="30307").update(name="Phường Long Xuyên (đã sửa)")
    Area.objects.filter(level=Level.PROVINCE).update(name="Tỉnh An Giang (đã sửa)")

    load_an_giang()

    assert Area.objects.get(code="30307").name == "Phường Long Xuyên (đã sửa)"
    assert Area.objects.get(level=Level.PROVINCE).name == "Tỉnh An Giang (đã sửa)"
    assert Area.objects.filter(level=Level.WARD).count() == 102


def test_it_recreates_a_ward_deleted_since_the_last_run():
    load_an_giang()
    Area.objects.filter(code="30307").delete()

    load_an_giang()

    assert Area.objects.filter(code="30307", level=Level.WARD).count() == 1


def test_it_creates_old_to_new_mapping_rows():
    out = load_an_giang()

    mappings = AreaMapping.objects.all()
    assert mappings.count() > 102
    assert not mappings.exclude(new_ward__parent__code="91").exists()
    assert f"{mappings.count()} dòng ánh xạ" in out


def test_it_resolves_a_ward_merged_before_2025_to_its_current_ward():
    load_an_giang()

    rows = current_wards_for("Phường Đông Xuyên", old_province="An Giang")

    assert rows, "Phường Đông Xuyên has no mapping"
    current = rows[0].new_ward
    assert (current.name, current.code) == ("Phường Long Xuyên", "30307")


def test_it_resolves_an_old_ward_typed_without_diacritics():
    load_an_giang()

    rows = current_wards_for("phuong dong xuyen", old_province="An Giang")

    assert [r.new_ward.code for r in rows][:1] == ["30307"]


def test_it_finds_no_current_ward_for_an_unknown_name():
    load_an_giang()

    assert not current_wards_for("Phường Không Có", old_province="An Giang").exists()


def test_names_are_written_with_single_spaces_though_the_package_has_doubles():
    doubled = [w for w in PackageWard.iter_all() if "  " in w.name]
    assert doubled, "the package no longer writes double spaces: this test can go"
    province = f"{int(doubled[0].province_code):02d}"

    call_command("load_areas", "--province", province, stdout=StringIO())

    loaded = Area.objects.get(code=f"{int(doubled[0].code):05d}", level=Level.WARD)
    assert loaded.name == " ".join(doubled[0].name.split())
    assert not Area.objects.filter(name__contains="  ").exists()
