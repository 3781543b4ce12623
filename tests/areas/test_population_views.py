"""The population page: a ward officer enters and imports figures, an approver reads them."""

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from areas.models import AreaPopulation

from ..factories import ResidentialGroupFactory

URL = reverse("areas:population")


def post_figure(client, area, households="3.970", persons="14689"):
    return client.post(
        f"{URL}?area={area.pk}",
        {
            "area": area.pk,
            "valid_from": "01/01/2026",
            "households": households,
            "persons": persons,
            "source": "Công an phường, dữ liệu cư trú 01/2026",
        },
    )


def test_a_ward_officer_enters_a_figure_for_a_group_of_the_ward(client, ward_officer, ward):
    group = ResidentialGroupFactory(parent=ward, name="Khóm Đông An")
    client.force_login(ward_officer)

    response = post_figure(client, group, "1.324", "4.899")

    assert response.status_code == 302
    row = AreaPopulation.objects.get()
    assert (row.area, row.households, row.persons, row.entered_by) == (
        group,
        1324,
        4899,
        ward_officer,
    )
    page = client.get(response.url).content.decode()
    assert "Khóm Đông An" in page and "1.324" in page and "Công an phường" in page


def test_a_bad_figure_is_refused_in_vietnamese(client, ward_officer, ward):
    client.force_login(ward_officer)

    page = post_figure(client, ward, "3970", "100").content.decode()

    assert "ít hơn số hộ" in page
    assert not AreaPopulation.objects.exists()


def test_a_ward_officer_cannot_enter_or_read_another_wards_figures(
    client, ward_officer, ward, other_ward
):
    client.force_login(ward_officer)

    assert client.get(f"{URL}?area={other_ward.pk}").status_code == 404
    assert post_figure(client, other_ward).status_code == 404
    # The other ward is not among the choices of the officer's own page either.
    page = client.post(
        f"{URL}?area={ward.pk}",
        {
            "area": other_ward.pk,
            "valid_from": "01/01/2026",
            "households": "10",
            "persons": "40",
            "source": "x",
        },
    )
    assert page.status_code == 200
    assert not AreaPopulation.objects.exists()


def test_an_approver_reads_the_figures_and_has_no_form(client, approver, ward, province):
    AreaPopulation.objects.create(
        area=ward, valid_from=date(2026, 1, 1), households=3970, persons=14689, source="Thống kê"
    )
    client.force_login(approver)

    wards = client.get(f"{URL}?area={province.pk}").content.decode()
    page = client.get(f"{URL}?area={ward.pk}").content.decode()

    assert ward.name in wards and "3.970" in wards
    assert "3.970" in page and 'name="households"' not in page
    assert post_figure(client, ward).status_code == 404


def test_a_hostile_area_parameter_is_not_a_server_error(client, approver):
    client.force_login(approver)

    for value in ("²", "9" * 40, "-1", "abc"):
        assert client.get(URL, {"area": value}).status_code == 200


def sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(["Mã hoặc tên địa bàn", "Số hộ", "Số nhân khẩu", "Ngày", "Nguồn"])
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("dan-so.xlsx", out.getvalue())


def test_the_template_lists_the_ward_and_its_groups(client, ward_officer, ward):
    ResidentialGroupFactory(parent=ward, name="Khóm Đông Phú")
    client.force_login(ward_officer)

    response = client.get(reverse("areas:population_template"), {"area": ward.pk})

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:2] == ("Mã hoặc tên địa bàn", "Tổng số hộ")
    assert [r[0] for r in rows[1:]] == [ward.name, "Khóm Đông Phú"]


def test_an_officer_imports_the_filled_template(client, ward_officer, ward):
    group = ResidentialGroupFactory(parent=ward, name="Khóm Đông Phú")
    client.force_login(ward_officer)
    file = sheet(
        [
            [ward.name, 3970, 14689, "01/01/2026", "Công an phường"],
            ["khóm đông phú", "1.176", 4351, date(2026, 1, 1), "Công an phường"],
        ]
    )

    response = client.post(f"{URL}?area={ward.pk}", {"file": file})

    assert response.status_code == 302
    found = dict(AreaPopulation.objects.values_list("area", "households"))
    assert found == {ward.pk: 3970, group.pk: 1176}


def test_an_import_with_a_bad_row_records_nothing_and_names_every_row(client, ward_officer, ward):
    client.force_login(ward_officer)
    file = sheet(
        [
            [ward.name, 3970, 14689, "01/01/2026", "Công an phường"],
            ["Khóm Không Có", 10, 40, "01/01/2026", "x"],
            [ward.name, 3970, 100, "01/01/2026", "Công an phường"],
            [ward.name, "ba nghìn", 100, "01/01/2026", "Công an phường"],
        ]
    )

    page = client.post(f"{URL}?area={ward.pk}", {"file": file}).content.decode()

    assert "Dòng 3" in page and "Dòng 4" in page and "Dòng 5" in page
    assert "ít hơn số hộ" in page and "số nguyên" in page
    assert not AreaPopulation.objects.exists()


def test_a_file_that_is_not_xlsx_is_refused(client, ward_officer, ward):
    client.force_login(ward_officer)

    page = client.post(
        f"{URL}?area={ward.pk}", {"file": SimpleUploadedFile("a.xlsx", b"not a workbook")}
    ).content.decode()

    assert "Không đọc được tệp" in page


def test_the_page_reads_a_ward_with_many_groups_in_few_queries(
    client, ward_officer, ward, django_assert_max_num_queries
):
    for i in range(8):
        group = ResidentialGroupFactory(parent=ward)
        for year in (2025, 2026):
            AreaPopulation.objects.create(
                area=group,
                valid_from=date(year, 1, 1),
                households=100 + i,
                persons=400,
                source="Công an phường",
                entered_by=ward_officer,
            )
    client.force_login(ward_officer)

    with django_assert_max_num_queries(12):
        page = client.get(f"{URL}?area={ward.pk}")

    assert page.content.decode().count("Công an phường") >= 16


def test_hostile_values_are_refused_without_a_server_error(client, ward_officer, ward):
    client.force_login(ward_officer)
    numbers = ["²", "９９", "9" * 5000, "99999999999999999999999", "-1", "\x00", "1,5", "abc"]
    hostile = {
        "households": numbers,
        "persons": numbers,
        "valid_from": ["31/12/9999", "01/01/1800", "32/01/2026", "9" * 5000, "\x00"],
        "source": ["\x00", "Công an\u202e", "\u200b", " "],
    }

    for field, values in hostile.items():
        for value in values:
            data = {
                "area": ward.pk,
                "valid_from": "01/01/2026",
                "households": "3970",
                "persons": "14689",
                "source": "Công an phường",
                field: value,
            }
            response = client.post(f"{URL}?area={ward.pk}", data)
            assert response.status_code == 200, (field, value)

    assert not AreaPopulation.objects.exists()


def test_an_imported_source_with_a_control_character_is_refused(client, ward_officer, ward):
    client.force_login(ward_officer)
    file = sheet([[ward.name, 3970, 14689, "01/01/2026", "Công an\u202e phường"]])

    page = client.post(f"{URL}?area={ward.pk}", {"file": file}).content.decode()

    assert "ký tự điều khiển" in page
    assert not AreaPopulation.objects.exists()
