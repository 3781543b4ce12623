"""The worklist shows the persons found to share a national ID, with their open cases."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Case
from households.models import IdentityClash, Membership

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


def _clash(ward, *, cases: int):
    kept = PersonFactory(household=HouseholdFactory(ward=ward, code="LX-001"))
    twin = PersonFactory(household=HouseholdFactory(ward=ward, code="LX-002"), national_id="")
    for person in (kept, twin)[:cases]:
        Case.objects.create(
            person=person,
            ward=ward,
            status="active",
            benefit="allowance",
            group="K5",
            applied_on=date(2025, 1, 5),
        )
    return IdentityClash.objects.create(
        person=twin, other=kept, national_id=kept.national_id, found_on=date(2026, 1, 1)
    )


def _resolve(client, clash, resolution, note="Đối chiếu CCCD bản gốc tại nhà"):
    url = reverse("beneficiaries:clash_resolve", args=[clash.pk])
    return client.post(url, {"resolution": resolution, "note": note}, follow=True)


def test_one_person_twice_is_refused_while_both_records_have_an_open_case(
    client, ward_officer, ward
):
    clash = _clash(ward, cases=2)
    client.force_login(ward_officer)

    page = _resolve(client, clash, "same").text

    assert "Cả hai người đều còn hồ sơ trợ cấp đang mở" in page
    clash.refresh_from_db()
    assert clash.resolved_on is None


def test_one_person_twice_is_refused_while_both_records_are_members(client, ward_officer, ward):
    clash = _clash(ward, cases=1)
    client.force_login(ward_officer)

    refused = _resolve(client, clash, "same").text
    Membership.objects.filter(person=clash.person).update(ended_on=date(2026, 1, 3))
    done = _resolve(client, clash, "same").text

    assert "Cả hai bản ghi vẫn là thành viên hộ" in refused
    assert "Đã ghi kết luận về số định danh" in done
    clash.refresh_from_db()
    assert (clash.resolution, clash.resolved_by) == ("same", ward_officer)
    assert clash.resolution_note == "Đối chiếu CCCD bản gốc tại nhà"
    assert 'id="identity-clashes"' not in done


def test_two_people_needs_the_blanked_number_typed_again(client, ward_officer, ward):
    clash = _clash(ward, cases=0)
    client.force_login(ward_officer)

    refused = _resolve(client, clash, "different").text
    clash.person.national_id = "089035000777"
    clash.person.save(update_fields=["national_id"])
    _resolve(client, clash, "different")
    again = _resolve(client, clash, "different").text

    assert "chưa có số định danh" in refused
    clash.refresh_from_db()
    assert clash.resolution == "different" and clash.resolved_on is not None
    assert "Trùng số này đã được xử lý" in again


def test_a_conclusion_needs_its_reason_and_another_ward_cannot_give_one(
    client, ward_officer, ward, other_ward_officer
):
    clash = _clash(ward, cases=0)
    client.force_login(ward_officer)
    unexplained = _resolve(client, clash, "same", note="").text
    client.force_login(other_ward_officer)
    foreign = client.post(
        reverse("beneficiaries:clash_resolve", args=[clash.pk]),
        {"resolution": "same", "note": "x"},
    )

    assert "Chưa ghi được kết luận" in unexplained
    assert foreign.status_code == 404
    clash.refresh_from_db()
    assert clash.resolved_on is None
