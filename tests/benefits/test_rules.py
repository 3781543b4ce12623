"""The pure rules of paying, table-driven: settling a month against what was paid, the
netting of recoveries, one-off amounts, the unpaid run and the account checks."""

from datetime import date
from decimal import Decimal

import pytest

from benefits import rules
from benefits.rules import ARREARS, ONE_OFF, RECOVERY, REGULAR, Due

NOV, OCT, SEP, AUG = date(2026, 11, 1), date(2026, 10, 1), date(2026, 9, 1), date(2026, 8, 1)


def due(month, amount, case=1, benefit="allowance", one_off=False):
    return Due(case, benefit, month, amount, f"why {month:%m}", "ref", one_off=one_off)


def kinds(lines):
    return [(line.month, line.kind, line.amount) for line in lines]


@pytest.mark.parametrize(
    ("dues", "paid", "expected"),
    [
        # A decision effective two months back: both earlier months as arrears.
        (
            [due(SEP, 750_000), due(OCT, 750_000), due(NOV, 750_000)],
            {},
            [(SEP, ARREARS, 750_000), (OCT, ARREARS, 750_000), (NOV, REGULAR, 750_000)],
        ),
        # Paid in full before: only this month.
        (
            [due(SEP, 750_000), due(OCT, 750_000), due(NOV, 750_000)],
            {(1, "allowance", SEP): 750_000, (1, "allowance", OCT): 750_000},
            [(NOV, REGULAR, 750_000)],
        ),
        # A death in August reported late: September and October paid, not due.
        (
            [due(AUG, 750_000)],
            {
                (1, "allowance", AUG): 750_000,
                (1, "allowance", SEP): 750_000,
                (1, "allowance", OCT): 750_000,
            },
            [(SEP, RECOVERY, -750_000), (OCT, RECOVERY, -750_000)],
        ),
        # A raise decided late (coefficient 1.5 → 2.0 from September): the difference.
        (
            [due(SEP, 1_000_000), due(OCT, 1_000_000), due(NOV, 1_000_000)],
            {(1, "allowance", SEP): 750_000, (1, "allowance", OCT): 750_000},
            [(SEP, ARREARS, 250_000), (OCT, ARREARS, 250_000), (NOV, REGULAR, 1_000_000)],
        ),
        # A funeral support: once, listed until paid, then never again.
        ([due(OCT, 10_000_000, benefit="funeral", one_off=True)], {}, [(OCT, ONE_OFF, 10_000_000)]),
        (
            [due(OCT, 10_000_000, benefit="funeral", one_off=True)],
            {(1, "funeral", OCT): 10_000_000},
            [],
        ),
    ],
)
def test_settle(dues, paid, expected):
    assert kinds(rules.settle(dues, paid, NOV)) == expected


def test_a_suspended_case_gets_no_arrears_but_its_recoveries():
    dues = [due(SEP, 750_000), due(OCT, 750_000)]
    paid = {(1, "allowance", AUG): 750_000}

    assert kinds(rules.settle(dues, paid, NOV, held=frozenset({1}))) == [(AUG, RECOVERY, -750_000)]


def test_a_month_after_the_payroll_is_never_listed():
    assert rules.settle([due(date(2026, 12, 1), 750_000)], {}, NOV) == []


@pytest.mark.parametrize(
    ("amounts", "netted", "expected"),
    [
        ([750_000, -750_000], True, (0, 0)),
        ([750_000, -1_500_000], True, (0, 750_000)),
        ([1_000_000, 250_000, -750_000], True, (500_000, 0)),
        ([750_000, -750_000], False, (750_000, 750_000)),
        ([750_000], False, (750_000, 0)),
    ],
)
def test_payable(amounts, netted, expected):
    assert rules.payable(amounts, netted=netted) == expected


@pytest.mark.parametrize(
    ("multiple", "level", "amount"),
    [
        (Decimal(20), 360_000, 7_200_000),  # funeral support at the 2021 level
        (Decimal(20), 500_000, 10_000_000),  # and from 01/7/2024
        (Decimal(50), 500_000, 25_000_000),  # a disaster
        (Decimal("1.0"), 500_000, 500_000),  # a household caring for a K6 person
        (Decimal("2.5"), 500_000, 1_250_000),
    ],
)
def test_times_standard(multiple, level, amount):
    assert rules.times_standard(multiple, level) == amount


@pytest.mark.parametrize(
    ("statuses", "first"),
    [
        ({AUG: "paid", SEP: "unpaid", OCT: "unpaid"}, SEP),
        ({AUG: "unpaid", SEP: "paid", OCT: "unpaid"}, OCT),
        ({AUG: "unpaid", SEP: "unpaid", OCT: "paid"}, None),
        ({}, None),
    ],
)
def test_unpaid_run(statuses, first):
    assert rules.unpaid_run(statuses) == first


@pytest.mark.parametrize(
    ("method", "account", "warnings"),
    [
        ("cash_ward", "", []),
        ("bank", "", ["missing"]),
        ("bank", "0123 4567 8901", []),
        ("bank", "12AB", ["digits"]),
        ("ewallet", "0912345678", []),
        ("ewallet", "12345678901234", ["phone"]),
    ],
)
def test_account_warnings(method, account, warnings):
    assert rules.account_warnings(method, account) == warnings
