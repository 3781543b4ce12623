"""Cheap checks that keep the project's rules from eroding."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["areas", "households", "imports"]
# Personal data is reached through visible_to() or an access helper, never directly.
DIRECT = re.compile(r"\b(Household|Person|HouseholdStatus|ImportJob)\.objects\.(?!visible_to\b)")
REACHING_MODULES = ("views.py", "exports.py", "tasks.py", "resources.py", "forms.py")


def test_views_and_exports_reach_personal_data_only_through_scope():
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for app in APPS
        for name in REACHING_MODULES
        for path in [ROOT / app / name]
        if path.exists()
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if DIRECT.search(line)
    ]
    assert offenders == []


def test_no_asset_comes_from_a_cdn():
    cdn = re.compile(r"https?://(cdn|unpkg|cdnjs|[a-z.]*jsdelivr|fonts\.googleapis)")
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("static/**/*")]
        if p.is_file() and cdn.search(p.read_text(errors="ignore"))
    ]
    assert offenders == []
