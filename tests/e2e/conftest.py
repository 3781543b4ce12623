"""Browser tests: Debian's chromium driven through Playwright's sync API, against live_server.

`playwright install` cannot download browsers here, so the system chromium is launched.
Screenshots go to test-artifacts/ (gitignored) for a person to look at.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from ..seeds import seed_migrated_rows

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# fixtures and live_server would otherwise refuse to run.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "ansinh-demo"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def artifacts():
    path = Path(settings.BASE_DIR) / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def demo(transactional_db):
    """The demo ward of An Giang with its users (canbo, canbo2, …) and its 2026 review, as
    bin/dev seeds them.

    Every browser test ends by emptying the tables (a serialized rollback does not reach
    the connection under Playwright's greenlets): the migrated rows are seeded again.
    """
    seed_migrated_rows()
    call_command("load_areas", "--province", "91", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo_reviews", stdout=io.StringIO())


@pytest.fixture
def login(live_server):
    def login(page, username, password=DEMO_PASSWORD):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form button.primary")
        page.wait_for_url(f"{live_server.url}/households/**")

    return login
