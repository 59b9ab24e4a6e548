"""Browser tests: Playwright's sync API driving Debian's chromium against live_server.

Playwright's sync API runs an event loop in the test thread, which makes Django refuse
database access from it unless DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set here only
while a browser module runs (and the browser lives only that long), so other tests, and
the subprocesses they start (`check --deploy` warns about the variable), never see it.
"""

import os
from pathlib import Path

import pytest

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HTMX_DIST = Path(__file__).resolve().parents[2] / "node_modules" / "htmx.org" / "dist"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def allow_database_with_playwright():
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="module")
def browser(allow_database_with_playwright):
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def page(browser):
    context, page = _page(browser, 1280, 900)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _page(browser, 390, 844)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Saves a screenshot (the whole page unless told otherwise) as
    test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name, *, full_page=True):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    return save


@pytest.fixture
def with_htmx(settings):
    """Serves htmx as config/settings.py does once `npm install` has fetched it."""
    from meetings.templatetags.meetings_tags import _htmx_available

    if not (HTMX_DIST / "htmx.min.js").exists():
        pytest.skip("htmx is not installed (npm install --omit=dev)")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("htmx", HTMX_DIST)]
    _htmx_available.cache_clear()
    yield
    _htmx_available.cache_clear()
