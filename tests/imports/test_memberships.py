"""An imported list writes the dated member lists: the new members count from the list's
year, a re-import adds none, and a person the list moves leaves the old household."""

from datetime import date, timedelta

from django.utils import timezone

from households.models import Household, Membership, Person
from households.queries.on_day import members_on

from .jobs import DECISION, import_list
from .sheets import family, two_families


def test_a_new_households_members_count_from_1_january_of_the_lists_year(
    ward_officer, ward, dong_an
):
    import_list(ward_officer, ward, two_families(), **DECISION)

    household = Household.objects.get(code="LX-001")
    on_new_year = [
        (m.person.full_name, m.relation_to_head) for m in members_on(household, date(2025, 1, 1))
    ]
    assert on_new_year == [
        ("Nguyễn Văn An 1", "head"),
        ("Trần Thị Bình 1", "spouse"),
        ("Nguyễn Văn Cường 1", "child"),
    ]
    assert not members_on(household, date(2024, 12, 31)).exists()
    assert Membership.objects.open().count() == Person.objects.count() == 6


def test_importing_again_adds_no_membership(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, two_families(), **DECISION)
    before = list(Membership.objects.order_by("pk").values())

    import_list(ward_officer, ward, two_families(), **DECISION)

    assert list(Membership.objects.order_by("pk").values()) == before


def test_a_member_the_list_moves_leaves_the_old_household_today(ward_officer, ward, dong_an):
    import_list(ward_officer, ward, two_families(), **DECISION)
    people = two_families()
    # The first family's wife (found by her national ID) now lives in LX-002.
    wife = {**people[1], "Mã hộ": "LX-002", "Quan hệ với chủ hộ": "Khác"}
    import_list(ward_officer, ward, [people[0], people[2], *family("LX-002", 2), wife], **DECISION)

    today = timezone.localdate()
    moved = Person.objects.get(full_name="Trần Thị Bình 1")
    old, new = Household.objects.get(code="LX-001"), Household.objects.get(code="LX-002")
    assert moved.household == new
    assert [m.household for m in moved.memberships.order_by("started_on", "pk")] == [old, new]
    assert moved in {m.person for m in members_on(old, today - timedelta(days=1))}
    assert moved not in {m.person for m in members_on(old, today)}
    assert moved in {m.person for m in members_on(new, today)}
