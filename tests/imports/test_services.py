"""An import job's life through its services: upload, preview, commit, and what the register
looks like afterwards."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from areas.models import Area, AreaMapping, Level
from households.history import household_history
from households.models import Household, HouseholdStatus, Person
from imports import committing
from imports.models import ImportJob
from imports.reading import UploadRefused
from imports.services import (
    ImportRefused,
    import_commit_request,
    import_commit_run,
    import_jobs_fail_stale,
    import_preview_request,
    import_preview_run,
)

from ..factories import HouseholdFactory, PersonFactory, ResidentialGroupFactory, national_id_for
from .jobs import commit, import_list, messages_at, preview, upload
from .sheets import FIRST_LINE, HEADER, census, csv, family, xlsx

Status = ImportJob.Status
DECISION = {"year": 2025, "decision_number": "12/QĐ-UBND", "decision_date": date(2025, 1, 20)}


@pytest.fixture
def dong_an(ward):
    return ResidentialGroupFactory(parent=ward, name="Khóm Đông An", code="001")


def two_families() -> list[dict]:
    return [*family("LX-001", 1), *family("LX-002", 2)]


def test_uploading_finds_the_header_below_the_titles_and_maps_the_columns(ward_officer, ward):
    job = upload(ward_officer, ward, two_families())

    assert job.status == Status.UPLOADED
    assert job.header_row == 4
    assert job.headers == HEADER
    assert job.column_mapping()[4] == "full_name"
    assert job.file.read() == xlsx(census(two_families()))


def test_uploading_refuses_a_list_without_a_header(ward_officer, ward):
    rows = [["Danh sách"], ["LX-001", "Nguyễn Văn An", "Nam"]]

    with pytest.raises(UploadRefused, match="Không tìm thấy dòng tiêu đề"):
        upload(ward_officer, ward, xlsx(rows))
    assert not ImportJob.objects.exists()


def test_uploading_refuses_a_ward_the_user_may_not_write(ward_officer, other_ward, approver, ward):
    with pytest.raises(ImportRefused, match="không có quyền"):
        upload(ward_officer, other_ward, two_families())
    with pytest.raises(ImportRefused, match="không có quyền"):
        upload(approver, ward, two_families())
    assert not ImportJob.objects.exists()


def test_the_preview_counts_what_would_change_and_writes_nothing(ward_officer, ward, dong_an):
    job = preview(upload(ward_officer, ward, two_families(), **DECISION), ward_officer)

    assert job.status == Status.PREVIEWED
    assert job.counts == {
        "households_new": 2,
        "households_changed": 0,
        "households_same": 0,
        "persons_new": 6,
        "persons_changed": 0,
        "persons_same": 0,
        "statuses_new": 2,
        "statuses_changed": 0,
        "statuses_same": 0,
        "groups_new": 0,
        "rows": 6,
    }
    assert (job.blocking_count, job.warning_count, job.problems) == (0, 0, [])
    assert not Household.objects.exists()
    assert not Person.objects.exists()


def test_committing_writes_households_members_and_statuses(ward_officer, ward, dong_an):
    job = import_list(ward_officer, ward, two_families(), **DECISION)

    household = Household.objects.get(ward=ward, code="LX-001")
    assert household.residential_group == dong_an
    assert household.address == "12 Lê Lợi, khóm Đông An"
    members = list(household.members.order_by("pk"))
    assert [(m.full_name, m.relation_to_head, m.sex) for m in members] == [
        ("Nguyễn Văn An 1", "head", "male"),
        ("Trần Thị Bình 1", "spouse", "female"),
        ("Nguyễn Văn Cường 1", "child", "male"),
    ]
    assert members[0].national_id == national_id_for(date(1980, 5, 17), "male", 2)
    assert (members[2].birth_date, members[2].birth_year_only) == (date(2012, 1, 1), True)
    status = household.statuses.get()
    assert (status.year, status.classification) == (2025, "near_poor")
    assert (status.decision_number, status.decision_date) == ("12/QĐ-UBND", date(2025, 1, 20))
    assert job.counts["persons_new"] == 6
    assert Person.objects.count() == 6


def test_history_names_the_officer_and_the_import(ward_officer, ward, dong_an):
    job = import_list(ward_officer, ward, two_families(), name="ds-2025.xlsx", **DECISION)

    reason = f"Nhập từ tệp ds-2025.xlsx (lần nhập #{job.pk})"
    for model in (Household, Person, HouseholdStatus):
        records = model.history.all()
        assert records.exists()
        assert {(r.history_type, r.history_user, r.history_change_reason) for r in records} == {
            ("+", ward_officer, reason)
        }


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


def test_one_blocking_error_among_five_thousand_good_rows_writes_nothing(
    ward_officer, ward, dong_an
):
    people = [p for n in range(1667) for p in family(f"LX-{n:04d}", n)]
    people[2501]["Ngày sinh"] = "30/02/2012"

    job = preview(upload(ward_officer, ward, people, **DECISION), ward_officer)

    assert job.counts["rows"] == 5001
    assert job.blocking_count == 1
    assert job.problems == [
        {
            "row": FIRST_LINE + 2501,
            "column": "Ngày sinh",
            "message": "Ngày sinh 30/02/2012 không có thật (ngày/tháng không hợp lệ).",
            "blocking": True,
        }
    ]
    with pytest.raises(ImportRefused, match="không còn lỗi"):
        import_commit_request(user=ward_officer, job=job)
    import_commit_run(job.pk)  # a task delivered anyway finds nothing queued
    assert not Household.objects.exists()
    assert not Person.objects.exists()
    assert not HouseholdStatus.objects.exists()


def test_a_commit_that_finds_new_errors_in_the_register_writes_nothing(
    ward_officer, ward, other_ward, dong_an
):
    job = preview(upload(ward_officer, ward, family("LX-001")), ward_officer)
    head_id = family("LX-001")[0]["Số CCCD"]
    PersonFactory(household=HouseholdFactory(ward=other_ward), national_id=head_id)

    job = commit(job, ward_officer)

    assert job.status == Status.FAILED
    assert "Sổ đã thay đổi kể từ lúc xem trước" in job.error
    assert not Household.objects.filter(ward=ward).exists()


def test_a_failure_midway_through_the_commit_writes_nothing(
    ward_officer, ward, dong_an, monkeypatch
):
    def disk_full(*args, **kwargs):
        raise OSError("could not extend file: No space left on device")

    monkeypatch.setattr(committing, "_write_statuses", disk_full)
    people = [*family("LX-001"), *family("LX-002", 2, group="Khóm Mỹ Thới")]
    job = preview(upload(ward_officer, ward, people, **DECISION), ward_officer, create_groups=True)
    assert job.counts["groups_new"] == 1

    job = commit(job, ward_officer)

    assert job.status == Status.FAILED
    assert job.error == (
        "Lỗi hệ thống khi xử lý danh sách; sổ hộ không bị thay đổi. Hãy thử lại hoặc báo quản "
        f"trị viên (lần nhập #{job.pk})."
    )
    assert not Household.objects.exists()
    assert not Person.objects.exists()
    assert not Household.history.exists()
    assert not Area.objects.filter(parent=ward, name="Mỹ Thới").exists()


# Problems the register shows


def test_an_id_already_in_another_ward_is_shown_and_never_moved(
    ward_officer, ward, other_ward, dong_an
):
    head_id = family("LX-001")[0]["Số CCCD"]
    elsewhere = PersonFactory(
        household=HouseholdFactory(ward=other_ward, code="BD-9"), national_id=head_id
    )

    job = preview(upload(ward_officer, ward, family("LX-001")), ward_officer)

    assert messages_at(job, FIRST_LINE) == [
        f"Số CCCD: Số định danh {head_id} đã thuộc một hộ ở Phường Bình Đức: ansinh không tự "
        "chuyển người giữa các xã, phường; hãy liên hệ nơi đó."
    ]
    assert job.blocking_count == 1
    with pytest.raises(ImportRefused):
        import_commit_request(user=ward_officer, job=job)
    elsewhere.refresh_from_db()
    assert elsewhere.household.code == "BD-9"


def test_a_member_moved_to_another_household_of_the_ward_is_announced_then_moved(
    ward_officer, ward, dong_an
):
    import_list(ward_officer, ward, two_families())
    people = two_families()
    wife = people[1] | {"Mã hộ": "LX-002", "Quan hệ với chủ hộ": "Chị"}
    people = [people[0], people[2], *people[3:], wife]

    job = preview(upload(ward_officer, ward, people), ward_officer)

    assert messages_at(job, FIRST_LINE + 5) == [
        "Số CCCD: Trần Thị Bình 1 sẽ chuyển từ hộ LX-001 sang hộ LX-002."
    ]
    assert job.blocking_count == 0
    commit(job, ward_officer)
    moved = Person.objects.get(full_name="Trần Thị Bình 1")
    assert (moved.household.code, moved.relation_to_head) == ("LX-002", "sibling")


def test_the_head_of_an_unlisted_household_is_not_taken_into_another(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    head = family("LX-001")[0] | {"Mã hộ": "LX-009", "Quan hệ với chủ hộ": "Chủ hộ"}

    job = preview(upload(ward_officer, ward, [head]), ward_officer)

    assert messages_at(job, FIRST_LINE) == [
        "Số CCCD: Nguyễn Văn An 1 đang là chủ hộ LX-001: hãy đổi chủ hộ đó trước khi chuyển "
        "sang hộ LX-009."
    ]
    assert job.blocking_count == 1


def test_a_new_head_needs_the_registers_head_listed_too(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    people = family("LX-001")[1:]
    people[0]["Quan hệ với chủ hộ"] = "Chủ hộ"

    job = preview(upload(ward_officer, ward, people), ward_officer)

    assert messages_at(job, FIRST_LINE) == [
        "Quan hệ với chủ hộ: Trong sổ, chủ hộ LX-001 là Nguyễn Văn An 1, người này không có "
        "trong danh sách: hãy ghi cả người đó (với quan hệ mới) để đổi chủ hộ."
    ]
    assert job.blocking_count == 1


def test_a_list_may_change_the_head_when_it_lists_the_old_head_too(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, family("LX-001"))
    people = family("LX-001")
    people[0]["Quan hệ với chủ hộ"] = "Chồng"
    people[1]["Quan hệ với chủ hộ"] = "Chủ hộ"

    import_list(ward_officer, ward, people)

    relations = dict(Person.objects.values_list("full_name", "relation_to_head"))
    assert relations == {
        "Nguyễn Văn An 1": "spouse",
        "Trần Thị Bình 1": "head",
        "Nguyễn Văn Cường 1": "child",
    }


def test_an_unknown_group_blocks_the_preview_until_the_officer_chooses_to_create_it(
    ward_officer, ward, dong_an
):
    people = family("LX-001", group="Khóm Mỹ Thới")
    job = preview(upload(ward_officer, ward, people), ward_officer)
    assert job.blocking_count == 1
    assert "Chưa có tổ dân phố, khóm “Khóm Mỹ Thới”" in messages_at(job, FIRST_LINE)[0]

    job = preview(job, ward_officer, create_groups=True)
    assert (job.blocking_count, job.warning_count) == (0, 1)
    assert messages_at(job, FIRST_LINE) == [
        "Tổ dân phố/Khóm/Thôn: Sẽ tạo tổ dân phố, khóm mới “Khóm Mỹ Thới”."
    ]
    commit(job, ward_officer)

    group = Area.objects.get(parent=ward, level=Level.RESIDENTIAL_GROUP, name="Mỹ Thới")
    assert group.kind == dong_an.kind
    assert Household.objects.get(code="LX-001").residential_group == group


def test_a_list_naming_the_ward_before_2025_is_read_as_this_ward(ward_officer, ward, dong_an):
    AreaMapping.objects.create(
        old_province="Tỉnh An Giang",
        old_district="Thành phố Long Xuyên",
        old_ward="Phường Mỹ Long",
        new_ward=ward,
    )
    people = [p | {"Xã/Phường": "Phường Mỹ Long"} for p in family("LX-001")]
    data = xlsx(census(people, header=[*HEADER, "Xã/Phường"]))

    job = import_list(ward_officer, ward, data)

    assert job.counts["persons_new"] == 3
    assert Household.objects.get().ward == ward


def test_a_list_naming_another_ward_is_refused_row_by_row(ward_officer, ward, dong_an):
    people = [p | {"Xã/Phường": "Phường Mỹ Long"} for p in family("LX-001")]
    data = xlsx(census(people, header=[*HEADER, "Xã/Phường"]))

    job = preview(upload(ward_officer, ward, data), ward_officer)

    assert job.blocking_count == 3


def test_a_classification_column_needs_the_year(ward_officer, ward, dong_an):
    job = upload(ward_officer, ward, family("LX-001"), year=None)

    with pytest.raises(ImportRefused, match="hãy ghi năm phân loại"):
        import_preview_request(
            user=ward_officer, job=job, mapping=job.column_mapping(), create_groups=False
        )
    job.refresh_from_db()
    assert job.status == Status.UPLOADED


def test_a_mapping_without_a_required_column_is_refused(ward_officer, ward, dong_an):
    job = upload(ward_officer, ward, family("LX-001"), year=2025)
    mapping = {i: f for i, f in job.column_mapping().items() if f != "sex"}

    with pytest.raises(ImportRefused, match="Chưa chọn cột cho: Giới tính"):
        import_preview_request(user=ward_officer, job=job, mapping=mapping, create_groups=False)


def test_the_officer_maps_the_columns_no_header_names(ward_officer, ward, dong_an):
    header = ["STT", "Mã hộ", "Khóm", "Họ và tên", "QH", "Ngày sinh", "Phái"]
    rows = [header, [1, "LX-001", "Khóm Đông An", "Nguyễn Văn An", "Chủ hộ", "1980", "Nam"]]
    job = upload(ward_officer, ward, csv(rows), name="ds.csv")
    assert job.column_mapping() == {
        0: "ignore",
        1: "household_code",
        2: "residential_group",
        3: "full_name",
        5: "birth",
    }

    job = preview(
        job, ward_officer, mapping=job.column_mapping() | {4: "relation_to_head", 6: "sex"}
    )

    assert (job.status, job.blocking_count) == (Status.PREVIEWED, 0)
    assert job.mapping["4"] == "relation_to_head"
    assert job.counts["persons_new"] == 1


# Claiming: a duplicated or late task does nothing


def test_a_preview_runs_once_however_often_its_task_is_delivered(ward_officer, ward, dong_an):
    job = preview(upload(ward_officer, ward, family("LX-001"), year=2025), ward_officer)
    ImportJob.objects.filter(pk=job.pk).update(counts={"marker": 1})

    import_preview_run(job.pk)

    job.refresh_from_db()
    assert (job.status, job.counts) == (Status.PREVIEWED, {"marker": 1})


def test_a_preview_does_not_run_on_a_job_nobody_queued(ward_officer, ward, dong_an):
    job = upload(ward_officer, ward, family("LX-001"), year=2025)

    import_preview_run(job.pk)

    job.refresh_from_db()
    assert (job.status, job.counts, job.started_at) == (Status.UPLOADED, {}, None)


def test_a_commit_runs_once_however_often_its_task_is_delivered(ward_officer, ward, dong_an):
    job = import_list(ward_officer, ward, family("LX-001"), year=2025)

    import_commit_run(job.pk)

    job.refresh_from_db()
    assert job.status == Status.DONE
    assert Person.objects.count() == 3


def test_a_running_job_cannot_be_queued_again(ward_officer, ward, dong_an):
    job = upload(ward_officer, ward, family("LX-001"), year=2025)
    import_preview_request(
        user=ward_officer, job=job, mapping=job.column_mapping(), create_groups=False
    )

    with pytest.raises(ImportRefused, match="đang chạy hoặc đã xong"):
        import_preview_request(
            user=ward_officer, job=job, mapping=job.column_mapping(), create_groups=False
        )


def test_an_approver_cannot_queue_a_preview_or_a_commit(ward_officer, approver, ward, dong_an):
    job = preview(upload(ward_officer, ward, family("LX-001"), year=2025), ward_officer)

    with pytest.raises(ImportRefused, match="không có quyền"):
        import_preview_request(
            user=approver, job=job, mapping=job.column_mapping(), create_groups=False
        )
    with pytest.raises(ImportRefused, match="không có quyền"):
        import_commit_request(user=approver, job=job)
    job.refresh_from_db()
    assert job.status == Status.PREVIEWED


def test_jobs_silent_too_long_are_marked_failed(ward_officer, ward, dong_an, settings):
    settings.IMPORT_STALE_SECONDS = 600
    now = timezone.now()
    jobs = {
        status: upload(ward_officer, ward, family("LX-001"), year=2025)
        for status in (Status.PREVIEWING, Status.COMMIT_QUEUED, Status.DONE, Status.UPLOADED)
    }
    for status, job in jobs.items():
        ImportJob.objects.filter(pk=job.pk).update(
            status=status, heartbeat_at=now - timedelta(seconds=601)
        )
    fresh = upload(ward_officer, ward, family("LX-001"), year=2025)
    ImportJob.objects.filter(pk=fresh.pk).update(
        status=Status.COMMITTING, heartbeat_at=now - timedelta(seconds=599)
    )

    assert import_jobs_fail_stale(now=now) == 2

    statuses = dict(ImportJob.objects.values_list("pk", "status"))
    assert statuses == {
        jobs[Status.PREVIEWING].pk: Status.FAILED,
        jobs[Status.COMMIT_QUEUED].pk: Status.FAILED,
        jobs[Status.DONE].pk: Status.DONE,
        jobs[Status.UPLOADED].pk: Status.UPLOADED,
        fresh.pk: Status.COMMITTING,
    }
    failed = ImportJob.objects.get(pk=jobs[Status.PREVIEWING].pk)
    assert failed.error.startswith("Lần nhập bị dừng giữa chừng (máy xử lý không phản hồi)")


# Encodings end to end


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
