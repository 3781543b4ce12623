"""The form that updates a household and its members, and who may reach it."""

from django.urls import reverse

from areas.models import Role
from households.models import Household, Person
from households.services import household_save

from ..factories import HouseholdFactory, PersonFactory, RoleFactory
from .posts import SPOUSE, member, status_data, update_data, url


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
    assert response.text.count("Hộ này vừa được người khác sửa và lưu sau khi bạn mở trang.") == 1
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
