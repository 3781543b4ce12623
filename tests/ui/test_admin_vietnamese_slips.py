"""The admin's import and export pages (django-import-export) read Vietnamese, and the money
its lists show is grouped."""

import re

import pytest
from django.apps import apps
from django.utils import translation

from .catalogs import visible_text

IMPORT_EXPORT_ENGLISH = re.compile(
    r"(?<![\w-])(Import|Export|This importer will import the following fields|"
    r"This exporter will export the following fields|File to import|Format|Submit|"
    r"Select all|Resource|Confirm import)(?![\w-])",
    re.I,
)


@pytest.fixture(autouse=True)
def _keep_language():
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/areas/area/",
        "/admin/areas/area/import/",
        "/admin/areas/area/export/",
        "/admin/areas/roleassignment/export/",
        "/admin/households/household/export/",
    ],
)
def test_the_import_and_export_pages_read_vietnamese(admin_client, url):
    response = admin_client.get(url)

    assert response.status_code == 200
    shown = visible_text(response.content.decode())
    assert [t for t in shown if IMPORT_EXPORT_ENGLISH.search(t)] == []


def test_the_import_page_names_its_fields_in_vietnamese(admin_client):
    shown = visible_text(admin_client.get("/admin/areas/area/import/").content.decode())

    assert "Tệp cần nhập" in " ".join(shown) and "Định dạng" in " ".join(shown)


@pytest.mark.parametrize(
    ("url", "model", "field"),
    [
        ("/admin/beneficiaries/standardlevel/", "beneficiaries.StandardLevel", "amount"),
        ("/admin/beneficiaries/socialpensionrate/", "beneficiaries.SocialPensionRate", "amount"),
        ("/admin/reviews/povertystandard/", "reviews.PovertyStandard", "rural_line"),
        ("/admin/reviews/povertystandard/", "reviews.PovertyStandard", "urban_line"),
    ],
)
def test_the_admin_lists_show_money_grouped(admin_client, url, model, field):
    amounts = list(apps.get_model(model).objects.values_list(field, flat=True))
    assert amounts, "the policy rows are seeded by the migrations"

    cells = visible_text(admin_client.get(url).content.decode())

    for amount in amounts:
        assert f"{amount:,}".replace(",", ".") in cells
        assert str(amount) not in cells


def test_the_export_page_names_each_column_as_the_model_does(admin_client):
    shown = visible_text(admin_client.get("/admin/areas/area/export/").content.decode())

    assert "khu vực thành thị (is_urban)" in shown and "trực thuộc (parent_path)" in shown
    assert "Is Urban" not in shown


def test_a_column_already_named_in_vietnamese_keeps_its_name(admin_client):
    shown = visible_text(admin_client.get("/admin/households/household/export/").content.decode())

    assert "Xã, phường" in shown and "mã hộ (code)" in shown
    assert not any(label.startswith(("Ward", "Residential")) for label in shown)
