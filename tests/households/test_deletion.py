"""Deletion is only for mistakes: refused, with the reason and the event to record instead,
once anything decided, reported, paid or imported refers to a household or a person."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from households.models import Household, HouseholdStatus, Joined, Membership, Person
from households.services import (
    Event,
    RegisterError,
    household_delete,
    household_deletion_refusal,
    member_join,
    person_deletion_refusal,
)
from reviews.models import ReviewKind
from reviews.services import review_round_open

from ..beneficiaries.cases import case
from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from ..imports.jobs import import_list
from ..imports.sheets import HEADER, census, family, xlsx
from .posts import SPOUSE, member, update_data, url

HOUSEHOLD_EVENTS = ("đóng sổ / giải thể hộ", "cả hộ chuyển đi")
PERSON_EVENT = "ghi người này ra khỏi hộ (chuyển đi, qua đời)"


def refused(household: Household, **kwargs) -> str:
    """The message household_delete refuses with; the household is still all there."""
    people = set(household.members.values_list("pk", flat=True))
    with pytest.raises(RegisterError) as refusal:
        household_delete(user=kwargs.pop("user"), household=household, **kwargs)
    assert Household.objects.filter(pk=household.pk).exists()
    assert set(Person.objects.filter(household=household).values_list("pk", flat=True)) == people
    return str(refusal.value)


def test_a_household_typed_in_by_mistake_today_is_deleted_with_its_memberships(
    ward_officer, household
):
    people = list(household.members.values_list("pk", flat=True))
    HouseholdStatusFactory(household=household, year=2026, valid_from=timezone.localdate())

    household_delete(user=ward_officer, household=household)

    assert not Household.objects.filter(pk=household.pk).exists()
    assert not Person.objects.filter(pk__in=people).exists()
    assert not Membership.objects.filter(person_id__in=people).exists()
    assert not HouseholdStatus.objects.filter(household_id=household.pk).exists()


def test_a_status_with_a_decision_number_forbids_deleting(ward_officer, household):
    HouseholdStatusFactory(
        household=household,
        year=2027,
        valid_from=timezone.localdate(),
        decision_number="25/QĐ-UBND",
    )

    message = refused(household, user=ward_officer)

    assert message.startswith("Không thể xoá hộ AG-001: phân loại hộ đã có quyết định")
    assert "quyết định số 25/QĐ-UBND" in message
    assert all(event in message for event in HOUSEHOLD_EVENTS)


def test_a_status_decided_by_a_review_round_forbids_deleting(ward_officer, ward, household):
    review = review_round_open(
        user=ward_officer, ward=ward, kind=ReviewKind.MONTHLY, year=2026, month=12
    )
    HouseholdStatusFactory(
        household=household, year=2026, valid_from=timezone.localdate(), review_round=review
    )

    message = refused(household, user=ward_officer)

    assert "Rà soát thường xuyên tháng 12/2026" in message


def test_a_status_in_force_before_today_forbids_deleting(ward_officer, household):
    HouseholdStatusFactory(household=household, year=2025, classification="poor")

    message = refused(household, user=ward_officer, today=date(2026, 3, 1))

    assert "phân loại hộ đã áp dụng trước hôm nay" in message
    assert "năm 2025 từ ngày 01/01/2025" in message
    # The same status, typed in on its first day by mistake, may still be deleted that day.
    assert household_deletion_refusal(household, today=date(2025, 1, 1)) is None


def test_a_members_case_is_named_instead_of_a_server_error(ward_officer, ward, household):
    spouse = household.members.get(relation_to_head="spouse")
    case(ward, person=spouse)

    message = refused(household, user=ward_officer)

    assert "có hồ sơ trợ giúp xã hội: Trần Thị Mai" in message


def test_a_household_on_a_review_rounds_list_cannot_be_deleted(ward_officer, ward):
    household = HouseholdFactory(ward=ward, code="AG-002")
    PersonFactory(household=household, member_since=timezone.localdate())
    HouseholdStatusFactory(
        household=household, year=2026, valid_from=timezone.localdate(), classification="poor"
    )
    review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=timezone.localdate(),
    )

    message = refused(household, user=ward_officer)

    assert "có hộ trong đợt rà soát: Rà soát định kỳ năm 2026: AG-002" in message


def test_a_household_an_import_wrote_is_not_deleted(ward_officer, ward, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    header = [h for h in HEADER if h != "Phân loại hộ"]  # no statuses: only the import refers
    job = import_list(
        ward_officer, ward, xlsx(census(family("LX-001"), header=header)), create_groups=True
    )
    household = Household.objects.get(code="LX-001")
    assert not household.statuses.exists()

    message = refused(household, user=ward_officer)

    assert f"dữ liệu đã được nhập từ danh sách (lần nhập #{job.pk})" in message


def test_people_who_lived_in_another_household_keep_both_households(ward_officer, ward, household):
    other = HouseholdFactory(ward=ward, code="AG-002")
    PersonFactory(household=other, full_name="Lê Văn Tám", relation_to_head="head")
    moving = PersonFactory(household=other, full_name="Lê Thị Chín", relation_to_head="child")
    member_join(
        Event(ward_officer, timezone.localdate()),
        household=household,
        reason=Joined.MARRIAGE,
        relation="child_in_law",
        person=moving,
    )

    here = refused(household, user=ward_officer)
    there = refused(other, user=ward_officer)

    assert "nhân khẩu có tên ở hộ khác: Lê Thị Chín (hộ AG-002, Phường Long Xuyên)" in here
    assert "Lê Thị Chín (hộ AG-001, Phường Long Xuyên)" in there


def test_a_member_counted_in_a_past_status_is_refused_one_typed_in_today_is_not(ward):
    household = HouseholdFactory(ward=ward, code="AG-003")
    head = PersonFactory(household=household, full_name="Phạm Văn Mười")
    HouseholdStatusFactory(household=household, year=2025, classification="near_poor")
    typo = PersonFactory(
        household=household,
        full_name="Phạm Văn Mươi",
        relation_to_head="child",
        member_since=timezone.localdate(),
    )

    refusal = person_deletion_refusal(head)

    assert str(refusal) == (
        "Không thể xoá Phạm Văn Mười: người này có tên trong hộ khi hộ được phân loại "
        f"(năm 2025 từ ngày 01/01/2025). Chỉ xoá được người ghi nhầm: hãy {PERSON_EVENT}."
    )
    assert person_deletion_refusal(typo) is None


def test_the_delete_page_explains_instead_of_offering_the_button(client, officer, ward, household):
    case(ward, person=household.members.get(relation_to_head="spouse"))

    page = client.get(url("delete", household))
    posted = client.post(url("delete", household))

    assert page.status_code == 200
    assert "Không thể xoá hộ AG-001" in page.text
    assert "hồ sơ trợ giúp xã hội: Trần Thị Mai" in page.text
    assert "cả hộ chuyển đi" in page.text
    assert '<button class="danger">' not in page.text
    assert posted.status_code == 400
    assert "Không thể xoá hộ AG-001" in posted.text
    assert Household.objects.filter(pk=household.pk).exists()


def test_the_delete_page_offers_the_button_for_a_mistake(client, officer, household):
    page = client.get(url("delete", household))

    assert '<button class="danger">' in page.text
    assert page.context["refusal"] is None


def test_the_edit_form_refuses_to_delete_a_member_with_a_case_and_writes_nothing(
    client, officer, ward, household
):
    head, spouse = household.members.order_by("pk")
    case(ward, person=spouse)

    response = client.post(
        url("update", household),
        update_data(
            household,
            [member(id=head.pk), member(id=spouse.pk, **SPOUSE, DELETE="on")],
            address="15 Trần Hưng Đạo",
        ),
    )

    assert response.status_code == 200
    assert "Không thể xoá Trần Thị Mai: có hồ sơ trợ giúp xã hội" in response.text
    assert PERSON_EVENT in response.text
    household.refresh_from_db()
    assert (household.address, household.version) == ("12 Lê Lợi", 1)
    assert Person.objects.filter(pk=spouse.pk).exists()


def test_the_edit_form_still_deletes_a_member_typed_in_by_mistake(client, officer, household):
    head, spouse = household.members.order_by("pk")

    response = client.post(
        url("update", household),
        update_data(household, [member(id=head.pk), member(id=spouse.pk, **SPOUSE, DELETE="on")]),
    )

    assert response.status_code == 302
    assert response.url == reverse("households:detail", args=[household.pk])
    assert not Person.objects.filter(pk=spouse.pk).exists()
