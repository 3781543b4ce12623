"""An import job's life through its services: upload, preview, commit, and the claims that
keep a duplicated or late task from running twice."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from areas.models import Area
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

from ..factories import HouseholdFactory, PersonFactory, national_id_for
from .jobs import DECISION, commit, import_list, preview, upload
from .sheets import FIRST_LINE, HEADER, census, csv, family, two_families, xlsx

Status = ImportJob.Status


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
