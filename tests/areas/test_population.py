"""Population figures: which one holds on a day, sums over children, plausibility, scope."""

from datetime import date

import pytest

from areas.models import AreaPopulation
from areas.queries import population_on
from areas.rules import population_problems
from areas.services import AreaError, area_population_record

from ..factories import ResidentialGroupFactory, WardFactory

TODAY = date(2026, 12, 3)


def figure(area, households, day=date(2026, 1, 1), source="Công an phường"):
    return AreaPopulation.objects.create(
        area=area, valid_from=day, households=households, persons=4 * households, source=source
    )


def test_the_latest_figure_valid_by_the_day_holds(ward):
    figure(ward, 3900, date(2025, 1, 1))
    figure(ward, 3970, date(2026, 1, 1))
    figure(ward, 4100, date(2027, 1, 1))

    assert population_on(ward, date(2024, 12, 31)) is None
    assert population_on(ward, date(2025, 6, 30)).households == 3900
    assert population_on(ward, date(2026, 1, 1)).households == 3970
    assert population_on(ward, date(2026, 12, 31)).households == 3970


def test_a_correction_for_the_same_day_replaces_the_figure_and_keeps_the_old_one(ward):
    figure(ward, 3790)
    figure(ward, 3970, source="Công an phường, sửa lỗi gõ")

    found = population_on(ward, date(2026, 6, 1))

    assert (found.households, found.source) == (3970, "Công an phường, sửa lỗi gõ")
    assert AreaPopulation.objects.filter(area=ward).count() == 2


def test_a_province_is_the_sum_of_its_wards_when_every_ward_has_a_figure(
    province, ward, other_ward
):
    figure(ward, 3970, date(2026, 1, 1))
    figure(other_ward, 1030, date(2025, 7, 1), source="Thống kê")

    found = population_on(province, date(2026, 3, 1))

    assert (found.households, found.persons, found.parts) == (5000, 20000, 2)
    assert found.valid_from == date(2026, 1, 1)
    assert found.source == "Công an phường; Thống kê"


def test_a_province_has_no_figure_while_one_ward_lacks_it(province, ward, other_ward):
    figure(ward, 3970)

    assert population_on(province, date(2026, 3, 1)) is None


def test_a_ward_without_its_own_figure_sums_its_groups_and_prefers_its_own(ward):
    east, west = ResidentialGroupFactory(parent=ward), ResidentialGroupFactory(parent=ward)
    figure(east, 1300)
    assert population_on(ward, date(2026, 3, 1)) is None

    figure(west, 700)
    assert population_on(ward, date(2026, 3, 1)).households == 2000

    figure(ward, 2100)
    assert population_on(ward, date(2026, 3, 1)).households == 2100


def test_a_province_counts_a_ward_by_the_sum_of_its_groups(province, ward, other_ward):
    figure(ResidentialGroupFactory(parent=ward), 1300)
    figure(ResidentialGroupFactory(parent=ward), 700)
    figure(other_ward, 1000)

    assert population_on(province, date(2026, 3, 1)).households == 3000


@pytest.mark.parametrize(
    ("households", "persons", "words"),
    [
        (100, 99, "ít hơn số hộ"),
        (-5, 10, "lớn hơn 0"),
        (0, 0, "lớn hơn 0"),
        (100, -1, "không được âm"),
        (100, 2500, "Bình quân hơn 20 người"),
        (5_000_000, 20_000_000, "quá lớn"),
    ],
)
def test_implausible_figures_are_refused_in_vietnamese(households, persons, words):
    problems = population_problems(
        households=households, persons=persons, valid_from=date(2026, 1, 1), today=TODAY
    )

    assert any(words in p for p in problems), problems


def test_a_plausible_figure_has_no_problem():
    assert not population_problems(
        households=3970, persons=14689, valid_from=date(2026, 1, 1), today=TODAY
    )


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2028, 1, 1)])
def test_a_figure_dated_too_early_or_too_far_ahead_is_refused(day):
    assert population_problems(households=10, persons=40, valid_from=day, today=TODAY)


def record(user, area, households=3970, persons=14689):
    return area_population_record(
        user=user,
        area=area,
        valid_from=date(2026, 1, 1),
        households=households,
        persons=persons,
        source="Công an phường, dữ liệu cư trú 01/2026",
        today=TODAY,
    )


def test_a_ward_officer_records_figures_for_the_ward_and_its_groups(ward_officer, ward):
    group = ResidentialGroupFactory(parent=ward)

    record(ward_officer, ward)
    record(ward_officer, group, 1300, 4800)

    rows = AreaPopulation.objects.order_by("pk")
    assert [(r.area, r.households, r.entered_by) for r in rows] == [
        (ward, 3970, ward_officer),
        (group, 1300, ward_officer),
    ]


def test_a_ward_officer_cannot_record_figures_of_another_ward(ward_officer, other_ward):
    with pytest.raises(AreaError, match="không được nhập"):
        record(ward_officer, ResidentialGroupFactory(parent=other_ward))
    assert not AreaPopulation.objects.exists()


def test_an_approver_reads_but_does_not_record(approver, ward):
    with pytest.raises(AreaError, match="không được nhập"):
        record(approver, ward)


def test_the_service_refuses_an_implausible_figure_and_writes_nothing(ward_officer, ward):
    with pytest.raises(AreaError, match="ít hơn số hộ"):
        record(ward_officer, ward, 3970, 397)
    assert not AreaPopulation.objects.exists()


def test_a_province_figure_is_not_entered_but_summed(admin_user, province):
    with pytest.raises(AreaError, match="Chỉ nhập"):
        record(admin_user, province)


def test_a_figure_belongs_to_its_own_ward_not_a_far_one(ward_officer, far_ward):
    with pytest.raises(AreaError):
        record(ward_officer, WardFactory(parent=far_ward.parent))
