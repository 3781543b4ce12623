"""The `any` lookup answers as `in` does; kept policy rows are read again after an edit."""

from datetime import date

import pytest

from beneficiaries.models import StandardLevel
from beneficiaries.queries import rule_data
from households.models import Person
from tests.factories import PersonFactory
from ui.kept import Kept

pytestmark = pytest.mark.django_db


def test_any_finds_what_in_finds_from_a_set_a_list_or_a_subquery():
    people = PersonFactory.create_batch(4)
    wanted = {people[0].pk, people[2].pk}
    by_in = set(Person.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert by_in == wanted
    assert set(Person.objects.filter(pk__any=wanted).values_list("pk", flat=True)) == by_in
    assert Person.objects.filter(pk__any=[people[1].pk, None]).get() == people[1]
    subquery = Person.objects.filter(pk__in=wanted).values("pk")
    assert set(Person.objects.filter(pk__any=subquery).values_list("pk", flat=True)) == wanted
    assert Person.objects.filter(household__any={people[3].household_id}).get() == people[3]


def test_any_of_nothing_finds_nothing_and_its_negation_everything():
    PersonFactory.create_batch(2)
    assert not Person.objects.filter(pk__any=set()).exists()
    assert Person.objects.exclude(pk__any=set()).count() == 2


def test_kept_rows_are_made_again_once_a_row_changes_or_goes():
    made = []
    kept = Kept(StandardLevel)

    def make():
        made.append(1)
        return sorted(StandardLevel.objects.values_list("amount", flat=True))

    first = kept.get("all", make)
    assert kept.get("all", make) is first and len(made) == 1
    level = StandardLevel.objects.create(amount=999_000, valid_from=date(2030, 1, 1))
    assert 999_000 in kept.get("all", make) and len(made) == 2
    level.delete()
    assert 999_000 not in kept.get("all", make) and len(made) == 3


def test_a_standard_level_edited_is_what_the_next_rule_data_reads(province):
    before = rule_data(province.pk)
    assert rule_data(province.pk) is before  # kept: nothing changed
    level = StandardLevel.objects.filter(active=True).order_by("-valid_from").first()
    level.amount += 1
    level.save()
    after = rule_data(province.pk)
    assert after is not before
    assert level.amount in {r.amount for r in after.standard_levels}
