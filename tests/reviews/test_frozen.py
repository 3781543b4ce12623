"""A decided round and the movements of its period are frozen: households moved, split,
merged, dissolved or refused deletion afterwards change none of what was decided."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from households.models import Closed, Household, HouseholdStatus, Joined, Left
from households.services import (
    Event,
    RegisterError,
    household_delete,
    household_merge,
    household_move_out,
    household_receive,
    household_split,
    member_join,
    member_leave,
)
from reviews.documents import list_rows
from reviews.models import ReviewKind
from reviews.services import (
    meeting_record,
    posting_record,
    review_request_add,
    review_round_decide,
    review_round_open,
)

from ..factories import HouseholdFactory, HouseholdStatusFactory, PersonFactory
from .documents import assess

DECIDED_ON = date(2026, 10, 20)
START, END = date(2026, 1, 1), date(2026, 10, 31)  # the round's period, decision included
PERIOD = {"start": "01/01/2026", "end": "31/10/2026"}
# Income per person and month (urban, ND 351/2025): poor with three deprivations,
# near-poor, middle income.
POOR, NEAR_POOR, MIDDLE = 1_200_000, 2_000_000, 3_500_000
FAMILIES = [
    # code, classification from 1 January 2026, income assessed, what happens after
    ("LX-01", "poor", POOR),  # the whole household moves to the other ward
    ("LX-02", "near_poor", NEAR_POOR),  # its son splits off
    ("LX-03", "poor", POOR),  # merges into LX-04
    ("LX-04", "near_poor", MIDDLE),  # absorbs LX-03
    ("LX-05", "poor", POOR),  # dissolved: the wife moves away, then the husband dies
    ("LX-06", "near_poor", NEAR_POOR),  # the wife marries into LX-07
    ("LX-07", "none", NEAR_POOR),  # filed Mẫu số 01
    ("LX-08", "poor", MIDDLE),  # someone tries to delete it
]


def family(ward, code: str, classification: str) -> dict:
    """A household of a head, his wife and their son of 20, with cards and schooling."""
    household = HouseholdFactory(ward=ward, code=code, address=f"{code[-2:]} Trần Hưng Đạo")
    people = {}
    for relation, name, born, sex in (
        ("head", f"Nguyễn Văn Chủ {code}", date(1975, 3, 1), "male"),
        ("spouse", f"Trần Thị Vợ {code}", date(1978, 6, 1), "female"),
        ("child", f"Nguyễn Văn Con {code}", date(2006, 1, 9), "male"),
    ):
        people[relation] = PersonFactory(
            household=household,
            full_name=name,
            relation_to_head=relation,
            birth_date=born,
            sex=sex,
            has_health_insurance=True,
            education="upper_secondary",
        )
    HouseholdStatusFactory(household=household, year=2026, classification=classification)
    return {"household": household, **people}


@pytest.fixture
def decided(ward_officer, ward, other_ward):
    """The 2026 annual round of `ward`, assessed, posted and decided on 20/10/2026; the
    other ward holds one near-poor household of its own."""
    families = {code: family(ward, code, c) for code, c, _ in FAMILIES}
    family(other_ward, "BD-00", "near_poor")
    review = review_round_open(
        user=ward_officer,
        ward=ward,
        kind=ReviewKind.ANNUAL,
        year=2026,
        reference_date=date(2026, 9, 1),
    )
    review_request_add(
        user=ward_officer,
        review=review,
        household=families["LX-07"]["household"],
        source="form_01",
        filed_on=date(2026, 9, 5),
    )
    for code, _, income in FAMILIES:
        assess(ward_officer, review, families[code]["household"], income)
    meeting_record(
        user=ward_officer, review=review, held_on=date(2026, 10, 5), attendance=40, agreed=31
    )
    posting_record(
        user=ward_officer,
        review=review,
        posting_from=date(2026, 10, 7),
        posting_to=date(2026, 10, 11),
        place="Nhà văn hóa khóm",
        complaints="",
    )
    review_round_decide(
        user=ward_officer,
        review=review,
        number="25/QĐ-UBND",
        decided_on=DECIDED_ON,
        signer="Nguyễn Văn A",
    )
    review.refresh_from_db()
    return review, families


def snapshot(client, user, review, area) -> dict:
    """What the user reads of the round and of the area's movements over its period."""
    client.force_login(user)
    seen = {}
    if review is not None:
        detail = client.get(reverse("reviews:detail", args=[review.pk]))
        assert detail.status_code == 200
        seen["items"] = [
            (
                i.household.code,
                i.head_name,
                i.get_source_display(),
                i.assessment.classification if i.assessment else None,
            )
            for i in detail.context["items"]
        ]
        seen["results"] = detail.context["results"]
        seen["assessed_members"] = {
            i.household.code: [
                m.name
                for m in client.get(
                    reverse("reviews:assessment", args=[review.pk, i.household_id])
                ).context["members"]
            ]
            for i in detail.context["items"]
        }
        seen["counts"] = [
            (r.pk, r.item_count, r.assessed_count)
            for r in client.get(reverse("reviews:list")).context["rounds"]
        ]
        seen["posting_list"] = [
            (r.code, r.head, r.members, r.current, r.proposed) for r in list_rows(user, review)
        ]
        seen["statuses"] = sorted(
            HouseholdStatus.objects.filter(review_round=review).values_list(
                "household__code", "household__ward_id", "classification", "previous", "movement"
            )
        )
    query = {"area": area.pk, **PERIOD}
    table = client.get(reverse("reviews:movements"), query).context["table"]
    seen["table"] = (table.households, table.rows)
    seen["cells"] = {
        (group, column): drill_down(client, query, group, column)
        for group, row in table.rows.items()
        for column in row
    }
    return seen


def drill_down(client, query: dict, group: str, column: str) -> list[str]:
    page = client.get(
        reverse("reviews:movement_households"), {**query, "group": group, "column": column}
    ).context["page"]
    return [h.code for h in page.object_list]


def after_the_decision(ward_officer, other_ward_officer, other_ward, families):
    """Every event, dated after the decision, that a household of the round can meet."""
    on = DECIDED_ON + timedelta(days=16)  # 05/11/2026
    moved = families["LX-01"]["household"]
    household_move_out(Event(ward_officer, on), household=moved, to_ward=other_ward)
    household_receive(
        Event(other_ward_officer, on + timedelta(days=4)),
        household=moved,
        ward=other_ward,
        code="BD-01",
    )
    split = families["LX-02"]
    household_split(
        Event(ward_officer, on + timedelta(days=5)),
        household=split["household"],
        relations={split["child"].pk: "head"},
        code="LX-20",
    )
    merged = families["LX-03"]
    household_merge(
        Event(ward_officer, on + timedelta(days=7)),
        household=families["LX-04"]["household"],
        other=merged["household"],
        relations={merged[r].pk: "other" for r in ("head", "spouse", "child")},
    )
    gone = families["LX-05"]
    for n, (relation, reason) in enumerate(
        (("child", Left.MOVED_AWAY), ("spouse", Left.MOVED_AWAY), ("head", Left.DIED))
    ):
        member_leave(
            Event(ward_officer, on + timedelta(days=10 + n)), person=gone[relation], reason=reason
        )
    member_join(
        Event(ward_officer, on + timedelta(days=13)),
        household=families["LX-07"]["household"],
        reason=Joined.MARRIAGE,
        relation="child_in_law",
        person=families["LX-06"]["spouse"],
    )


def test_a_decided_round_and_its_movements_do_not_change_when_households_do(
    client, ward_officer, other_ward_officer, approver, ward, other_ward, province, decided
):
    review, families = decided
    before = {
        "ward": snapshot(client, ward_officer, review, ward),
        "other_ward": snapshot(client, other_ward_officer, None, other_ward),
        "province": snapshot(client, approver, review, province),
    }

    assert before["ward"]["table"][0] == 8
    assert before["ward"]["cells"][("poor", "at_end")] == ["LX-01", "LX-03", "LX-05"]
    assert before["other_ward"]["cells"][("near_poor", "at_end")] == ["BD-00"]
    assert {head for _, head, _, _ in before["ward"]["items"]} == {
        f"Nguyễn Văn Chủ LX-0{n}" for n in range(1, 9)
    }

    after_the_decision(ward_officer, other_ward_officer, other_ward, families)
    with pytest.raises(RegisterError, match="quyết định số 25/QĐ-UBND"):
        household_delete(user=ward_officer, household=families["LX-08"]["household"])

    after = {
        "ward": snapshot(client, ward_officer, review, ward),
        "other_ward": snapshot(client, other_ward_officer, None, other_ward),
        "province": snapshot(client, approver, review, province),
    }
    for reader in before:
        for what in before[reader]:
            assert after[reader][what] == before[reader][what], (reader, what)


def test_the_events_happened_and_show_in_the_period_after_the_decision(
    client, ward_officer, other_ward_officer, ward, other_ward, decided
):
    review, families = decided

    after_the_decision(ward_officer, other_ward_officer, other_ward, families)

    closed = Household.objects.filter(ward=ward, code__in=["LX-01", "LX-03", "LX-05"])
    assert list(closed.order_by("code").values_list("closed_reason", flat=True)) == [
        Closed.MOVED,
        Closed.MERGED,
        Closed.DISSOLVED,
    ]
    client.force_login(ward_officer)
    later = {"area": ward.pk, "start": "01/01/2026", "end": "30/11/2026"}
    assert "LX-01" in drill_down(client, later, "poor", "moved_away")
    assert "LX-01" not in drill_down(client, {"area": ward.pk, **PERIOD}, "poor", "moved_away")
    client.force_login(other_ward_officer)
    there = {"area": other_ward.pk, "start": "01/01/2026", "end": "30/11/2026"}
    assert "BD-01" in drill_down(client, there, "poor", "at_end")
    assert "BD-01" not in drill_down(client, {"area": other_ward.pk, **PERIOD}, "poor", "at_end")


def test_the_receiving_ward_holds_none_of_the_old_wards_decided_statuses(
    ward_officer, other_ward_officer, ward, other_ward, decided
):
    review, families = decided

    after_the_decision(ward_officer, other_ward_officer, other_ward, families)

    received = HouseholdStatus.objects.filter(household__code="BD-01")
    assert list(received.values_list("classification", "movement", "review_round")) == [
        ("poor", "moved_in", None)
    ]
    assert set(
        HouseholdStatus.objects.filter(review_round=review).values_list(
            "household__ward", flat=True
        )
    ) == {ward.pk}
