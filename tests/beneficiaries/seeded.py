"""The rows migration 0002 seeds, as unsaved instances, and a month paid under them: what
the pure rules tests (test_rules_*.py) run against."""

import importlib
from collections import defaultdict
from types import SimpleNamespace

from django.apps import apps

from beneficiaries.rules import Facts, PensionRule, month_amount

SEED = importlib.import_module("beneficiaries.migrations.0002_seed_rules")


def seeded_rows() -> dict[str, list]:
    """Run the migration's seed() on unsaved model instances: the rows it would write."""
    rows = defaultdict(list)

    def get_model(app_label, name):
        model = apps.get_model(app_label, name)

        def get_or_create(defaults=None, **lookup):
            rows[name].append(model(**lookup, **(defaults or {})))
            return rows[name][-1], True

        return SimpleNamespace(objects=SimpleNamespace(get_or_create=get_or_create))

    SEED.seed(SimpleNamespace(get_model=get_model), None)
    return rows


ROWS = seeded_rows()
CATEGORIES = [row.rule() for row in ROWS["Category"]]
ALL_LEVELS = [row.rate() for row in ROWS["StandardLevel"]]
LEVELS = [row.rate() for row in ROWS["StandardLevel"] if row.active]
(_PENSION,) = ROWS["SocialPensionRate"]
PENSION_RULE = PensionRule(_PENSION.age_from, _PENSION.poor_age_from, _PENSION.valid_from)
PENSIONS = [_PENSION.rate()]


def person(born, *flags, household="", disability="", children=0, pension=0) -> Facts:
    return Facts(
        birth_date=born,
        disability_level=disability,
        household=household,
        flags=frozenset(flags),
        children_raised=children,
        pension_amount=pension,
    )


def pay(facts, month, **rows):
    """The month under the seeded rows, any of them replaced by `rows`."""
    rows = {
        "categories": CATEGORIES,
        "standard_levels": LEVELS,
        "pension_rule": PENSION_RULE,
        "pensions": PENSIONS,
    } | rows
    return month_amount(facts, month, **rows)


def codes(result) -> list[str]:
    return [rule.code for rule in result.paid]
