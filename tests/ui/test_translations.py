"""The catalogs: compiled, complete in Vietnamese (the admin included), complete in English."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
import simple_history
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from ..factories import HouseholdFactory, PersonFactory

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
VENDOR = ROOT / "locale_vendor"
DJANGO = Path(django.__file__).parent
SIMPLE_HISTORY = Path(simple_history.__file__).parent
# The Django apps of INSTALLED_APPS that ship catalogs (messages and staticfiles have none).
DJANGO_CATALOGS = [
    "conf",
    "contrib/admin",
    "contrib/auth",
    "contrib/contenttypes",
    "contrib/sessions",
]
# simple_history strings its code and templates use but none of its catalogs lists yet.
SIMPLE_HISTORY_EXTRA = [
    "Deleted %(type_name)s",
    "Changes",
    "View on site",
    ("entry", "entries"),
]
# Strings that read the same in Vietnamese: symbols, units, abbreviations.
SAME_IN_VIETNAMESE = {
    "…",
    ", ",
    ":",
    ":?.!",
    "IPv4",
    "IPv6",
    "%s KB",
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
    "%(size)d byte",
    "%(truncated_text)s…",
    "%(class_name)s %(instance)s",
    "Email",
}
PROJECT_PACKAGES = ["areas", "households", "imports", "ui", "config"]


def _key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid)


def _translations(catalog) -> dict:
    """(msgctxt, msgid) -> msgstr (or plural forms) of the entries gettext will use."""
    out = {}
    for e in catalog:
        if not e.msgid or e.obsolete or "fuzzy" in e.flags:
            continue
        if e.msgid_plural:
            forms = tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
            if all(forms):
                out[_key(e)] = forms
        elif e.msgstr:
            out[_key(e)] = e.msgstr
    return out


def _entries(paths) -> dict:
    out = {}
    for path in paths:
        for e in polib.pofile(str(path)):
            if e.msgid and not e.obsolete:
                out.setdefault((e.msgctxt, e.msgid, e.msgid_plural or None), e)
    return out


def _django_msgids(domain: str) -> list[tuple]:
    paths = [DJANGO / app / "locale/en/LC_MESSAGES" / f"{domain}.po" for app in DJANGO_CATALOGS]
    return list(_entries(p for p in paths if p.exists()))


def _simple_history_msgids() -> list[tuple]:
    keys = set(_entries(SIMPLE_HISTORY.glob("locale/*/LC_MESSAGES/django.po")))
    for extra in SIMPLE_HISTORY_EXTRA:
        singular, plural = extra if isinstance(extra, tuple) else (extra, None)
        keys.add((None, singular, plural))
    return sorted(keys, key=lambda k: (k[0] or "", k[1]))


def _untranslated(keys, catalog) -> list[str]:
    """The msgids the catalog leaves in English (the plural forms counted for 1 and 5)."""
    left = []
    for context, msgid, plural in keys:
        if msgid in SAME_IN_VIETNAMESE:
            continue
        if plural:
            forms = (
                [catalog.npgettext(context, msgid, plural, n) for n in (1, 5)]
                if context
                else [catalog.ngettext(msgid, plural, n) for n in (1, 5)]
            )
            english = forms[0] == msgid or forms[1] == plural
        else:
            text = catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)
            english = text == msgid
        if english:
            left.append(f"{context}|{msgid}" if context else msgid)
    return left


# (a) the committed .mo files are the compiled .po files ----------------------------------


@pytest.mark.parametrize(
    "po_path",
    sorted([*LOCALE.glob("*/LC_MESSAGES/*.po"), *VENDOR.glob("*/LC_MESSAGES/*.po")]),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_mo_file_is_compiled_from_its_po(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.relative_to(ROOT)} missing: run compilemessages"
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(mo_path))
    assert _translations(mo) == _translations(po), (
        f"{mo_path.relative_to(ROOT)} is stale: run "
        "`python manage.py compilemessages --ignore=.venv` and commit the .mo"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


def test_catalogs_exist_and_mo_files_are_committed():
    for lang in ("vi", "en"):
        assert (LOCALE / lang / "LC_MESSAGES/django.po").exists()
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "*.mo" not in ignored, "the compiled catalogs are committed: fresh machines lack gettext"


def test_plural_forms():
    assert polib.pofile(str(LOCALE / "vi/LC_MESSAGES/django.po")).metadata["Plural-Forms"] == (
        "nplurals=1; plural=0;"
    )
    assert polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po")).metadata["Plural-Forms"] == (
        "nplurals=2; plural=(n != 1);"
    )


# (b) Vietnamese is complete: Django's apps, simple_history, the admin's JavaScript -------


def test_django_strings_are_all_vietnamese():
    with translation.override("vi"):
        left = _untranslated(_django_msgids("django"), translation)
    assert left == []


def test_simple_history_strings_are_all_vietnamese():
    with translation.override("vi"):
        left = _untranslated(_simple_history_msgids(), translation)
    assert left == []


def test_admin_javascript_strings_are_all_vietnamese():
    catalog = DjangoTranslation("vi", domain="djangojs")
    assert _untranslated(_django_msgids("djangojs"), catalog) == []


def test_history_models_have_vietnamese_names():
    from households.models import Household, HouseholdStatus, Person

    with translation.override("vi"):
        assert str(Household.history.model._meta.verbose_name) == "lịch sử hộ gia đình"
        assert str(Person.history.model._meta.verbose_name) == "lịch sử nhân khẩu"
        assert str(HouseholdStatus.history.model._meta.verbose_name_plural) == (
            "lịch sử phân loại hộ theo năm"
        )
        field = Household.history.model._meta.get_field("history_type")
        assert [str(label) for _, label in field.choices] == ["Đã tạo", "Đã sửa", "Đã xóa"]
    with translation.override("en"):
        assert str(Household.history.model._meta.verbose_name) == "household history"


def test_project_catalog_corrects_django_where_it_is_wrong():
    with translation.override("vi"):
        # Django's vi catalog has "Bản ghi nhớ" (a memo) and "cho phép" (to allow).
        assert translation.gettext("History") == "Lịch sử"
        assert translation.gettext("permissions") == "quyền"
        assert translation.gettext("Password reset unsuccessful") == (
            "Đặt lại mật khẩu không thành công"
        )


# (c) English is complete: every project msgid ------------------------------------------

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
    english = _translations(polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po")))
    found = _python_msgids() | _template_msgids()
    assert len(found) > 100  # the scan works
    assert sorted(k[1] for k in found if k not in english) == []


def test_english_is_active_for_the_project_strings():
    with translation.override("en"):
        assert translation.gettext("Hộ gia đình") == "Households"
        assert translation.ngettext("%(n)s nhân khẩu", "%(n)s nhân khẩu", 2) == "%(n)s members"
    with translation.override("vi"):
        assert translation.gettext("Hộ gia đình") == "Hộ gia đình"


# (d) the admin shows no English in Vietnamese ------------------------------------------

ENGLISH_WORDS = [
    "Add",
    "Change",
    "Changed",
    "Changes",
    "Created",
    "Deleted",
    "History",
    "Delete",
    "Save",
    "Search",
    "Filter",
    "Home",
    "Log out",
    "Recent actions",
    "Action:",
    "Welcome",
    "View site",
    "Object",
    "Comment",
    "Revert",
    "Close",
    "None",
    "entries",
    "entry",
    "historical",
    "Historical",
    "Households",
    "Areas",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
]
ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH_WORDS)) + r")(?![\w-])")


class _VisibleText(HTMLParser):
    """Text nodes outside script and style, plus what buttons and fields show."""

    SHOWN_ATTRIBUTES = {"placeholder", "title"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            self.parts.append(attrs.get("value") or "")
        self.parts.extend(v for k, v in attrs.items() if k in self.SHOWN_ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def english_in(html: str) -> list[str]:
    return [part for part in visible_text(html) if ENGLISH.search(part)]


@pytest.fixture(autouse=True)
def _keep_language():
    # LocaleMiddleware activates the request's language and leaves it active.
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def household(ward, admin_user):
    household = HouseholdFactory(ward=ward, code="AG-001", address="12 Lê Lợi")
    PersonFactory(household=household, full_name="Nguyễn Văn An")
    household.address = "14 Lê Lợi"
    household._history_user = admin_user
    household.save()
    return household


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    return client


def test_visible_text_ignores_markup_and_scripts():
    html = (
        '<p class="Add">Thêm <b>mới</b></p><script>History()</script>'
        '<input type=submit value="Save">'
    )
    assert visible_text(html) == ["Thêm", "mới", "Save"]
    assert english_in(html) == ["Save"]
    assert english_in("<p>Địa chỉ: Address-free; AddressBook</p>") == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/households/household/",
        "/admin/households/householdstatus/",
        "/admin/areas/area/",
        "/admin/areas/area/add/",
        "/admin/areas/areamapping/add/",
        "/admin/auth/group/add/",
        "/admin/auth/user/add/",
    ],
)
def test_admin_pages_show_no_english(admin_client, household, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "vi"
    assert english_in(response.content.decode()) == []


def test_admin_history_pages_show_no_english(admin_client, household):
    history = admin_client.get(f"/admin/households/household/{household.pk}/history/")
    assert history.status_code == 200
    html = history.content.decode()
    assert english_in(html) == []
    assert "Đã tạo" in visible_text(html) and "Đã sửa" in visible_text(html)

    record = household.history.earliest()
    version = admin_client.get(
        f"/admin/households/household/{household.pk}/history/{record.history_id}/"
    )
    assert version.status_code == 200
    html = version.content.decode()
    assert english_in(html) == []
    # The breadcrumbs name the app and the model, not the app's label or the history model.
    assert visible_text(html)[visible_text(html).index("Trang chủ") :][:4] == [
        "Trang chủ",
        "›",
        "Hộ gia đình",
        "›",
    ]


def test_admin_javascript_catalog_is_vietnamese(admin_client):
    response = admin_client.get("/admin/jsi18n/")
    text = response.content.decode()
    assert '"Today": "H\\u00f4m nay"' in text
    assert '"Sunday": "Ch\\u1ee7 nh\\u1eadt"' in text


# switching language ---------------------------------------------------------------------


def test_switching_to_english_shows_english(client, ward_officer, household):
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
