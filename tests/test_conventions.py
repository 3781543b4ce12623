"""Cheap checks that keep the project's rules from eroding."""

import inspect
import re
from pathlib import Path

from django.contrib import admin

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(path.parent for path in ROOT.glob("*/apps.py"))

# Every model that holds personal data, or says whose data it is.
PERSONAL_DATA = (
    "Household",
    "Person",
    "HouseholdStatus",
    "ImportJob",
    "Case",
    "CaseEvent",
    "CaseNote",
    "Referral",
    "ReviewRound",
    "ReviewItem",
    "Assessment",
    "CommunityMeeting",
    "PostingComplaint",
)
_MODEL = "|".join(PERSONAL_DATA)
# Personal data is reached through visible_to() or an access helper, never directly: not
# `Household.objects.filter(…)`, not `get_object_or_404(Household, …)`.
DIRECT = re.compile(
    rf"\b(?:{_MODEL})\s*\.\s*(?:objects|_default_manager|_base_manager)\s*\.\s*(?!visible_to\b)"
    rf"|\bget_(?:object|list)_or_404\(\s*(?:{_MODEL})\s*[,)]"
)
# Where the data is scoped (access, queries), written (services), defined (models,
# migrations). Rules and admin modules stay checked: rules never query, and the admin
# scopes in get_queryset (see the test below).
SCOPING_LAYERS = {"access", "queries", "services", "models", "migrations"}
EXEMPT = {
    # The two halves of imports.services' import: they run in the worker on a job whose
    # ward was checked when it was created, and there is no user left to scope by.
    "imports/committing.py",
    "imports/planning.py",
}
# Demo seed commands are run by whoever runs the server, on the whole database.
SEED_COMMAND = re.compile(r"^management/commands/seed_\w*\.py$")


def _checked_modules():
    for app in APPS:
        for path in sorted(app.rglob("*.py")):
            in_app = path.relative_to(app)
            if {*in_app.parent.parts, path.stem} & SCOPING_LAYERS:
                continue
            if str(path.relative_to(ROOT)) in EXEMPT or SEED_COMMAND.match(in_app.as_posix()):
                continue
            yield path


def _direct_reaches(path: Path):
    text = path.read_text()
    for match in DIRECT.finditer(text):
        n = text.count("\n", 0, match.start()) + 1
        line = text.splitlines()[n - 1].strip()
        yield f"{path.relative_to(ROOT)}:{n}: {line}"


def test_every_app_module_reaches_personal_data_only_through_scope():
    offenders = [reach for path in _checked_modules() for reach in _direct_reaches(path)]
    assert not offenders, (
        "Start from Model.objects.visible_to(user) or a get_<thing>_for_user helper in "
        "<app>/access.py (or name the read in <app>/queries.py):\n" + "\n".join(offenders)
    )


def test_it_checks_the_modules_of_every_app():
    checked = {path.relative_to(ROOT).as_posix() for path in _checked_modules()}
    assert {app.name for app in APPS} >= {"areas", "households", "reviews", "beneficiaries"}
    assert "households/views/register.py" in checked
    assert "households/services/register.py" not in checked


def test_the_admin_lists_personal_data_only_within_the_users_scope():
    unscoped = [
        model.__name__
        for model, model_admin in admin.site._registry.items()
        if model.__name__ in PERSONAL_DATA
        and "visible_to" not in inspect.getsource(type(model_admin).get_queryset)
    ]
    assert unscoped == []


def test_no_asset_comes_from_a_cdn():
    cdn = re.compile(r"https?://(cdn|unpkg|cdnjs|[a-z.]*jsdelivr|fonts\.googleapis)")
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("static/**/*")]
        if p.is_file() and cdn.search(p.read_text(errors="ignore"))
    ]
    assert offenders == []
