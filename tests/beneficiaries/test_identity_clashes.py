"""The worklist shows the persons found to share a national ID, with their open cases."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Case
from households.models import IdentityClash

from ..factories import HouseholdFactory, PersonFactory


def test_the_worklist_lists_each_clash_with_both_persons_open_cases(
    client, ward_officer, ward, other_ward_officer
):
    kept = PersonFactory(
        household=HouseholdFactory(ward=ward, code="LX-001"), full_name="Lê Văn Ba"
    )
    twin = PersonFactory(
        household=HouseholdFactory(ward=ward, code="LX-002"), full_name="Lê Văn Ba", national_id=""
    )
    for person in (kept, twin):
        Case.objects.create(
            person=person,
            ward=ward,
            status="active",
            benefit="allowance",
            group="K5",
            applied_on=date(2025, 1, 5),
        )
    IdentityClash.objects.create(
        person=twin, other=kept, national_id=kept.national_id, found_on=timezone.localdate()
    )
    client.force_login(ward_officer)

    page = client.get(reverse("beneficiaries:worklists")).text
    client.force_login(other_ward_officer)
    other = client.get(reverse("beneficiaries:worklists")).text

    assert 'id="identity-clashes"' in page and kept.national_id in page
    assert "LX-001" in page and "LX-002" in page
    for case in Case.objects.all():  # both open cases, each beside its person's name
        assert reverse("beneficiaries:detail", args=[case.pk]) in page
    assert page.count("(Lê Văn Ba)") == 2
    assert kept.national_id not in other


def test_a_resolved_clash_leaves_the_worklist(client, ward_officer, ward):
    kept = PersonFactory(household=HouseholdFactory(ward=ward))
    twin = PersonFactory(household=HouseholdFactory(ward=ward), national_id="")
    IdentityClash.objects.create(
        person=twin,
        other=kept,
        national_id=kept.national_id,
        found_on=date(2026, 1, 1),
        resolved_on=date(2026, 1, 2),
    )
    client.force_login(ward_officer)

    assert 'id="identity-clashes"' not in client.get(reverse("beneficiaries:worklists")).text
