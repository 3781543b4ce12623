"""A national ID typed in full-width or Arabic-Indic digits is the same number as the ASCII
one: stored, compared and searched as ASCII digits; the rows stored before are rewritten by
migration 0015, which records (never merges) two persons found to share a number."""

import importlib
from datetime import date

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Case
from households.models import Household, IdentityClash, Person
from households.queries import search_q
from households.rules import normal_national_id

from ..factories import HouseholdFactory, PersonFactory
from ..imports.sheets import person as sheet_person
from ..imports.test_parsing import parse
from .posts import CREATE, form_data, member
from .register import HEAD_ID

FULL_WIDTH = HEAD_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ARABIC_INDIC = HEAD_ID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
migration = importlib.import_module("households.migrations.0015_identity_clash")


def test_digits_of_other_scripts_are_the_ascii_number():
    assert normal_national_id(FULL_WIDTH) == normal_national_id(ARABIC_INDIC) == HEAD_ID
    assert normal_national_id("089 080.111-222") == "089080111222"


def test_the_household_form_stores_a_full_width_id_in_ascii(client, officer, ward):
    client.post(CREATE, form_data(ward, [member(national_id=FULL_WIDTH)]))

    assert Person.objects.get().national_id == HEAD_ID


def test_the_household_form_refuses_a_full_width_id_of_someone_registered(client, officer, ward):
    PersonFactory(household=HouseholdFactory(ward=ward, code="CU-001"), national_id=HEAD_ID)

    response = client.post(CREATE, form_data(ward, [member(national_id=ARABIC_INDIC)]))

    assert response.status_code == 200
    assert f"Số định danh {HEAD_ID} đã thuộc một người ở hộ khác" in response.text
    assert Person.objects.count() == 1


def test_a_superscript_id_is_refused_in_vietnamese(client, officer, ward):
    response = client.post(CREATE, form_data(ward, [member(national_id="²" * 12)]))

    assert response.status_code == 200
    assert "Số định danh chỉ gồm chữ số." in response.text
    assert not Person.objects.exists()


def test_a_case_opened_with_a_full_width_id_meets_the_persons_open_case(
    client, officer, ward, ward_officer
):
    elder = PersonFactory(
        household=HouseholdFactory(ward=ward), birth_date=date(1944, 3, 10), national_id=HEAD_ID
    )
    Case.objects.create(
        person=elder,
        ward=ward,
        status="active",
        benefit="allowance",
        group="K5",
        applied_on=date(2025, 1, 5),
    )
    today = timezone.localdate()

    response = client.post(
        reverse("beneficiaries:create"),
        {
            "national_id": FULL_WIDTH,
            "benefit": "allowance",
            "group": "K5",
            "flags": ["no_supporter"],
            "children_raised": "0",
            "pension_amount": "0",
            "applied_on": f"{today:%d/%m/%Y}",
        },
    )

    assert response.status_code == 400
    assert "mỗi người chỉ một hồ sơ" in response.text
    assert Case.objects.count() == 1


def test_the_search_box_finds_the_ascii_number_typed_in_full_width(ward):
    person = PersonFactory(household=HouseholdFactory(ward=ward), national_id=HEAD_ID)

    found = Household.objects.filter(search_q(FULL_WIDTH))

    assert list(found) == [person.household]


def test_the_migration_rewrites_ids_and_records_a_clash_without_merging(ward):
    kept = PersonFactory(household=HouseholdFactory(ward=ward), national_id=HEAD_ID)
    twin = PersonFactory(household=HouseholdFactory(ward=ward), national_id=FULL_WIDTH)
    spaced = PersonFactory(household=HouseholdFactory(ward=ward), national_id="０８９ ０８０")
    legacy = PersonFactory(
        household=HouseholdFactory(ward=ward), national_id="", legacy_id="٣٦١٢٣٤٥٦٧"
    )

    migration.normalise_ids(apps, None)

    for person in (kept, twin, spaced, legacy):
        person.refresh_from_db()
    assert (kept.national_id, twin.national_id) == (HEAD_ID, "")
    assert (spaced.national_id, legacy.legacy_id) == ("089080", "361234567")
    clash = IdentityClash.objects.get()
    assert (clash.person, clash.other, clash.national_id) == (twin, kept, HEAD_ID)
    assert clash.resolved_on is None
    assert Person.objects.count() == 4  # nobody merged or deleted


def test_an_imported_list_reads_a_full_width_id_as_the_ascii_number():
    row = sheet_person("LX-001", "Đặng Công Tâm", "Chủ hộ", "17/05/1980", "Nam", FULL_WIDTH)
    parsed = parse([row])

    assert parsed.households["LX-001"].persons[0].national_id == HEAD_ID
