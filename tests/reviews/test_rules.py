"""The poverty classification rules, table-driven over both standards."""

import pytest

from reviews.rules import (
    EDUCATION_ORDER,
    Lines,
    MemberFacts,
    classify,
    income_per_capita,
    meeting_agrees,
    movement_balance,
    propose_deprivation,
    tally_movements,
)

ND07 = Lines("ND07-2021", 1_500_000, 2_000_000, 2_250_000, 3_000_000, 3)
ND351 = Lines("ND351-2025", 2_200_000, 2_800_000, 3_300_000, 4_200_000, 3)

# (standard, is_urban, line, middle-income bound)
AREAS = [
    (ND07, False, 1_500_000, 2_250_000),
    (ND07, True, 2_000_000, 3_000_000),
    (ND351, False, 2_200_000, 3_300_000),
    (ND351, True, 2_800_000, 4_200_000),
]
IDS = [f"{s.code}-{'urban' if urban else 'rural'}" for s, urban, _l, _b in AREAS]


@pytest.mark.parametrize(("standard", "is_urban", "line", "bound"), AREAS, ids=IDS)
@pytest.mark.parametrize(
    ("income", "deprivations", "expected"),
    [
        (lambda line, bound: 0, 0, "near_poor"),
        (lambda line, bound: 0, 12, "poor"),
        (lambda line, bound: line - 1, 3, "poor"),
        (lambda line, bound: line, 3, "poor"),  # exactly on the line: still at or below it
        (lambda line, bound: line, 2, "near_poor"),  # 2 deprivations are fewer than 3
        (lambda line, bound: line + 1, 12, "middle_income"),  # above the line: not counted
        (lambda line, bound: bound, 0, "middle_income"),
        (lambda line, bound: bound + 1, 0, "none"),
        (lambda line, bound: bound + 1, 12, "none"),
    ],
    ids=[
        "nothing",
        "nothing-all",
        "below",
        "line-3",
        "line-2",
        "above",
        "bound",
        "over",
        "over-all",
    ],
)
def test_classification_at_the_boundaries(
    standard, is_urban, line, bound, income, deprivations, expected
):
    result = classify(income(line, bound), deprivations, standard, is_urban=is_urban)

    assert result.classification == expected
    assert result.reasons  # every result says why


def test_a_standard_without_a_middle_income_bound_has_no_middle_income_class():
    standard = Lines("X", 1_500_000, 2_000_000, None, None, 3)

    assert classify(1_500_001, 0, standard, is_urban=False).classification == "none"


@pytest.mark.parametrize(
    ("income", "deprivations", "standard", "is_urban", "expected"),
    [
        (1_900_000, 2, ND07, True, "near_poor"),  # DOMAIN.md §13, example 3
        (1_400_000, 4, ND07, False, "poor"),  # example 4
        (2_500_000, 2, ND351, True, "near_poor"),  # example 5, 2027
        (2_500_000, 3, ND351, True, "poor"),
        (2_500_000, 0, ND07, True, "middle_income"),  # the same income in 2026: not near-poor
    ],
)
def test_the_worked_examples_of_the_domain_reference(
    income, deprivations, standard, is_urban, expected
):
    assert classify(income, deprivations, standard, is_urban=is_urban).classification == expected


def test_the_reasons_cite_the_income_the_line_and_the_count():
    result = classify(1_400_000, 4, ND07, is_urban=False)

    assert result.reasons == (
        "Thu nhập bình quân 1.400.000\u00a0₫/người/tháng ≤ chuẩn nông thôn 1.500.000\u00a0₫.",
        "Thiếu hụt 4 chỉ số, từ 3 trở lên.",
    )


@pytest.mark.parametrize(
    ("income_year", "members", "expected"),
    [(72_000_000, 4, 1_500_000), (72_000_011, 4, 1_500_000), (0, 1, 0), (25_000_000, 1, 2_083_333)],
)
def test_income_per_person_per_month(income_year, members, expected):
    assert income_per_capita(income_year, members) == expected


def test_income_per_person_needs_a_member():
    with pytest.raises(ValueError):
        income_per_capita(1_000, 0)


def member(name="An", age=30, card=True, school=None, education="upper_secondary", disability=""):
    return MemberFacts(name, age, card, school, education, disability)


HEALTH = {"min_age": 6}


def test_a_member_of_six_without_a_card_proposes_the_health_insurance_deprivation():
    proposal = propose_deprivation(
        "health_insurance", HEALTH, [member(), member("Bé", age=6, card=False)]
    )

    assert proposal.deprived is True
    assert "Bé" in proposal.reason


def test_a_child_under_six_without_a_card_does_not():
    proposal = propose_deprivation(
        "health_insurance", HEALTH, [member(), member("Bé", age=5, card=False)]
    )

    assert proposal.deprived is False


def test_an_unrecorded_card_leaves_the_officer_to_judge():
    proposal = propose_deprivation("health_insurance", HEALTH, [member(card=None)])

    assert proposal.deprived is None
    assert "Chưa ghi" in proposal.reason


@pytest.mark.parametrize(
    ("age", "in_school", "deprived"),
    [(2, False, False), (3, False, True), (15, False, True), (16, False, False), (10, True, False)],
)
def test_school_attendance_counts_children_from_3_to_under_16(age, in_school, deprived):
    proposal = propose_deprivation(
        "school_attendance",
        {"min_age": 3, "max_age": 16},
        [member(), member("Bé", age=age, school=in_school)],
    )

    assert proposal.deprived is deprived


DEPENDANTS = {"share": 0.5, "child_below": 16, "elderly_from": 60}


@pytest.mark.parametrize(
    ("ages", "deprived"),
    [([30, 10], False), ([30, 10, 70], True), ([30, 40, 10, 65], False), ([30, 15, 60], True)],
)
def test_dependants_deprive_above_half_of_the_members(ages, deprived):
    members = [member(str(i), age=a) for i, a in enumerate(ages)]

    assert propose_deprivation("dependants", DEPENDANTS, members).deprived is deprived


def test_a_severely_disabled_adult_is_a_dependant():
    members = [member("A", age=30), member("B", age=35, disability="severe")]

    assert propose_deprivation("dependants", DEPENDANTS, members).deprived is False
    members.append(member("C", age=8))
    assert propose_deprivation("dependants", DEPENDANTS, members).deprived is True


ADULT = {"min_age": 16, "max_age": 30, "upper_from": 18}


@pytest.mark.parametrize(
    ("age", "education", "in_school", "deprived"),
    [
        (17, "primary", False, True),
        (17, "lower_secondary", False, False),
        (17, "primary", True, False),  # still studying
        (20, "lower_secondary", False, True),
        (20, "vocational", False, False),
        (31, "none", False, False),  # above the age band
    ],
)
def test_adult_education(age, education, in_school, deprived):
    members = [member("Y", age=age, education=education, school=in_school)]

    assert propose_deprivation("adult_education", ADULT, members).deprived is deprived


@pytest.mark.parametrize(("area", "deprived"), [(31.9, True), (32, False)])
def test_floor_area_per_person_below_8_square_metres(area, deprived):
    members = [member(str(i)) for i in range(4)]

    proposal = propose_deprivation("floor_area", {"m2_per_person": 8}, members, floor_area=area)

    assert proposal.deprived is deprived


def test_indicators_without_a_rule_are_left_to_the_officer():
    assert propose_deprivation("", {}, [member()]) is None
    assert (
        propose_deprivation("floor_area", {"m2_per_person": 8}, [member()], floor_area=None) is None
    )


def test_the_education_levels_of_the_register_are_the_rules_order():
    from households.models import Education

    assert tuple(Education.values) == EDUCATION_ORDER


@pytest.mark.parametrize(
    ("attendance", "agreed", "passes"),
    [(40, 20, True), (41, 20, False), (41, 21, True), (0, 0, False), (1, 1, True)],
)
def test_the_meeting_needs_at_least_half_of_those_present(attendance, agreed, passes):
    assert meeting_agrees(attendance, agreed) is passes


def test_tally_moves_households_between_the_groups_and_keeps_the_balance():
    events = [
        ("", "poor", "newly_poor", 2),
        ("near_poor", "poor", "near_poor_to_poor", 1),
        ("escaped_poor", "poor", "relapsed_poor", 1),
        ("poor", "escaped_poor", "escaped_poor", 3),
        ("poor", "near_poor", "poor_to_near_poor", 1),
        ("near_poor", "escaped_near_poor", "escaped_near_poor", 4),
        ("escaped_near_poor", "near_poor", "relapsed_near_poor", 2),
        ("near_poor", "none", "moved_out", 1),
        ("", "near_poor", "moved_in", 1),
        ("", "poor", "split_off", 1),
        ("poor", "poor", "unchanged", 9),
    ]

    table = tally_movements({"poor": 10, "near_poor": 20}, {"poor": 11, "near_poor": 18}, events)

    assert table["poor"] == {
        "at_start": 10,
        "newly": 2,
        "relapsed": 1,
        "from_other": 1,
        "moved_in": 0,
        "split_off": 1,
        "escaped": 3,
        "to_other": 1,
        "moved_away": 0,
        "at_end": 11,
    }
    assert table["near_poor"] == {
        "at_start": 20,
        "newly": 0,
        "relapsed": 2,
        "from_other": 1,
        "moved_in": 1,
        "split_off": 0,
        "escaped": 4,
        "to_other": 1,
        "moved_away": 1,
        "at_end": 18,
    }
    for row in table.values():
        balance = row["at_start"] + row["newly"] + row["relapsed"] + row["from_other"]
        balance += row["moved_in"] + row["split_off"]
        balance -= row["escaped"] + row["to_other"] + row["moved_away"]
        assert balance == row["at_end"] == movement_balance(row)
