"""Rows that data migrations seed, seeded again where a test run has emptied the tables.

Transactional tests (browser tests, the real Celery worker) end by truncating every table,
migrated rows included; a reused test database keeps that state for the next run.
"""

import importlib

from django.apps import apps


def seed_poverty_standards() -> None:
    """ND 07/2021 and ND 351/2025 with their indicators, as the migration seeds them."""
    migration = importlib.import_module("households.migrations.0007_seed_poverty_standards")
    migration.seed(apps, None)
