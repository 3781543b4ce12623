"""The household form (create, update), delete, status record and the member row."""

from datetime import date

import pytest
from django.urls import reverse

from areas.models import Role
from households.models import Household, HouseholdStatus, Person
from households.services import MemberData, household_save

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
    RoleFactory,
    national_id_for,
)

CREATE = reverse("households:create")
HEAD_ID = national_id_for(date(1980, 5, 17), "male", 111)
SPOUSE_ID = national_id_for(date(1983, 2, 1), "female", 222)


def url(name: str, household) -> str:
    return reverse(f"households:{name}", args=[household.pk])


def member(**values) -> dict:
    """One member row as the browser posts it."""
    return {
        "id": "",
        "full_name": "Nguyễn Đức Thắng",
        "relation_to_head": "head",
        "sex": "male",
        "birth": "17/05/1980",
        "national_id": HEAD_ID,
        "ethnicity": "Kinh",
        "disability_level": "",
        "deceased_on": "",
        "moved_out_on": "",
    } | values


SPOUSE = {
    "full_name": "Trần Thị Mai",
    "relation_to_head": "spouse",
    "sex": "female",
    "birth": "01/02/1983",
    "national_id": SPOUSE_ID,
}


def form_data(ward, members: list[dict], *, initial: int = 0, **household) -> dict:
    """The household form and its member formset (prefix "members") as one POST."""
    data = {
        "ward": ward.pk,
        "residential_group": "",
        "code": "ag-001",
        "address": "12 Lê Lợi",
        "phone": "0296 3841 234",
        "notes": "",
        "version": "",
        "members-TOTAL_FORMS": len(members),
        "members-INITIAL_FORMS": initial,
        "members-MIN_NUM_FORMS": 1,
        "members-MAX_NUM_FORMS": 1000,
    } | household
    for i, values in enumerate(members):
        data |= {f"members-{i}-{name}": value for name, value in values.items()}
    return data


def nothing_written() -> bool:
    return not Household.objects.exists() and not Person.objects.exists()


@pytest.fixture
def officer(client, ward_officer):
    ward_officer.first_name, ward_officer.last_name = "Lan", "Võ Thị"
    ward_officer.save(update_fields=["first_name", "last_name"])
    client.force_login(ward_officer)
    return ward_officer


@pytest.fixture
def household(ward, ward_officer):
    """AG-001 of `ward` saved by the officer: Nguyễn Đức Thắng (head) and Trần Thị Mai."""
    return household_save(
        user=ward_officer,
        household=None,
        values={"ward": ward, "code": "AG-001", "address": "12 Lê Lợi"},
        members=[
            MemberData(
                None,
                {
                    "full_name": "Nguyễn Đức Thắng",
                    "national_id": HEAD_ID,
                    "birth_date": date(1980, 5, 17),
                    "sex": "male",
                    "relation_to_head": "head",
                },
            ),
            MemberData(
                None,
                {
                    "full_name": "Trần Thị Mai",
                    "national_id": SPOUSE_ID,
                    "birth_date": date(1983, 2, 1),
                    "sex": "female",
                    "relation_to_head": "spouse",
                },
            ),
        ],
    )


def update_data(household, members: list[dict] | None = None, **values) -> dict:
    """The update form as the officer received it, with `values` and `members` edited."""
    head, spouse = household.members.order_by("pk")
    rows = members or [member(id=head.pk), member(id=spouse.pk, **SPOUSE)]
    values = {"code": household.code, "version": household.version} | values
    return form_data(household.ward, rows, initial=2) | values


# Create


def test_it_shows_an_empty_form_with_one_head_row(client, officer, ward):
    response = client.get(CREATE)

    assert response.status_code == 200
    assert response.context["form"]["ward"].value() == ward.pk  # the only ward: preselected
    rows = response.context["members"].forms
    assert [f["relation_to_head"].value() for f in rows] == ["head"]
    assert 'name="members-TOTAL_FORMS"' in response.text


def test_it_creates_a_household_with_two_members(client, officer, ward):
    group = ResidentialGroupFactory(parent=ward)

    response = client.post(
        CREATE,
        form_data(ward, [member(), member(**SPOUSE)], residential_group=group.pk),
    )

    household = Household.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", household)
    assert (household.ward, household.residential_group, household.code) == (ward, group, "AG-001")
    people = household.members.order_by("pk")
    assert [(p.full_name, p.relation_to_head, p.national_id, p.birth_date) for p in people] == [
        ("Nguyễn Đức Thắng", "head", HEAD_ID, date(1980, 5, 17)),
        ("Trần Thị Mai", "spouse", SPOUSE_ID, date(1983, 2, 1)),
    ]
    assert "Đã lưu hộ AG-001." in client.get(response.url).text


def test_it_keeps_a_bare_birth_year_and_a_legacy_id(client, officer, ward):
    client.post(CREATE, form_data(ward, [member(birth="1948", national_id="123 456 789")]))

    person = Person.objects.get()
    assert (person.birth_date, person.birth_year_only) == (date(1948, 1, 1), True)
    assert (person.national_id, person.legacy_id) == ("", "123456789")


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        (["spouse", "child"], "Hộ phải có đúng một chủ hộ: chưa có ai được ghi là chủ hộ."),
        (["head", "head"], "Hộ phải có đúng một chủ hộ: đang có 2 người được ghi là chủ hộ."),
    ],
)
def test_it_refuses_a_household_without_exactly_one_head(client, officer, ward, relations, message):
    rows = [
        member(full_name=f"Người {i}", relation_to_head=r, national_id="")
        for i, r in enumerate(relations)
    ]

    response = client.post(CREATE, form_data(ward, rows))

    assert response.status_code == 200
    assert message in response.text
    assert nothing_written()


@pytest.mark.parametrize(
    ("national_id", "member_values", "message"),
    [
        ("08908000011", {}, "Số định danh phải có 12 chữ số (CMND cũ: 9 chữ số)"),
        ("0890800001234", {}, "số đã nhập có 13"),
        ("08908000O111", {}, "Số định danh chỉ gồm chữ số."),
        (
            national_id_for(date(2080, 5, 17), "male", 111),
            {},
            "Số định danh không khớp năm sinh: chữ số thứ 4–6 cho năm 2080, năm sinh là 1980.",
        ),
        (HEAD_ID, {"sex": "female"}, "Số định danh không khớp giới tính: chữ số thứ 4 là của nam."),
    ],
)
def test_it_refuses_an_invalid_national_id(
    client, officer, ward, national_id, member_values, message
):
    response = client.post(
        CREATE, form_data(ward, [member(national_id=national_id, **member_values)])
    )

    assert response.status_code == 200
    assert message in response.context["members"].forms[0].errors["national_id"][0]
    assert message in response.text
    assert nothing_written()


def test_it_refuses_a_national_id_used_in_another_household(client, officer, ward, other_ward):
    PersonFactory(household=HouseholdFactory(ward=other_ward, code="BD-7"), national_id=HEAD_ID)

    response = client.post(CREATE, form_data(ward, [member(), member(**SPOUSE)]))

    assert response.status_code == 200
    assert f"Số định danh {HEAD_ID} đã thuộc một người ở hộ khác" in response.text
    assert list(Household.objects.values_list("code", flat=True)) == ["BD-7"]
    assert Person.objects.count() == 1


def test_it_refuses_one_national_id_given_to_two_members(client, officer, ward):
    twin = member(full_name="Nguyễn Đức Thịnh", relation_to_head="sibling")  # same ID, same birth

    response = client.post(CREATE, form_data(ward, [member(), twin]))

    assert "Một số định danh được ghi cho hai người trong cùng hộ." in response.text
    assert nothing_written()


def test_it_refuses_a_household_code_already_used_in_the_ward(client, officer, ward):
    HouseholdFactory(ward=ward, code="AG-001")

    response = client.post(CREATE, form_data(ward, [member()]))

    assert "Mã hộ AG-001 đã có ở xã, phường này." in response.text
    assert Household.objects.count() == 1
    assert not Person.objects.exists()


def test_it_refuses_a_residential_group_of_another_ward(client, officer, ward, other_ward):
    theirs = ResidentialGroupFactory(parent=other_ward)

    response = client.post(CREATE, form_data(ward, [member()], residential_group=theirs.pk))

    assert "residential_group" in response.context["form"].errors
    assert nothing_written()


def test_it_refuses_to_create_in_another_ward(client, officer, other_ward):
    response = client.post(CREATE, form_data(other_ward, [member()]))

    assert response.status_code == 200
    assert "ward" in response.context["form"].errors
    assert nothing_written()


def test_it_sends_anonymous_users_to_login_from_the_create_form(client, ward):
    assert client.get(CREATE).url.startswith(reverse("login"))
    assert client.post(CREATE, form_data(ward, [member()])).status_code == 302
    assert nothing_written()


def test_it_does_not_let_an_approver_create(client, approver, ward):
    client.force_login(approver)

    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, form_data(ward, [member()])).status_code == 404
    assert nothing_written()


# Update


def test_it_fills_the_update_form_with_the_household(client, officer, household):
    response = client.get(url("update", household))

    assert response.status_code == 200
    assert response.context["form"]["version"].value() == 1
    assert [f["full_name"].value() for f in response.context["members"].forms] == [
        "Nguyễn Đức Thắng",
        "Trần Thị Mai",
    ]
    assert [f["birth"].value() for f in response.context["members"].forms] == [
        "17/05/1980",
        "01/02/1983",
    ]


def test_it_updates_the_household_and_its_members(client, officer, household):
    head, spouse = household.members.order_by("pk")
    child = member(
        full_name="Nguyễn Văn Bình", relation_to_head="child", birth="2010", national_id=""
    )

    response = client.post(
        url("update", household),
        update_data(
            household,
            [
                member(id=head.pk, full_name="Nguyễn Đức Thắng", disability_level="mild"),
                member(id=spouse.pk, **SPOUSE, DELETE="on"),
                child,
            ],
            address="15 Trần Hưng Đạo",
        ),
    )

    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.address, household.version) == ("15 Trần Hưng Đạo", 2)
    assert [(p.full_name, p.disability_level) for p in household.members.order_by("pk")] == [
        ("Nguyễn Đức Thắng", "mild"),
        ("Nguyễn Văn Bình", ""),
    ]


def test_it_swaps_the_head_in_one_edit(client, officer, household):
    head, spouse = household.members.order_by("pk")

    response = client.post(
        url("update", household),
        update_data(
            household,
            [
                member(id=head.pk, relation_to_head="spouse"),
                member(id=spouse.pk, **SPOUSE | {"relation_to_head": "head"}),
            ],
        ),
    )

    assert response.status_code == 302
    assert dict(household.members.values_list("pk", "relation_to_head")) == {
        head.pk: "spouse",
        spouse.pk: "head",
    }


def test_it_refuses_a_stale_edit_and_keeps_the_newer_data(client, officer, household):
    opened = update_data(household, address="Sửa của tôi")  # the officer opens the form...
    head, spouse = household.members.order_by("pk")
    household_save(  # ...a colleague saves first...
        user=officer,
        household=Household.objects.get(pk=household.pk),
        values={"ward": household.ward, "code": "AG-001", "address": "Sửa của đồng nghiệp"},
        members=[],
        version=1,
    )

    response = client.post(url("update", household), opened)  # ...then the officer saves.

    assert response.status_code == 200
    assert "Hộ này vừa được người khác sửa và lưu sau khi bạn mở trang." in response.text
    household.refresh_from_db()
    assert (household.address, household.version) == ("Sửa của đồng nghiệp", 2)
    assert Household.history.filter(id=household.pk).count() == 2


def test_it_records_who_changed_what_in_the_history(client, officer, household):
    head, spouse = household.members.order_by("pk")

    client.post(
        url("update", household),
        update_data(
            household,
            [member(id=head.pk), member(id=spouse.pk, **SPOUSE | {"full_name": "Trần Thị Mơ"})],
            address="15 Trần Hưng Đạo",
        ),
    )

    history = client.get(url("detail", household)).text.split('class="history"')[1]
    assert "<strong>Võ Thị Lan</strong>" in history
    assert "<del>12 Lê Lợi</del> → <ins>15 Trần Hưng Đạo</ins>" in history
    assert "<del>Trần Thị Mai</del> → <ins>Trần Thị Mơ</ins>" in history
    latest = Household.history.filter(id=household.pk).latest()
    assert (latest.history_type, latest.address, latest.history_user) == (
        "~",
        "15 Trần Hưng Đạo",
        officer,
    )
    assert Person.history.filter(id=spouse.pk).latest().history_user == officer


def test_it_refuses_a_member_of_another_household(client, officer, household, ward):
    stranger = PersonFactory(household=HouseholdFactory(ward=ward), full_name="Lê Văn Tám")
    head, _spouse = household.members.order_by("pk")

    response = client.post(
        url("update", household),
        update_data(
            household,
            [
                member(id=head.pk),
                member(id=stranger.pk, full_name="Đổi", relation_to_head="child", national_id=""),
            ],
        ),
    )

    assert "Một nhân khẩu trong biểu mẫu không thuộc hộ này." in response.text
    stranger.refresh_from_db()
    assert stranger.full_name == "Lê Văn Tám"


def test_it_refuses_to_move_a_household_to_another_ward(client, officer, household, other_ward):
    response = client.post(url("update", household), update_data(household, ward=other_ward.pk))

    assert "ward" in response.context["form"].errors
    household.refresh_from_db()
    assert household.ward_id != other_ward.pk


def test_it_hides_the_update_form_from_another_ward(client, other_ward_officer, household):
    client.force_login(other_ward_officer)

    assert client.get(url("update", household)).status_code == 404
    response = client.post(url("update", household), update_data(household, address="X"))
    assert response.status_code == 404
    household.refresh_from_db()
    assert household.address == "12 Lê Lợi"


def test_it_sends_anonymous_users_to_login_from_the_update_form(client, household):
    assert client.get(url("update", household)).url.startswith(reverse("login"))
    response = client.post(url("update", household), update_data(household, address="X"))
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.address == "12 Lê Lợi"


def test_it_does_not_let_an_approver_update_either_ward(client, approver, household, other_ward):
    theirs = HouseholdFactory(ward=other_ward)
    client.force_login(approver)

    assert client.get(url("update", household)).status_code == 404
    assert client.get(url("update", theirs)).status_code == 404
    response = client.post(url("update", household), update_data(household, address="X"))
    assert response.status_code == 404
    household.refresh_from_db()
    assert household.address == "12 Lê Lợi"


def test_it_refuses_every_write_to_a_ward_the_user_only_reads(
    client, other_ward_officer, province, ward, other_ward, household
):
    # Now reads both wards of the province, and still writes only `other_ward`.
    RoleFactory(user=other_ward_officer, area=province, role=Role.APPROVER)
    client.force_login(other_ward_officer)
    assert client.get(url("detail", household)).status_code == 200

    assert client.get(url("update", household)).status_code == 404
    moved = update_data(household, ward=other_ward.pk)
    assert client.post(url("update", household), moved).status_code == 404
    assert client.post(url("delete", household)).status_code == 404
    assert client.post(url("status_record", household), status_data()).status_code == 404
    household.refresh_from_db()
    assert (household.ward_id, household.version) == (ward.pk, 1)
    assert not household.statuses.exists()


def test_it_hides_a_far_ward_household_from_the_approver(client, approver, far_ward):
    far = HouseholdFactory(ward=far_ward)
    client.force_login(approver)

    for name in ("detail", "update", "delete"):
        assert client.get(url(name, far)).status_code == 404, name


# Delete


def test_it_asks_before_deleting(client, officer, household):
    response = client.get(url("delete", household))

    assert response.status_code == 200
    assert "Xoá hộ AG-001?" in response.text
    assert Household.objects.filter(pk=household.pk).exists()


def test_it_deletes_a_household_and_keeps_its_history(client, officer, household):
    HouseholdStatusFactory(household=household)
    pk = household.pk

    response = client.post(url("delete", household))

    assert response.status_code == 302
    assert response.url == reverse("households:list")
    assert not Household.objects.filter(pk=pk).exists()
    assert not Person.objects.exists()
    assert not HouseholdStatus.objects.exists()
    deleted = Household.history.filter(id=pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", officer)
    assert "Đã xoá hộ AG-001." in client.get(response.url).text


def test_it_hides_the_delete_page_from_another_ward(client, other_ward_officer, household):
    client.force_login(other_ward_officer)

    assert client.get(url("delete", household)).status_code == 404
    assert client.post(url("delete", household)).status_code == 404
    assert Household.objects.filter(pk=household.pk).exists()


def test_it_sends_anonymous_users_to_login_from_delete(client, household):
    assert client.get(url("delete", household)).status_code == 302
    assert client.post(url("delete", household)).url.startswith(reverse("login"))
    assert Household.objects.filter(pk=household.pk).exists()


def test_it_does_not_let_an_approver_delete(client, approver, household):
    client.force_login(approver)

    assert client.get(url("delete", household)).status_code == 404
    assert client.post(url("delete", household)).status_code == 404
    assert Household.objects.filter(pk=household.pk).exists()


# Status record


def status_data(**values) -> dict:
    return {
        "year": 2025,
        "classification": "poor",
        "decision_number": "12/QĐ-UBND",
        "decision_date": "15/01/2025",
        "reason": "Rà soát cuối năm",
    } | values


def test_it_records_a_status_for_a_year(client, officer, household):
    response = client.post(url("status_record", household), status_data())

    assert response.status_code == 302
    assert response.url == url("detail", household)
    status = household.statuses.get()
    assert (status.year, status.classification, status.decision_date) == (
        2025,
        "poor",
        date(2025, 1, 15),
    )
    assert status.history.latest().history_user == officer
    assert "Đã ghi phân loại năm 2025." in client.get(response.url).text


def test_it_corrects_the_status_of_a_year_already_recorded(client, officer, household):
    client.post(url("status_record", household), status_data())

    client.post(url("status_record", household), status_data(classification="near_poor"))

    assert list(household.statuses.values_list("year", "classification")) == [(2025, "near_poor")]


def test_it_reports_an_invalid_status_and_writes_nothing(client, officer, household):
    response = client.post(url("status_record", household), status_data(classification=""))

    assert response.status_code == 302
    assert not household.statuses.exists()
    assert "Trường này là bắt buộc." in client.get(response.url).text


def test_it_refuses_a_status_read_with_get(client, officer, household):
    assert client.get(url("status_record", household)).status_code == 405


def test_it_hides_status_recording_from_another_ward(client, other_ward_officer, household):
    client.force_login(other_ward_officer)

    assert client.post(url("status_record", household), status_data()).status_code == 404
    assert not household.statuses.exists()


def test_it_sends_anonymous_users_to_login_from_status_record(client, household):
    response = client.post(url("status_record", household), status_data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not household.statuses.exists()


def test_it_does_not_let_an_approver_record_a_status(client, approver, household):
    client.force_login(approver)

    assert client.post(url("status_record", household), status_data()).status_code == 404
    assert not household.statuses.exists()


# Member row (htmx)


def test_it_returns_an_empty_member_row_for_the_next_index(client, officer):
    response = client.get(reverse("households:member_row"), {"index": 3})

    assert response.status_code == 200
    assert 'name="members-3-full_name"' in response.text
    assert 'name="members-3-national_id"' in response.text
    assert "<html" not in response.text


def test_it_falls_back_to_the_first_index_for_a_bad_one(client, officer):
    response = client.get(reverse("households:member_row"), {"index": "x"})

    assert 'name="members-0-full_name"' in response.text


def test_it_sends_anonymous_users_to_login_from_the_member_row(client):
    response = client.get(reverse("households:member_row"), {"index": 1})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
