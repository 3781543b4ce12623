"""The apps depend on each other one way: vn <- ui <- areas <- households <- {reviews,
beneficiaries, imports} <- benefits, with reviews and beneficiaries apart (DESIGN.md,
Layout). A page of a lower app shows what a higher one knows (a case's payments) by loading
that app's fragment (htmx), never by importing it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BELOW = {
    "vn": set(),
    "ui": {"vn"},
    "areas": {"vn", "ui"},
    "households": {"vn", "ui", "areas"},
    "reviews": {"vn", "ui", "areas", "households"},
    "beneficiaries": {"vn", "ui", "areas", "households"},
    "imports": {"vn", "ui", "areas", "households"},
    "benefits": {"vn", "ui", "areas", "households", "reviews", "beneficiaries", "imports"},
    "config": {
        "vn",
        "ui",
        "areas",
        "households",
        "reviews",
        "beneficiaries",
        "imports",
        "benefits",
    },
}


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports (relative imports stay inside its app)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_app_imports_only_the_floors_below_it():
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
        for app, allowed in BELOW.items()
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for wrong in [imported_packages(path) & set(BELOW) - allowed - {app}]
        if wrong
    ]
    assert offenders == []


def test_vn_is_pure_python():
    offenders = [p.name for p in (ROOT / "vn").rglob("*.py") if "django" in imported_packages(p)]
    assert offenders == []
