from django.contrib.auth.models import AnonymousUser

from areas.models import Area, Role
from areas.scope import can_write_ward, ward_ids, ward_q
from households.models import Household, Person

from ..factories import (
    HouseholdFactory,
    PersonFactory,
    ResidentialGroupFactory,
    RoleFactory,
    UserFactory,
)


def visible_households(user, *, write=False):
    return set(Household.objects.filter(ward_q(user, write=write)))


def test_it_limits_a_ward_officer_to_own_ward(ward_officer, ward, other_ward, far_ward):
    mine = HouseholdFactory(ward=ward)
    HouseholdFactory(ward=other_ward)
    HouseholdFactory(ward=far_ward)

    assert ward_ids(ward_officer) == {ward.pk}
    assert ward_ids(ward_officer, write=True) == {ward.pk}
    assert visible_households(ward_officer) == {mine}
    assert visible_households(ward_officer, write=True) == {mine}


def test_it_hides_households_of_other_wards_through_a_related_lookup(
    ward_officer, ward, other_ward
):
    mine = PersonFactory(household=HouseholdFactory(ward=ward))
    PersonFactory(household=HouseholdFactory(ward=other_ward))

    people = Person.objects.filter(ward_q(ward_officer, "household__ward_id"))

    assert list(people) == [mine]


def test_it_gives_an_approver_both_wards_of_the_province_and_not_far_ward(
    approver, ward, other_ward, far_ward
):
    here, there = HouseholdFactory(ward=ward), HouseholdFactory(ward=other_ward)
    HouseholdFactory(ward=far_ward)

    assert ward_ids(approver) == {ward.pk, other_ward.pk}
    assert visible_households(approver) == {here, there}


def test_it_covers_only_wards_not_the_province_or_residential_groups(approver, province, ward):
    ResidentialGroupFactory(parent=ward)

    assert province.pk not in ward_ids(approver)
    levels = Area.objects.filter(pk__in=ward_ids(approver)).values_list("level", flat=True)
    assert set(levels) == {"ward"}


def test_it_gives_an_approver_an_empty_write_scope(approver, ward, other_ward):
    HouseholdFactory(ward=ward)

    assert ward_ids(approver) == {ward.pk, other_ward.pk}  # read first: the cache is per mode
    assert ward_ids(approver, write=True) == frozenset()
    assert visible_households(approver, write=True) == set()
    assert not can_write_ward(approver, ward.pk)


def test_it_lets_an_administrator_role_write_every_ward_below_it(province, ward, other_ward):
    admin = RoleFactory(area=province, role=Role.ADMINISTRATOR).user

    assert ward_ids(admin, write=True) == {ward.pk, other_ward.pk}
    assert can_write_ward(admin, other_ward.pk)


def test_it_shows_nothing_to_anonymous_users(ward):
    HouseholdFactory(ward=ward)

    assert ward_ids(AnonymousUser()) == frozenset()
    assert visible_households(AnonymousUser()) == set()
    assert not can_write_ward(AnonymousUser(), ward.pk)


def test_it_shows_nothing_to_inactive_users(ward_officer, ward):
    HouseholdFactory(ward=ward)
    ward_officer.is_active = False
    ward_officer.save(update_fields=["is_active"])

    assert ward_ids(ward_officer) == frozenset()
    assert visible_households(ward_officer) == set()


def test_it_shows_nothing_to_a_user_without_roles(ward):
    HouseholdFactory(ward=ward)
    nobody = UserFactory()

    assert ward_ids(nobody) == frozenset()
    assert visible_households(nobody) == set()


def test_it_leaves_a_superuser_unrestricted(ward, far_ward):
    everywhere = {HouseholdFactory(ward=ward), HouseholdFactory(ward=far_ward)}
    root = UserFactory(is_superuser=True)  # holds no role at all

    assert ward_ids(root) is None
    assert ward_ids(root, write=True) is None
    assert visible_households(root) == everywhere
    assert visible_households(root, write=True) == everywhere
    assert can_write_ward(root, far_ward.pk)
