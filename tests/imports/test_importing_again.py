"""A list imported again: the same file changes nothing, a corrected one updates the register
in place and its history tells what changed."""

from datetime import date

from households.history import household_history
from households.models import Household, HouseholdStatus, Person
from imports.models import ImportJob

from .jobs import DECISION, commit, import_list, preview, upload
from .sheets import family, two_families


def test_importing_the_same_file_again_changes_nothing(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, two_families(), **DECISION)
    versions = list(Household.objects.order_by("pk").values_list("pk", "version"))
    history = [m.history.count() for m in (Household, Person, HouseholdStatus)]

    again = import_list(ward_officer, ward, two_families(), **DECISION)

    assert again.counts == {
        "households_new": 0,
        "households_changed": 0,
        "households_same": 2,
        "persons_new": 0,
        "persons_changed": 0,
        "persons_same": 6,
        "statuses_new": 0,
        "statuses_changed": 0,
        "statuses_same": 2,
        "groups_new": 0,
        "rows": 6,
    }
    assert again.changes == []
    assert list(Household.objects.order_by("pk").values_list("pk", "version")) == versions
    assert [m.history.count() for m in (Household, Person, HouseholdStatus)] == history


def corrected(people: list[dict]) -> list[dict]:
    """The same list with the wife's name, the address and the classification corrected."""
    people = [dict(p) for p in people]
    people[1]["Họ và tên"] = "Trần Thị Bính 1"
    for p in people[:3]:
        p["Địa chỉ"] = "14 Lê Lợi, khóm Đông An"
        p["Phân loại hộ"] = "Hộ nghèo"
    return people


def test_a_corrected_file_updates_the_register_in_place(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, two_families(), **DECISION)
    household = Household.objects.get(code="LX-001")
    wife = household.members.get(relation_to_head="spouse")

    job = preview(upload(ward_officer, ward, corrected(two_families()), **DECISION), ward_officer)
    assert job.counts | {"rows": 0} == {
        "households_new": 0,
        "households_changed": 1,
        "households_same": 1,
        "persons_new": 0,
        "persons_changed": 1,
        "persons_same": 5,
        "statuses_new": 0,
        "statuses_changed": 1,
        "statuses_same": 1,
        "groups_new": 0,
        "rows": 0,
    }
    commit(job, ward_officer)

    household.refresh_from_db()
    wife.refresh_from_db()
    assert household.address == "14 Lê Lợi, khóm Đông An"
    assert household.version == 2
    assert wife.full_name == "Trần Thị Bính 1"
    assert household.statuses.get(year=2025).classification == "poor"
    assert household.members.count() == 3
    reason = f"Nhập từ tệp danh-sach.xlsx (lần nhập #{job.pk})"
    assert wife.history.latest().history_change_reason == reason
    assert household.history.latest().history_change_reason == reason


def test_the_history_of_a_corrected_household_shows_the_corrections(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, two_families(), **DECISION)
    import_list(ward_officer, ward, corrected(two_families()), **DECISION)

    entries = household_history(Household.objects.get(code="LX-001"))

    job = ImportJob.objects.latest("pk")
    changed = {
        (e.subject, c.field, c.old, c.new): e.who
        for e in entries
        if e.action == "changed"
        for c in e.changes
    }
    assert {e.reason for e in entries if e.action == "changed"} == {
        f"Nhập từ tệp danh-sach.xlsx (lần nhập #{job.pk})"
    }
    assert changed == {
        ("Hộ: LX-001", "địa chỉ", "12 Lê Lợi, khóm Đông An", "14 Lê Lợi, khóm Đông An"): (
            "Người Dùng Thử"
        ),
        ("Nhân khẩu: Trần Thị Bính 1", "họ và tên", "Trần Thị Bình 1", "Trần Thị Bính 1"): (
            "Người Dùng Thử"
        ),
        ("Phân loại: 2025", "phân loại", "Hộ cận nghèo", "Hộ nghèo"): "Người Dùng Thử",
    }


def test_the_preview_shows_each_correction_as_officers_read_it(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, two_families(), **DECISION)

    job = preview(upload(ward_officer, ward, corrected(two_families()), **DECISION), ward_officer)

    assert job.changes == [
        {
            "code": "LX-001",
            "subject": "Hộ",
            "field": "Địa chỉ",
            "old": "12 Lê Lợi, khóm Đông An",
            "new": "14 Lê Lợi, khóm Đông An",
        },
        {
            "code": "LX-001",
            "subject": "Trần Thị Bính 1",
            "field": "họ và tên",
            "old": "Trần Thị Bình 1",
            "new": "Trần Thị Bính 1",
        },
        {
            "code": "LX-001",
            "subject": "Phân loại 2025",
            "field": "Phân loại hộ",
            "old": "Hộ cận nghèo",
            "new": "Hộ nghèo",
        },
    ]


def test_a_corrected_birth_date_updates_a_member_without_an_id(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    child = Person.objects.get(relation_to_head="child")
    people = family("LX-001")
    people[2]["Ngày sinh"] = "03/09/2013"

    import_list(ward_officer, ward, people)

    child.refresh_from_db()
    assert (child.birth_date, child.birth_year_only) == (date(2013, 9, 3), False)
    assert Person.objects.filter(full_name="Nguyễn Văn Cường 1").count() == 1


def test_an_empty_cell_never_erases_what_the_register_holds(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    people = family("LX-001")
    for p in people:
        p["Địa chỉ"] = p["Dân tộc"] = ""

    job = import_list(ward_officer, ward, people)

    assert job.counts["persons_same"] == 3
    assert Household.objects.get().address == "12 Lê Lợi, khóm Đông An"
    assert set(Person.objects.values_list("ethnicity", flat=True)) == {"Kinh"}
