"""households.services.person_record_death, which beneficiaries calls when a death is
reported on the case page: the register owns the write and keeps it in its history."""

from datetime import date

import pytest

from households.services import RegisterError, person_record_death

from ..factories import HouseholdFactory, PersonFactory


def test_it_records_the_day_of_death_in_the_register_and_its_history(ward_officer, ward):
    person = PersonFactory(household=HouseholdFactory(ward=ward), birth_date=date(1940, 1, 1))

    person_record_death(user=ward_officer, person=person, died_on=date(2025, 8, 14))

    person.refresh_from_db()
    assert person.deceased_on == date(2025, 8, 14)
    latest = person.history.latest()
    assert (latest.history_type, latest.deceased_on) == ("~", date(2025, 8, 14))
    assert latest.history_user == ward_officer


def test_it_refuses_an_officer_of_another_ward(other_ward_officer, ward):
    person = PersonFactory(household=HouseholdFactory(ward=ward))

    with pytest.raises(RegisterError):
        person_record_death(user=other_ward_officer, person=person, died_on=date(2025, 8, 14))

    person.refresh_from_db()
    assert person.deceased_on is None
