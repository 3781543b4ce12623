import unicodedata

import pytest
from django.urls import reverse

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
    UserFactory,
)

LIST = reverse("households:list")
THANG_ID = "089080001234"
# Session, user, the user's scope (2), count, page, members, the filter form's wards (2)
# and groups, the layout's roles: a fixed number whatever the number of rows.
MAX_QUERIES = 11


def listed_codes(client, user, **params) -> list[str]:
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [h.code for h in response.context["page"].object_list]


def household(ward, code, *, head="Trần Văn Tư", **kwargs):
    h = HouseholdFactory(ward=ward, code=code, **kwargs)
    PersonFactory(household=h, full_name=head)
    return h


@pytest.fixture
def thang(ward):
    """Nguyễn Đức Thắng heads household AG-0042 of `ward`, with his wife."""
    h = HouseholdFactory(ward=ward, code="AG-0042")
    PersonFactory(household=h, full_name="Nguyễn Đức Thắng", national_id=THANG_ID)
    PersonFactory(household=h, full_name="Lê Thị Hoa", sex="female", relation_to_head="spouse")
    household(ward, "AG-0043", head="Phạm Văn Đông")
    return h


def test_it_sends_anonymous_users_to_login(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={LIST}"


def test_it_hides_households_of_other_wards(client, ward_officer, ward, other_ward, far_ward):
    household(ward, "AG-0001")
    household(other_ward, "BD-0001")
    household(far_ward, "HK-0001")

    client.force_login(ward_officer)
    response = client.get(LIST)

    assert [h.code for h in response.context["page"].object_list] == ["AG-0001"]
    assert "AG-0001" in response.text
    assert "BD-0001" not in response.text
    assert "HK-0001" not in response.text


def test_it_shows_an_approver_both_wards_of_the_province_and_not_far_ward(
    client, approver, ward, other_ward, far_ward
):
    household(ward, "AG-0001")
    household(other_ward, "BD-0001")
    household(far_ward, "HK-0001")

    assert sorted(listed_codes(client, approver)) == ["AG-0001", "BD-0001"]


def test_it_shows_a_superuser_every_ward(client, admin_user, ward, far_ward):
    household(ward, "AG-0001")
    household(far_ward, "HK-0001")

    assert sorted(listed_codes(client, admin_user)) == ["AG-0001", "HK-0001"]


def test_it_shows_nothing_to_a_user_without_a_role(client, ward):
    household(ward, "AG-0001")

    assert listed_codes(client, UserFactory()) == []


def test_it_ignores_a_ward_filter_outside_the_users_scope(client, ward_officer, ward, other_ward):
    household(ward, "AG-0001")
    household(other_ward, "BD-0001")

    assert listed_codes(client, ward_officer, ward=other_ward.pk) == ["AG-0001"]


def test_it_filters_an_approver_by_ward(client, approver, ward, other_ward):
    household(ward, "AG-0001")
    household(other_ward, "BD-0001")

    assert listed_codes(client, approver, ward=other_ward.pk) == ["BD-0001"]


def test_it_shows_the_head_member_count_group_and_latest_status(client, ward_officer, ward):
    group = ResidentialGroupFactory(parent=ward, name="Khóm Đông An")
    h = HouseholdFactory(ward=ward, code="AG-0001", residential_group=group)
    PersonFactory(household=h, full_name="Lê Thị Hoa", sex="female", relation_to_head="spouse")
    PersonFactory(household=h, full_name="Nguyễn Đức Thắng")
    HouseholdStatusFactory(household=h, year=2024, classification="poor")
    HouseholdStatusFactory(household=h, year=2025, classification="near_poor")

    client.force_login(ward_officer)
    row = client.get(LIST).text.split("<tbody>")[1]

    assert "Nguyễn Đức Thắng</a>" in row
    assert "Lê Thị Hoa" not in row  # only the head is named
    assert '<td class="num">2</td>' in row
    assert "Khóm Đông An" in row
    assert "Hộ cận nghèo" in row and "2025" in row
    assert "Hộ nghèo<" not in row


def test_it_answers_htmx_with_the_results_only(client, ward_officer, ward):
    household(ward, "AG-0001")
    client.force_login(ward_officer)

    response = client.get(LIST, {"q": "AG-0001"}, headers={"HX-Request": "true"})

    assert "AG-0001" in response.text
    assert "<html" not in response.text
    assert [t.name for t in response.templates][0] == "households/_results.html"


def test_it_pages_long_lists(client, ward_officer, ward, settings):
    settings.HOUSEHOLDS_PAGE_SIZE = 2
    for n in range(5):
        household(ward, f"AG-{n:04d}")

    assert listed_codes(client, ward_officer, page=3) == ["AG-0004"]


# Search


@pytest.mark.parametrize(
    "q",
    [
        "nguyen duc thang",
        "Nguyen Duc",
        "đức",
        "ĐỨC THẮNG",
        "  nguyen   duc  ",
        unicodedata.normalize("NFD", "Nguyễn Đức Thắng"),
    ],
)
def test_it_finds_a_person_by_name_with_or_without_diacritics(client, ward_officer, thang, q):
    assert listed_codes(client, ward_officer, q=q) == ["AG-0042"]


@pytest.mark.parametrize("q", [THANG_ID, "089 080 001 234", "089.080.001.234"])
def test_it_finds_a_person_by_national_id(client, ward_officer, thang, q):
    assert listed_codes(client, ward_officer, q=q) == ["AG-0042"]


@pytest.mark.parametrize("q", ["AG-0042", "ag-0042"])
def test_it_finds_a_household_by_code(client, ward_officer, thang, q):
    assert listed_codes(client, ward_officer, q=q) == ["AG-0042"]


def test_it_finds_a_household_by_a_members_name(client, ward_officer, thang):
    assert listed_codes(client, ward_officer, q="le thi hoa") == ["AG-0042"]


@pytest.mark.parametrize("q", ["Nguyễn Văn Thắng", "089080009999", "AG-9999", "thangg"])
def test_it_finds_nothing_for_a_query_that_matches_nobody(client, ward_officer, thang, q):
    client.force_login(ward_officer)
    response = client.get(LIST, {"q": q})

    assert list(response.context["page"].object_list) == []
    assert "Không có hộ nào khớp với điều kiện tìm." in response.text


def test_it_does_not_find_people_of_other_wards(client, other_ward_officer, thang):
    assert listed_codes(client, other_ward_officer, q="nguyen duc thang") == []
    assert listed_codes(client, other_ward_officer, q=THANG_ID) == []
    assert listed_codes(client, other_ward_officer, q="AG-0042") == []


# Filters


def test_it_filters_by_residential_group(client, ward_officer, ward):
    east, west = ResidentialGroupFactory(parent=ward), ResidentialGroupFactory(parent=ward)
    household(ward, "AG-0001", residential_group=east)
    household(ward, "AG-0002", residential_group=west)
    household(ward, "AG-0003")

    assert listed_codes(client, ward_officer, group=west.pk) == ["AG-0002"]


def test_it_ignores_a_residential_group_of_another_ward(client, ward_officer, ward, other_ward):
    theirs = ResidentialGroupFactory(parent=other_ward)
    household(ward, "AG-0001")
    household(other_ward, "BD-0001", residential_group=theirs)

    assert listed_codes(client, ward_officer, group=theirs.pk) == ["AG-0001"]


@pytest.fixture
def classified(ward):
    """AG-1 poor in 2025; AG-2 near-poor in 2025; AG-3 poor in 2024, near-poor in 2025."""
    one, two, three = (household(ward, f"AG-{n}") for n in (1, 2, 3))
    HouseholdStatusFactory(household=one, year=2025, classification="poor")
    HouseholdStatusFactory(household=two, year=2025, classification="near_poor")
    HouseholdStatusFactory(household=three, year=2024, classification="poor")
    HouseholdStatusFactory(household=three, year=2025, classification="near_poor")
    household(ward, "AG-4")  # never classified


def test_it_filters_by_the_latest_classification(client, ward_officer, classified):
    assert listed_codes(client, ward_officer, classification="poor") == ["AG-1"]
    assert listed_codes(client, ward_officer, classification="near_poor") == ["AG-2", "AG-3"]


def test_it_filters_by_the_classification_of_a_given_year(client, ward_officer, classified):
    assert listed_codes(client, ward_officer, classification="poor", year=2024) == ["AG-3"]
    assert listed_codes(client, ward_officer, classification="poor", year=2025) == ["AG-1"]
    assert listed_codes(client, ward_officer, classification="near_poor", year=2023) == []


def test_it_shows_the_status_of_the_year_asked_for(client, ward_officer, classified):
    client.force_login(ward_officer)
    response = client.get(LIST, {"year": 2024})

    shown = {
        h.code: (h.status_year, h.status_classification)
        for h in response.context["page"].object_list
    }
    assert shown["AG-3"] == (2024, "poor")
    assert shown["AG-1"] == (None, None)


# Query counts


def ward_with_households(ward, n: int) -> None:
    group = ResidentialGroupFactory(parent=ward)
    for i in range(n):
        h = HouseholdFactory(ward=ward, residential_group=group)
        PersonFactory(household=h)
        PersonFactory(household=h, sex="female", relation_to_head="spouse")
        PersonFactory(household=h, relation_to_head="child")
        HouseholdStatusFactory(household=h, year=2024, classification="poor")
        HouseholdStatusFactory(household=h, year=2025, classification="near_poor")
        h.address = f"{i} Trần Hưng Đạo"
        h.save()  # a history row more


@pytest.mark.parametrize("n", [3, 15])
def test_it_lists_in_a_fixed_number_of_queries(
    client, ward_officer, ward, n, django_assert_max_num_queries
):
    ward_with_households(ward, n)
    client.force_login(ward_officer)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(LIST)

    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [3, 15])
def test_it_lists_an_approvers_filtered_search_in_a_fixed_number_of_queries(
    client, approver, ward, other_ward, n, django_assert_max_num_queries
):
    ward_with_households(ward, n)
    ward_with_households(other_ward, n)
    client.force_login(approver)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(LIST, {"q": "tran van", "classification": "near_poor"})

    assert len(response.context["page"].object_list) == min(2 * n, 25)


def test_an_invalid_filter_is_reported_and_the_valid_ones_still_apply(client, ward_officer, thang):
    client.force_login(ward_officer)
    response = client.get(LIST, {"q": "nguyen duc", "year": "1999"})

    assert [h.code for h in response.context["page"].object_list] == ["AG-0042"]
    assert "year" in response.context["form"].errors


def test_a_search_pages_by_looking_ahead_instead_of_counting(client, ward_officer, ward, settings):
    settings.HOUSEHOLDS_PAGE_SIZE = 2
    for n in range(3):
        household(ward, f"AG-01{n}", head=f"Nguyễn Văn Hùng {n}")
    client.force_login(ward_officer)

    first = client.get(LIST, {"q": "hung"})
    second = client.get(LIST, {"q": "hung", "page": 2})

    assert first.context["page"].has_next and "Kết quả 1–2" in first.text
    assert not second.context["page"].has_next and "Kết quả 3–3" in second.text
    assert [h.code for h in second.context["page"].object_list] == ["AG-012"]


def test_an_approver_picks_groups_after_choosing_a_ward(client, approver, ward, other_ward):
    ResidentialGroupFactory(parent=ward, name="Đông An")
    ResidentialGroupFactory(parent=other_ward, name="Bình Khánh")
    client.force_login(approver)

    assert response_groups(client.get(LIST)) == []
    assert response_groups(client.get(LIST, {"ward": ward.pk})) == ["Đông An"]


def response_groups(response) -> list[str]:
    return [g.name for g in response.context["form"].fields["group"].queryset]


def test_a_search_hit_shows_the_member_it_matched(client, ward_officer, thang):
    wife = thang.members.get(full_name="Lê Thị Hoa")
    client.force_login(ward_officer)

    by_name = client.get(LIST, {"q": "le thi hoa"}).text
    by_head = client.get(LIST, {"q": "nguyen duc thang"}).text

    assert f"Khớp với Lê Thị Hoa (Vợ/chồng, sinh {wife.birth_date.year})" in by_name
    assert "Khớp với" not in by_head


def test_a_search_by_a_members_national_id_shows_that_member(client, ward_officer, thang):
    PersonFactory(
        household=thang,
        full_name="Nguyễn Văn Bé",
        relation_to_head="child",
        national_id="089020001111",
    )
    client.force_login(ward_officer)

    page = client.get(LIST, {"q": "089020001111"}).text

    assert "Khớp với Nguyễn Văn Bé (Con" in page and "Lê Thị Hoa" not in page


NO_ROLE = "Tài khoản của bạn chưa được giao vai trò ở xã, phường nào: hãy liên hệ quản trị viên."


def test_a_user_without_a_role_is_told_why_the_list_is_empty(client, ward_officer):
    client.force_login(UserFactory(username="moi"))

    home = client.get(reverse("home"), follow=True)

    assert NO_ROLE in home.text and NO_ROLE in client.get(LIST).text
    client.force_login(ward_officer)
    assert NO_ROLE not in client.get(LIST).text
