"""The list page: who sees which jobs, and uploading a list from it."""

from datetime import date

import pytest
from django.urls import reverse

from imports.models import ImportJob
from imports.reading import MAX_BYTES

from ..factories import RoleFactory, UserFactory
from .jobs import upload
from .pages import LIST, previewed_job, upload_post
from .sheets import census, family, xlsx

pytestmark = pytest.mark.usefixtures("dong_an")
Status = ImportJob.Status


# Scope


def test_anonymous_users_are_sent_to_login_from_the_list(client):
    assert client.get(LIST).status_code == 302
    assert client.post(LIST, {}).status_code == 302


def test_another_wards_jobs_are_not_listed(client, ward_officer, other_ward_officer, ward):
    previewed_job(ward_officer, ward)
    client.force_login(other_ward_officer)

    response = client.get(LIST)

    assert list(response.context["jobs"]) == []


def test_an_approver_gets_no_upload_form(client, approver, ward):
    client.force_login(approver)

    response = client.get(LIST)

    assert response.context["can_import"] is False
    assert "Tải lên và đọc cột" not in response.content.decode()


# Upload


def test_the_upload_form_offers_only_the_officers_wards(client, ward_officer, ward, other_ward):
    client.force_login(ward_officer)

    form = client.get(LIST).context["form"]

    assert list(form.fields["ward"].queryset) == [ward]
    assert form.fields["ward"].initial == ward.pk


def test_uploading_a_list_stores_it_and_shows_its_columns(client, ward_officer, ward):
    client.force_login(ward_officer)
    data = xlsx(census(family("LX-001")))

    response = client.post(
        LIST,
        upload_post(ward, data, decision_number="12/QĐ-UBND", decision_date="20/01/2025"),
    )

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:detail", args=[job.pk])
    assert (job.ward, job.created_by, job.status) == (ward, ward_officer, Status.UPLOADED)
    assert (job.year, job.decision_number, job.decision_date) == (
        2025,
        "12/QĐ-UBND",
        date(2025, 1, 20),
    )
    page = client.get(response.url).content.decode()
    assert "Dòng tiêu đề: dòng 5" in page


def test_a_forged_upload_into_another_ward_is_refused(client, ward_officer, other_ward):
    client.force_login(ward_officer)

    response = client.post(LIST, upload_post(other_ward, xlsx(census(family("LX-001")))))

    assert response.status_code == 200
    assert "ward" in response.context["form"].errors
    assert not ImportJob.objects.exists()


def test_a_refused_file_is_explained_and_stores_nothing(client, ward_officer, ward):
    client.force_login(ward_officer)

    response = client.post(LIST, upload_post(ward, b"STT,Ho va ten\n1,An\n"))

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Tệp có đuôi .xlsx nhưng không phải là tệp Excel."
    ]
    assert "không phải là tệp Excel" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(client, ward_officer, ward):
    client.force_login(ward_officer)

    response = client.post(LIST, upload_post(ward, b"PK\x03\x04" + bytes(MAX_BYTES)))

    assert response.context["form"].errors["file"] == [
        "Tệp lớn hơn 20 MB: hãy chia danh sách thành nhiều tệp."
    ]
    assert not ImportJob.objects.exists()


def test_the_list_page_reads_a_fixed_number_of_queries(
    client, ward_officer, ward, django_assert_max_num_queries
):
    for n in range(4):
        user = UserFactory(username=f"canbo-{n}")
        RoleFactory(user=user, area=ward)
        upload(user, ward, family(f"LX-{n}"))
    client.force_login(ward_officer)

    # Session, user, scope (2), the form's wards (2), the layout's roles and wards, the jobs
    # with their ward and officer: a fixed number whatever the number of jobs.
    with django_assert_max_num_queries(9):
        response = client.get(LIST)

    assert len(response.context["jobs"]) == 4
