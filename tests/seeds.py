"""Rows that data migrations seed, seeded again where a test run has emptied the tables.

Transactional tests (browser tests, the real Celery worker) end by truncating every table,
migrated rows included; a reused test database keeps that state for the next run.
"""

import importlib

from django.apps import apps


def seed_poverty_standards() -> None:
    """ND 07/2021 and ND 351/2025 with their indicators, as the migration seeds them."""
    migration = importlib.import_module("households.migrations.0007_seed_poverty_standards")
    migration.seed(apps, None, app_label="reviews")


def seed_assistance_rules() -> None:
    """The standard levels, categories, care allowances, social pension and time limits."""
    importlib.import_module("beneficiaries.migrations.0002_seed_rules").seed(apps, None)


def seed_benefit_types() -> None:
    """The benefit types, the national one-off amounts, gifts and card shares."""
    importlib.import_module("benefits.migrations.0002_benefit_types").add(apps, None)
    importlib.import_module("benefits.migrations.0007_gift_types_and_rates").add(apps, None)
    importlib.import_module("benefits.migrations.0009_card_rates").add(apps, None)


def seed_migrated_rows() -> None:
    seed_poverty_standards()
    seed_assistance_rules()
    seed_benefit_types()
