"""Lists as offices' software saves them, imported end to end: encodings, date cells, row
numbers and long file names."""

from datetime import datetime

from households.models import Household, Person
from imports.models import ImportJob

from .jobs import import_list, messages_at, preview, upload
from .sheets import FIRST_LINE, census, csv, family

Status = ImportJob.Status


def test_a_windows_1258_csv_imports_with_its_vietnamese_intact(ward_officer, ward, dong_an):
    data = csv(census(family("LX-001")), encoding="cp1258")

    import_list(ward_officer, ward, data, name="ds.csv", year=2025)

    assert set(Person.objects.values_list("full_name", flat=True)) == {
        "Nguyễn Văn An 1",
        "Trần Thị Bình 1",
        "Nguyễn Văn Cường 1",
    }


def test_a_utf16_tab_separated_file_imports(ward_officer, ward, dong_an):
    data = csv(census(family("LX-001")), encoding="utf-16", delimiter="\t")

    import_list(ward_officer, ward, data, name="ds.txt", year=2025)

    assert Person.objects.count() == 3
    assert Household.objects.get().address == "12 Lê Lợi, khóm Đông An"


def test_a_list_with_date_cells_holding_a_time_imports(ward_officer, ward, dong_an):
    people = family("LX-001")
    people[0]["Ngày sinh"] = datetime(1980, 5, 17, 8, 30)

    job = preview(upload(ward_officer, ward, people, year=2025), ward_officer)

    assert (job.status, job.blocking_count) == (Status.PREVIEWED, 0), job.error


def test_a_person_row_carries_its_sheet_row_number_in_every_message(ward_officer, ward, dong_an):
    people = family("LX-001")
    people[1]["Giới tính"] = "?"

    job = preview(upload(ward_officer, ward, people, year=2025), ward_officer)

    assert messages_at(job, FIRST_LINE + 1) == [
        "Giới tính: Giới tính “?” không rõ: ghi Nam hoặc Nữ."
    ]


def test_a_list_with_a_long_file_name_commits_with_its_reason_cut_to_fit(
    ward_officer, ward, dong_an
):
    name = "danh-sach-ho-can-ngheo-" + "khom-dong-an-" * 8 + "2025.xlsx"

    job = import_list(ward_officer, ward, family("LX-001"), name=name)

    reason = Person.history.first().history_change_reason
    assert len(reason) <= 100
    assert reason.startswith("Nhập từ tệp danh-sach-ho-can-ngheo-khom-dong-an-")
    assert reason.endswith(f"… (lần nhập #{job.pk})")
