"""Fixtures shared by the split test modules of this package.

`group` and `elder` are the ward's Khóm Đông An and its resident whose decisions and list rows
test_decisions.py and test_beneficiary_list.py read back; test_views.py and test_services.py
define an `elder` of their own, which takes precedence in those modules. `seeded_rules` is
requested by the worklist modules through `pytestmark`.
"""

import importlib
from datetime import date

import pytest
from django.apps import apps

from ..factories import (
    HouseholdFactory,
    HouseholdStatusFactory,
    PersonFactory,
    ResidentialGroupFactory,
)


@pytest.fixture
def group(ward):
    return ResidentialGroupFactory(parent=ward, code="001", name="Khóm Đông An")


@pytest.fixture
def elder(ward, group):
    """Nguyễn Thị Ánh Tuyết, 76 in 2025, poor, no one to support her: K5a.1, 1,5 × 500.000."""
    household = HouseholdFactory(
        ward=ward, residential_group=group, code="DA-007", address="12/4 Trần Hưng Đạo"
    )
    HouseholdStatusFactory(household=household, year=2024, classification="poor")
    return PersonFactory(
        household=household,
        full_name="Nguyễn Thị Ánh Tuyết",
        birth_date=date(1949, 4, 15),
        sex="female",
        national_id="091149000123",
    )


@pytest.fixture
def seeded_rules(db):
    """The categories, social pension and time limits as migration 0002 seeds them."""
    importlib.import_module("beneficiaries.migrations.0002_seed_rules").seed(apps, None)
