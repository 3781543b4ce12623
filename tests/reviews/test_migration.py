"""A database filled before the review had an app of its own migrates forward losing nothing."""

import importlib
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The last migration before the review left households (households 0010, reviews 0001).
LAST_OLD = ("households", "0009_person_worklist_indexes")


def _migrate(targets, state_at):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(state_at).apps


def _fill(apps) -> dict:
    """A ward with a household, its member and status, a decided round with an assessment,
    and the member's case: one of everything the move must keep."""
    area = apps.get_model("areas", "Area")
    user = apps.get_model("auth", "User").objects.create(username="migrated")
    province = area.objects.create(
        code="99", name="Tỉnh Cũ", level="province", kind="province", path="99"
    )
    ward = area.objects.create(
        code="99001",
        name="Phường Cũ",
        level="ward",
        kind="urban_ward",
        parent=province,
        path="99/99001",
    )
    household = apps.get_model("households", "Household").objects.create(ward=ward, code="CU-001")
    person = apps.get_model("households", "Person").objects.create(
        household=household,
        full_name="Trần Văn Cũ",
        search_name="tran van cu",
        sex="male",
        relation_to_head="head",
        birth_date=date(1950, 3, 1),
    )
    # Earlier transactional tests may have emptied the seeded standards: seed them as 0007 did.
    importlib.import_module("households.migrations.0007_seed_poverty_standards").seed(apps, None)
    standard = apps.get_model("households", "PovertyStandard").objects.get(code="ND07-2021")
    review = apps.get_model("households", "ReviewRound").objects.create(
        ward=ward,
        kind="annual_review",
        year=2025,
        result_year=2026,
        standard=standard,
        reference_date=date(2025, 9, 1),
        stage="decided",
        decision_number="12/QĐ-UBND",
        created_by=user,
    )
    apps.get_model("households", "ReviewItem").objects.create(
        review_round=review, household=household, source="register"
    )
    assessment = apps.get_model("households", "Assessment").objects.create(
        household=household,
        review_round=review,
        standard=standard,
        is_urban=True,
        members_count=1,
        income_per_capita=1_200_000,
        deprivation_count=3,
        classification="poor",
        reasons=["Thu nhập dưới chuẩn."],
        assessed_by=user,
    )
    status = apps.get_model("households", "HouseholdStatus").objects.create(
        household=household,
        year=2026,
        valid_from=date(2025, 12, 10),
        classification="poor",
        movement="newly_poor",
        review_round=review,
    )
    case = apps.get_model("beneficiaries", "Case").objects.create(
        person=person, ward=ward, benefit="allowance", status="active", applied_on=date(2025, 1, 6)
    )
    return {
        "household": household.pk,
        "person": person.pk,
        "review": review.pk,
        "assessment": assessment.pk,
        "status": status.pk,
        "case": case.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_a_database_at_the_old_layout_keeps_every_record_in_the_new():
    head = MigrationExecutor(connection).loader.graph.leaf_nodes()
    # Apps built on a later register (benefits) are unapplied with it.
    others = [node for node in head if node[0] not in ("households", "reviews", "benefits")]
    try:
        ids = _fill(_migrate([LAST_OLD, ("reviews", None)], [LAST_OLD, *others]))
    finally:
        apps = _migrate(head, head)  # whatever happened, later tests find the new layout

    household = apps.get_model("households", "Household").objects.get(pk=ids["household"])
    status = apps.get_model("households", "HouseholdStatus").objects.get(pk=ids["status"])
    review = apps.get_model("reviews", "ReviewRound").objects.get(pk=ids["review"])
    assessment = apps.get_model("reviews", "Assessment").objects.get(pk=ids["assessment"])
    case = apps.get_model("beneficiaries", "Case").objects.get(pk=ids["case"])
    assert household.code == "CU-001"
    assert (status.classification, status.review_round_id) == ("poor", review.pk)
    assert (review.decision_number, review.items.get().household_id) == ("12/QĐ-UBND", household.pk)
    assert (assessment.household_id, assessment.review_round_id) == (household.pk, review.pk)
    assert assessment.standard.code == "ND07-2021"
    assert case.person_id == ids["person"]
    assert apps.get_model("reviews", "PovertyStandard").objects.filter(code="ND351-2025").exists()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "reviews_reviewround" in tables
    assert "households_reviewround" not in tables
    content_types = apps.get_model("contenttypes", "ContentType").objects
    assert not content_types.filter(app_label="households", model="reviewround").exists()
