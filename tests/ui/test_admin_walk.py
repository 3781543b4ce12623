"""Every page of the admin, walked as a Vietnamese administrator sees it: the index, each
app, and for every registered model its list, its add page, one record's page and its
history, and its import and export pages where it has them. None shows an English word of
the admin's own interface."""

import contextlib
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .catalogs import edited_household, visible_text

# The words Django's admin, django-import-export and simple-history write in English.
ENGLISH = re.compile(
    r"(?<![\w-])(Add|Change|Delete|Save|Search|Filter|Action|Actions|History|Home|Go|"
    r"Show all|Clear all filters|View site|Log out|Welcome|Select|selected|results?|total|"
    r"Import|Export|Submit|Format|Resource|File to import|Yes|No|Unknown|Today|Now|"
    r"Choose|Remove|Date/time|User|Object|Comment|Recent actions|None available|"
    r"Change password|Documentation|Please correct|This field is required)(?![\w-])"
)


@pytest.fixture(autouse=True)
def _keep_language():
    with translation.override(translation.get_language()):
        yield


def _pages(model, model_admin, request) -> list[str]:
    info = model._meta.app_label, model._meta.model_name
    names = ["changelist", "import", "export"]
    if model_admin.has_add_permission(request):
        names.append("add")
    urls = []
    for name in names:
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_{name}"))
    record = model._default_manager.order_by("pk").first()
    if record is not None:
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_change", args=[record.pk]))
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_history", args=[record.pk]))
    return urls


def test_no_admin_page_shows_an_english_word(client, admin_user, ward, rf):
    edited_household(ward, admin_user)  # a household, a person and a history to open
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    urls = [reverse("admin:index")]
    urls += sorted(
        {reverse("admin:app_list", args=[m._meta.app_label]) for m in admin.site._registry}
    )
    request = rf.get("/admin/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        urls += _pages(model, model_admin, request)
    english = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = {m for part in visible_text(response.text) for m in ENGLISH.findall(part)}
        if found:
            english[url] = sorted(found)
    assert len(urls) > 40  # the walk reached every model
    assert english == {}
