"""The events of one person on the household page: a person joins (new, or found in the
register by national ID), leaves, and the head changes."""

from datetime import date

import pytest
from django.urls import reverse

from households.models import Membership, Person

from ..factories import HouseholdFactory, PersonFactory, national_id_for
from .event_pages import event, page, snapshot
from .family import BEFORE, DAY, family, heads, roster


@pytest.fixture
def home(ward):
    return family(ward)


@pytest.fixture
def officer(client, ward_officer):
    client.force_login(ward_officer)
    return ward_officer


NEW_CHILD = {
    "full_name": "Lê Thị Mai",
    "relation_to_head": "child",
    "sex": "female",
    "birth": "10/06/2025",
    "national_id": "",
    "ethnicity": "Kinh",
    "reason": "birth",
}


def test_the_join_page_offers_the_member_fields_and_the_search_by_national_id(
    client, officer, home
):
    response = client.get(page("member_join", home["household"]))

    assert response.status_code == 200
    form = response.context["form"]
    assert {"full_name", "birth", "national_id", "relation_to_head", "reason", "on"} <= set(
        form.fields
    )
    assert "deceased_on" not in form.fields
    assert reverse("households:member_join_found", args=[home["household"].pk]) in response.text


def test_a_new_person_joins_from_the_day(client, officer, home):
    household = home["household"]

    response = client.post(page("member_join", household), event(**NEW_CHILD))

    assert response.status_code == 302
    assert response.url == reverse("households:detail", args=[household.pk])
    mai = Person.objects.get(full_name="Lê Thị Mai")
    m = mai.memberships.get()
    assert (m.household, m.relation_to_head, m.started_on, m.join_reason) == (
        household,
        "child",
        DAY,
        "birth",
    )
    assert mai.birth_date == date(2025, 6, 10)
    assert "Lê Thị Mai" in roster(household, DAY) and "Lê Thị Mai" not in roster(household, BEFORE)
    household.refresh_from_db()
    assert household.changed_on == DAY


def test_a_second_head_is_refused_with_the_services_message(client, officer, home):
    before = snapshot()

    response = client.post(
        page("member_join", home["household"]), event(**NEW_CHILD | {"relation_to_head": "head"})
    )

    assert response.status_code == 400
    assert "Hộ đã có chủ hộ: hãy dùng thay đổi chủ hộ." in response.text
    assert snapshot() == before


def test_the_member_forms_checks_apply_to_the_new_person(client, officer, home):
    before = snapshot()

    response = client.post(
        page("member_join", home["household"]),
        event(
            **NEW_CHILD
            | {"birth": "1980", "national_id": national_id_for(date(1990, 1, 1), "female", 5)}
        ),
    )

    assert response.status_code == 400
    assert "Số định danh không khớp năm sinh" in response.text
    assert snapshot() == before


def test_a_day_still_to_come_is_refused(client, officer, home):
    response = client.post(
        page("member_join", home["household"]), event(**NEW_CHILD, on="01/01/2100")
    )

    assert response.status_code == 400
    assert "Ngày này chưa đến." in response.text


def _elsewhere(ward, **values):
    """Trần Thị Thu, a member (not head) of a household of `ward`."""
    other = HouseholdFactory(ward=ward, code="BD-7")
    PersonFactory(household=other, full_name="Võ Văn Tâm")
    return PersonFactory(
        household=other,
        full_name="Trần Thị Thu",
        sex="female",
        relation_to_head="spouse",
        birth_date=date(1995, 4, 2),
        **values,
    )


def test_the_search_shows_only_name_birth_year_and_ward_of_the_match(
    client, officer, home, far_ward
):
    thu = _elsewhere(far_ward)

    response = client.get(page("member_join_found", home["household"], national_id=thu.national_id))

    assert response.status_code == 200
    found = response.text.split('class="facts found"')[1].split("</dl>")[0]
    for text in ("Trần Thị Thu", "1995", "Phường Hoàn Kiếm"):
        assert text in found
    assert "02/04/1995" not in response.text
    assert "BD-7" not in response.text and "Võ Văn Tâm" not in response.text


def test_a_person_found_anywhere_joins_and_leaves_their_household_that_day(
    client, officer, home, far_ward
):
    thu = _elsewhere(far_ward)
    people = Person.objects.count()

    response = client.post(
        page("member_join_found", home["household"]),
        event(national_id=thu.national_id, relation="child_in_law", reason="marriage"),
    )

    assert response.status_code == 302
    assert Person.objects.count() == people
    assert roster(home["household"], DAY)["Trần Thị Thu"] == "child_in_law"
    old = Membership.objects.get(person=thu, ended_on=DAY)
    assert old.household.code == "BD-7" and old.leave_reason == "marriage"


def test_a_national_id_nobody_has_is_said_so(client, officer, home):
    response = client.get(page("member_join_found", home["household"], national_id="089199000001"))

    assert "Không tìm thấy người có số định danh này trong sổ." in response.text
    assert 'name="relation"' not in response.text  # no form to confirm


def test_a_member_of_this_household_is_not_taken_over(client, officer, home):
    before = snapshot()

    response = client.post(
        page("member_join_found", home["household"]),
        event(national_id=home["nam"].national_id, relation="child", reason="moved_in"),
    )

    assert response.status_code == 400
    assert "Lê Văn Nam đã là thành viên của hộ này." in response.text
    assert snapshot() == before


def test_the_head_of_a_household_with_others_is_refused_with_the_services_message(
    client, officer, home, other_ward
):
    tam = _elsewhere(other_ward).household.members.get(full_name="Võ Văn Tâm")
    before = snapshot()

    response = client.post(
        page("member_join_found", home["household"]),
        event(national_id=tam.national_id, relation="other", reason="moved_in"),
    )

    assert response.status_code == 400
    assert "Võ Văn Tâm đang là chủ hộ BD-7" in response.text
    assert snapshot() == before


def test_the_leave_page_lists_the_current_members(client, officer, home):
    response = client.get(page("member_leave", home["household"]))

    assert response.status_code == 200
    choices = dict(response.context["form"].fields["person"].choices)
    assert choices[home["nam"].pk] == "Lê Văn Nam (Con)"


def test_a_member_moves_away(client, officer, home):
    response = client.post(
        page("member_leave", home["household"]), event(person=home["nam"].pk, reason="moved_away")
    )

    assert response.status_code == 302
    m = home["nam"].memberships.get()
    assert (m.ended_on, m.leave_reason) == (DAY, "moved_away")
    assert "Lê Văn Nam" not in roster(home["household"], DAY)


def test_the_head_leaving_names_the_new_head(client, officer, home):
    response = client.post(
        page("member_leave", home["household"]),
        event(person=home["hung"].pk, reason="died", new_head=home["hoa"].pk),
    )

    assert response.status_code == 302
    assert heads(home["household"], BEFORE) == ["Lê Văn Hùng"]
    assert heads(home["household"], DAY) == ["Phạm Thị Hoa"]
    home["hung"].refresh_from_db()
    assert home["hung"].deceased_on == DAY


def test_the_head_leaving_without_a_new_head_is_refused(client, officer, home):
    before = snapshot()

    response = client.post(
        page("member_leave", home["household"]), event(person=home["hung"].pk, reason="moved_away")
    )

    assert response.status_code == 400
    assert "Chủ hộ ra khỏi hộ: hãy chọn chủ hộ mới." in response.text
    assert snapshot() == before


def test_a_day_before_the_member_joined_is_refused(client, officer, home):
    before = snapshot()

    response = client.post(
        page("member_leave", home["household"]),
        event(person=home["nam"].pk, reason="moved_away", on="31/12/2019"),
    )

    assert response.status_code == 400
    assert "Lê Văn Nam vào hộ ngày 01/01/2020" in response.text
    assert snapshot() == before


def test_a_new_head_is_named_only_when_the_head_leaves(client, officer, home):
    before = snapshot()

    response = client.post(
        page("member_leave", home["household"]),
        event(person=home["nam"].pk, reason="marriage", new_head=home["hoa"].pk),
    )

    assert response.status_code == 400
    assert "Chỉ chọn chủ hộ mới khi chủ hộ ra khỏi hộ." in response.text
    assert snapshot() == before


def _relations(home, **relations) -> dict:
    return {f"relation_{home[key].pk}": r for key, r in relations.items()}


def test_the_head_changes_with_the_relations_given(client, officer, home):
    response = client.get(page("head_change", home["household"]))
    assert response.context["form"][f"relation_{home['hung'].pk}"].initial == "head"

    response = client.post(
        page("head_change", home["household"]),
        event(**_relations(home, hung="spouse", hoa="head", nam="child")),
    )

    assert response.status_code == 302
    assert roster(home["household"], DAY) == {
        "Lê Văn Hùng": "spouse",
        "Phạm Thị Hoa": "head",
        "Lê Văn Nam": "child",
    }
    assert heads(home["household"], BEFORE) == ["Lê Văn Hùng"]


def test_two_heads_are_refused(client, officer, home):
    before = snapshot()

    response = client.post(
        page("head_change", home["household"]),
        event(**_relations(home, hung="head", hoa="head", nam="child")),
    )

    assert response.status_code == 400
    assert "Chọn đúng một chủ hộ." in response.text
    assert snapshot() == before


def test_a_head_who_died_without_a_successor_is_followed_by_a_change_of_head(client, officer, home):
    response = client.post(
        page("member_leave", home["household"]), event(person=home["hung"].pk, reason="died")
    )
    assert response.status_code == 302
    assert heads(home["household"], DAY) == []

    response = client.post(
        page("head_change", home["household"]),
        event(**_relations(home, hoa="head", nam="child")),
    )

    assert response.status_code == 302
    assert heads(home["household"], DAY) == ["Phạm Thị Hoa"]
