"""The household page's members over time: current members since when, former members
with where they went, and the banners of a closed household or one changed since its
last review."""

from datetime import date

import pytest
from django.urls import reverse

from households.services import (
    Event,
    head_change,
    household_merge,
    household_move_out,
    household_receive,
    member_join,
    member_leave,
)

from ..factories import HouseholdStatusFactory, PersonFactory
from .family import DAY, family

LATER = date(2025, 9, 1)


def detail(household) -> str:
    return reverse("households:detail", args=[household.pk])


@pytest.fixture
def home(ward):
    return family(ward)


def test_current_members_show_since_when_across_a_change_of_relation(client, ward_officer, home):
    head_change(
        Event(ward_officer, DAY),
        household=home["household"],
        relations={home["hoa"].pk: "head", home["hung"].pk: "spouse"},
    )
    client.force_login(ward_officer)

    response = client.get(detail(home["household"]))

    members = {p.full_name: p.member_since for p in response.context["household"].member_list}
    assert members == dict.fromkeys(["Lê Văn Hùng", "Phạm Thị Hoa", "Lê Văn Nam"], date(2020, 1, 1))
    assert response.context["household"].former_list == []


def test_a_former_member_shows_when_why_and_the_household_they_joined(
    client, ward_officer, home, ward
):
    there = family(
        ward,
        "AG-300",
        hung=("Trần Văn Lực", "head"),
        hoa=("Trần Thị Hiền", "spouse"),
        nam=("Trần Văn Khải", "child"),
    )
    member_join(
        Event(ward_officer, DAY),
        household=there["household"],
        reason="marriage",
        relation="child_in_law",
        person=home["nam"],
    )
    client.force_login(ward_officer)

    response = client.get(detail(home["household"]))

    [stay] = response.context["household"].former_list
    assert (stay.person.full_name, stay.since, stay.until) == ("Lê Văn Nam", date(2020, 1, 1), DAY)
    assert stay.went_to == there["household"] and stay.went_ward == "Phường Long Xuyên"
    former = response.text.split('class="card former"')[1]
    assert "Kết hôn đi" in former
    assert detail(there["household"]) in former
    assert [p.full_name for p in response.context["household"].member_list] == [
        "Lê Văn Hùng",
        "Phạm Thị Hoa",
    ]


def test_a_former_member_in_a_ward_the_viewer_cannot_see_shows_only_that_ward(
    client, ward_officer, admin_user, home, far_ward
):
    there = family(far_ward, "HK-1")
    member_join(
        Event(admin_user, DAY),
        household=there["household"],
        reason="moved_in",
        relation="other",
        person=home["nam"],
    )
    client.force_login(ward_officer)

    response = client.get(detail(home["household"]))

    [stay] = response.context["household"].former_list
    assert stay.went_to is None and stay.went_ward == "Phường Hoàn Kiếm"
    assert detail(there["household"]) not in response.text
    assert "HK-1" not in response.text


def test_a_member_who_died_went_nowhere(client, ward_officer, home):
    member_leave(Event(ward_officer, DAY), person=home["nam"], reason="died")
    client.force_login(ward_officer)

    [stay] = client.get(detail(home["household"])).context["household"].former_list

    assert (stay.leave_reason_label(), stay.went_ward) == ("Qua đời", "")


def test_a_change_since_the_last_review_is_announced(client, ward_officer, home):
    member_leave(Event(ward_officer, DAY), person=home["nam"], reason="moved_away")
    client.force_login(ward_officer)

    response = client.get(detail(home["household"]))

    assert response.context["household"].changed_since_review
    assert (
        "Có thay đổi từ 10/06/2025: Lê Văn Nam ra khỏi hộ — cần rà soát lại trong kỳ rà soát "
        "hằng tháng gần nhất."
    ) in response.text


def test_a_review_after_the_change_ends_the_announcement(client, ward_officer, home):
    member_leave(Event(ward_officer, DAY), person=home["nam"], reason="moved_away")
    HouseholdStatusFactory(household=home["household"], valid_from=LATER, classification="poor")
    client.force_login(ward_officer)

    response = client.get(detail(home["household"]))

    assert not response.context["household"].changed_since_review
    assert 'class="changed"' not in response.text


def test_a_merged_household_links_the_household_it_joined(client, ward_officer, home, ward):
    other = family(
        ward,
        "AG-101",
        hung=("Đỗ Văn Bình", "head"),
        hoa=("Đỗ Thị Lành", "spouse"),
        nam=("Đỗ Văn An", "child"),
    )
    household_merge(
        Event(ward_officer, DAY),
        household=home["household"],
        other=other["household"],
        relations={other[k].pk: "other" for k in ("hung", "hoa", "nam")},
    )
    client.force_login(ward_officer)

    response = client.get(detail(other["household"]))

    assert "Hộ đã đóng sổ từ ngày 10/06/2025: Nhập vào hộ khác." in response.text
    assert f'href="{detail(home["household"])}"' in response.text
    assert "Hộ tiếp nhận: AG-100 (Phường Long Xuyên)" in response.text


def test_a_household_received_elsewhere_names_only_the_receiving_ward(
    client, ward_officer, admin_user, home, other_ward
):
    household_move_out(Event(ward_officer, DAY), household=home["household"], to_ward=other_ward)
    new = household_receive(
        Event(admin_user, DAY), household=home["household"], ward=other_ward, code="BD-9"
    )
    client.force_login(ward_officer)

    response = client.get(detail(home["household"]))

    assert "Cả hộ chuyển đi xã, phường khác" in response.text
    assert "Chuyển đến Phường Bình Đức." in response.text
    assert "Đã được Phường Bình Đức tiếp nhận." in response.text
    assert detail(new) not in response.text
    assert 'class="changed"' not in response.text


# Session, user, the user's scope, household, its memberships, where the former members
# went, statuses, whether it changed since its review, history (3) and the areas it names,
# the layout's roles: whatever the number of members (a closed household adds its
# successor and destination).
MAX_QUERIES = 14


@pytest.mark.parametrize("n", [2, 10])
def test_it_renders_in_a_fixed_number_of_queries(
    client, ward_officer, admin_user, ward, other_ward, n, django_assert_max_num_queries
):
    home = family(ward, "AG-1", hung=("Lê Văn Hùng", "head"))
    there = family(other_ward, "BD-1")
    for _ in range(n):
        PersonFactory(household=home["household"], relation_to_head="child")
        gone = PersonFactory(household=home["household"], relation_to_head="grandchild")
        member_join(
            Event(admin_user, DAY),
            household=there["household"],
            reason="moved_in",
            relation="other",
            person=gone,
        )
    client.force_login(ward_officer)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(detail(home["household"]))

    assert len(response.context["household"].member_list) == n + 3
    assert len(response.context["household"].former_list) == n
