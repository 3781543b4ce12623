"""The form that creates a household with its members."""

from datetime import date

import pytest
from django.urls import reverse

from households.models import Household, Person

from ..factories import HouseholdFactory, PersonFactory, ResidentialGroupFactory, national_id_for
from .posts import CREATE, SPOUSE, form_data, member, nothing_written, url
from .register import HEAD_ID, SPOUSE_ID


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
