"""The catalogs as committed, and Vietnamese complete: Django's apps, simple_history, the
admin's pages and JavaScript."""

import re
from pathlib import Path

import django
import polib
import pytest
import simple_history
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from .catalogs import LOCALE, ROOT, edited_household, translations, visible_text

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
    assert translations(mo) == translations(po), (
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


def english_in(html: str) -> list[str]:
    return [part for part in visible_text(html) if ENGLISH.search(part)]


@pytest.fixture(autouse=True)
def _keep_language():
    # LocaleMiddleware activates the request's language and leaves it active.
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def household(ward, admin_user):
    return edited_household(ward, admin_user)


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
