"""English is complete: every msgid of the project's code and templates, and switching
language shows it."""

import ast
import re

import polib
import pytest
from django.utils import translation

from .catalogs import LOCALE, ROOT, edited_household, translations, visible_text

PROJECT_PACKAGES = ["areas", "households", "imports", "ui", "config"]

GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
CONTEXT_CALLS = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
TRANSLATE_TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+(?:"([^"]*)"|'([^']*)')(?:\s+context\s+(?:"([^"]*)"|'([^']*)'))?"""
)
BLOCK_TAG = re.compile(
    r"{%\s*blocktrans(?:late)?\b(.*?)%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.DOTALL
)


def _python_msgids() -> set[tuple]:
    found = set()
    for package in PROJECT_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
                if name in GETTEXT_CALLS and args and isinstance(args[0], str):
                    found.add((None, args[0]))
                elif name in CONTEXT_CALLS and len(args) > 1 and isinstance(args[1], str):
                    found.add((args[0], args[1]))
    return found


def _block_msgid(options: str, body: str) -> str:
    singular = re.split(r"{%\s*plural\s*%}", body)[0]
    if "trimmed" in options.split():
        singular = " ".join(line.strip() for line in singular.strip().splitlines() if line.strip())
    singular = singular.replace("%", "%%")
    return re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", singular)


def _template_msgids() -> set[tuple]:
    found = set()
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for m in TRANSLATE_TAG.finditer(text):
            # Django looks a {% translate %} literal up with its "%" doubled, as makemessages
            # writes it.
            msgid = (m.group(1) or m.group(2)).replace("%", "%%")
            found.add((m.group(3) or m.group(4), msgid))
        for m in BLOCK_TAG.finditer(text):
            context = re.search(r"""context\s+(?:"([^"]*)"|'([^']*)')""", m.group(1))
            context = context and (context.group(1) or context.group(2))
            found.add((context, _block_msgid(m.group(1), m.group(2))))
    return found


def test_every_english_entry_has_a_translation():
    po = polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po"))
    empty = [
        e.msgid
        for e in po
        if not e.obsolete
        and ("fuzzy" in e.flags or not (e.msgstr or all(e.msgstr_plural.values())))
    ]
    assert empty == []


def test_every_project_msgid_is_in_the_english_catalog():
    """Catches a string added to the code or templates without running makemessages."""
    english = translations(polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po")))
    found = _python_msgids() | _template_msgids()
    assert len(found) > 100  # the scan works
    assert sorted(k[1] for k in found if k not in english) == []


def test_english_is_active_for_the_project_strings():
    with translation.override("en"):
        assert translation.gettext("Hộ gia đình") == "Households"
        assert translation.ngettext("%(n)s nhân khẩu", "%(n)s nhân khẩu", 2) == "%(n)s members"
    with translation.override("vi"):
        assert translation.gettext("Hộ gia đình") == "Hộ gia đình"


# switching language ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _keep_language():
    # LocaleMiddleware activates the request's language and leaves it active.
    with translation.override(translation.get_language()):
        yield


def test_switching_to_english_shows_english(client, ward_officer, ward, admin_user):
    edited_household(ward, admin_user)
    client.force_login(ward_officer)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/households/"})
    assert response.status_code == 302
    page = client.get("/households/")
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "en"
    html = page.content.decode()
    text = visible_text(html)
    assert "Households" in text
    assert '<html lang="en">' in html
    for vietnamese in ["Hộ gia đình", "Tổ dân phố, khóm", "Đăng xuất", "Thêm hộ", "Lọc"]:
        assert vietnamese not in text

    back = client.post("/i18n/setlang/", {"language": "vi", "next": "/households/"})
    assert back.status_code == 302
    assert "Hộ gia đình" in visible_text(client.get("/households/").content.decode())
