"""households.services.memberships_sync: the edit form (household_save) and the imports
correct Person rows, and the dated memberships follow without rewriting anyone's past."""

from datetime import date, timedelta

from django.utils import timezone

from households.models import Joined, Left, Membership, Person
from households.services import (
    Event,
    household_move_out,
    memberships_sync,
)

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from .family import DAY, family, heads, roster
from .register import HEAD_ID, create, member, spouse_member, update


def memberships(household) -> list[tuple]:
    rows = Membership.objects.filter(household=household).order_by("person_id", "started_on")
    return list(rows.values_list("person__full_name", "relation_to_head", "started_on", "ended_on"))


def test_a_new_households_members_count_from_today(ward_officer, ward):
    today = timezone.localdate()

    household = create(ward_officer, ward)

    assert memberships(household) == [
        ("Nguyễn Đức Thắng", "head", today, None),
        ("Trần Thị Mai", "spouse", today, None),
    ]
    assert set(Membership.objects.values_list("join_reason", "created_by")) == {
        (Joined.REGISTERED, ward_officer.pk)
    }


def test_members_first_entered_count_from_the_households_first_status(ward_officer, ward):
    household = HouseholdFactory(ward=ward, code="AG-001", version=1)
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    HouseholdStatusFactory(household=household, year=2025, classification="near_poor")

    update(ward_officer, household, members=[member(national_id=HEAD_ID), spouse_member()])

    assert memberships(household) == [
        ("Nguyễn Đức Thắng", "head", date(2024, 1, 1), None),
        ("Trần Thị Mai", "spouse", date(2024, 1, 1), None),
    ]


def test_a_corrected_relation_is_corrected_in_place(ward_officer, ward):
    household = create(ward_officer, ward)
    head, spouse = household.members.order_by("pk")
    before = list(Membership.objects.order_by("pk").values_list("pk", "started_on"))

    update(
        ward_officer,
        household,
        members=[
            member(head.pk, national_id=HEAD_ID),
            spouse_member(spouse.pk, relation_to_head="sibling"),
        ],
    )

    assert list(Membership.objects.order_by("pk").values_list("pk", "started_on")) == before
    assert Membership.objects.get(person=spouse).relation_to_head == "sibling"


def test_a_member_marked_deceased_in_the_form_leaves_that_day(ward_officer, ward):
    household = create(ward_officer, ward)
    head, spouse = household.members.order_by("pk")
    died = timezone.localdate()

    update(
        ward_officer,
        household,
        members=[member(head.pk, national_id=HEAD_ID), spouse_member(spouse.pk, deceased_on=died)],
    )

    m = Membership.objects.get(person=spouse)
    assert (m.ended_on, m.leave_reason) == (died, Left.DIED)
    assert heads(household, died) == ["Nguyễn Đức Thắng"]


def test_swapping_the_head_in_the_form_keeps_one_open_head(ward_officer, ward):
    household = create(ward_officer, ward)
    head, spouse = household.members.order_by("pk")

    update(
        ward_officer,
        household,
        members=[
            member(head.pk, national_id=HEAD_ID, relation_to_head="spouse"),
            spouse_member(spouse.pk, relation_to_head="head"),
        ],
    )

    open_heads = Membership.objects.open().filter(household=household, relation_to_head="head")
    assert list(open_heads.values_list("person__full_name", flat=True)) == ["Trần Thị Mai"]
    assert Membership.objects.filter(household=household).count() == 2


def test_a_person_a_correction_moves_holds_one_membership_on_every_day(ward_officer, ward):
    f = family(ward)
    target = HouseholdFactory(ward=ward, code="AG-500")
    HouseholdStatusFactory(household=target, year=2019, classification="poor")
    today = date(2025, 8, 1)
    Person.objects.filter(pk=f["nam"].pk).update(household=target, relation_to_head="head")

    memberships_sync(user=ward_officer, household_ids=[f["household"].pk, target.pk], today=today)

    ended = Membership.objects.get(household=f["household"], person=f["nam"])
    assert (ended.ended_on, ended.leave_reason) == (today, Left.MOVED_AWAY)
    for day in (date(2019, 6, 1), date(2020, 6, 1), today - timedelta(days=1), today):
        held = Membership.objects.in_force_on(day).filter(person=f["nam"]).count()
        assert held == (0 if day.year == 2019 else 1), day
    assert heads(target, today) == ["Lê Văn Nam"]


def test_editing_a_household_that_moved_away_does_not_bring_its_members_back(ward_officer, ward):
    f = family(ward)
    household_move_out(Event(ward_officer, DAY), household=f["household"], to_ward=None)
    Person.objects.filter(household=f["household"]).update(moved_out_on=None)

    memberships_sync(user=ward_officer, household_ids=[f["household"].pk], today=date(2025, 8, 1))

    assert roster(f["household"], date(2025, 8, 1)) == {}
    assert Membership.objects.open().count() == 0


def test_a_person_already_gone_is_left_alone(ward_officer, ward):
    household = HouseholdFactory(ward=ward)
    PersonFactory(household=household, deceased_on=date(2024, 3, 1))
    before = memberships(household)

    memberships_sync(user=ward_officer, household_ids=[household.pk], today=date(2025, 8, 1))

    assert memberships(household) == before
