"""Browser tests: Debian's chromium driven by Playwright against pytest-django's
``live_server`` (one per xdist worker).

- No browser is ever downloaded: Chromium is ``/usr/bin/chromium`` (or
  ``NIDAA_CHROMIUM``). Without it the tests are skipped on a laptop and fail
  under CI (``CI`` set), where they must run.
- Every request that does not go to 127.0.0.1 is aborted, so a page can never
  reach the network.
- Personas sign in through a Django session made with ``Client.force_login``
  and handed to the browser as its ``sessionid`` cookie.
- Screenshots go to ``test-artifacts/screenshots/`` (git-ignored).
- axe-core comes from ``node_modules/`` (``npm ci``, run by ``make install``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.test import Client

# Playwright's sync API runs an event loop in this thread; Django would
# otherwise refuse ORM calls made from the test body next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("NIDAA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}
TIMEOUT_MS = 10_000
# A Moroccan visitor's browser, in French (it sends Accept-Language: fr-MA).
LOCALE = "fr-MA"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; under CI the browser tests must run."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[Any]:
    # The test database exists before Playwright starts: once it runs, Django's
    # ``connections`` (context-local) hand this thread a new connection.
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing: install Debian's chromium (scripts/system-deps.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package 'playwright' is not installed (make install)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
        # Close the connections opened while Playwright ran, before the
        # test database is dropped (PostgreSQL refuses to drop a database in use).
        connections.close_all()


def _local_only(route: Any) -> None:
    host = urlsplit(route.request.url).hostname
    if route.request.url.startswith(("data:", "blob:", "about:")) or host in {"127.0.0.1", "localhost"}:
        route.continue_()
    else:
        route.abort()


def log_in(context: Any, user: Any, base_url: str) -> None:
    """Sign ``user`` in for every page of ``context`` with a real Django session."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": base_url}])


@pytest.fixture
def new_context(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """``new_context(mobile=False, user=None, locale="fr-MA")``: a fresh browser
    context on the live server (1280x800, or 360x740 for ``mobile``), signed in
    as ``user``, whose browser speaks ``locale`` (its Accept-Language)."""
    contexts: list[Any] = []

    def make(*, mobile: bool = False, user: Any = None, locale: str = LOCALE) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id="Africa/Casablanca",
            viewport=MOBILE if mobile else DESKTOP,
            is_mobile=mobile,
            has_touch=mobile,
            device_scale_factor=1,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", _local_only)
        if user is not None:
            log_in(context, user, live_server.url)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _watched_page(context: Any) -> Any:
    page = context.new_page()
    page.js_errors = []  # uncaught exceptions in the page's scripts
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    return page


@pytest.fixture
def page(new_context: Callable[..., Any]) -> Iterator[Any]:
    """A desktop page (1280x800) in its own context, anonymous."""
    page = _watched_page(new_context())
    yield page
    assert not page.js_errors, f"JavaScript errors on the page: {page.js_errors}"


@pytest.fixture
def mobile_page(new_context: Callable[..., Any]) -> Iterator[Any]:
    """A phone-sized page (360x740) in its own context, anonymous."""
    page = _watched_page(new_context(mobile=True))
    yield page
    assert not page.js_errors, f"JavaScript errors on the page: {page.js_errors}"


@pytest.fixture
def page_as(new_context: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """``page_as(user, mobile=False)``: a page in a fresh context signed in as ``user``."""
    pages: list[Any] = []

    def make(user: Any, *, mobile: bool = False) -> Any:
        page = _watched_page(new_context(user=user, mobile=mobile))
        pages.append(page)
        return page

    yield make
    for page in pages:
        assert not page.js_errors, f"JavaScript errors on the page: {page.js_errors}"


def screenshot(page: Any, name: str) -> Path:
    """A full-page PNG under test-artifacts/screenshots/ for a reviewer to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


SEVERE = ("serious", "critical")


def axe_violations(page: Any, impacts: tuple[str, ...] = SEVERE) -> list[dict[str, Any]]:
    """axe-core's violations of the given impacts on the page as it is now."""
    if not AXE.exists():
        unavailable(f"{AXE.relative_to(ROOT)} is missing: run `make install` (npm ci)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: a <script> tag of the test's
        # own would be refused by the pages' Content-Security-Policy, as it should.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = ["/".join(map(str, node.get("target", []))) for node in violation.get("nodes", [])]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets[:8]}")
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def territories(transactional_db: None) -> None:
    """The territorial reference data that migrations load: a transactional
    test's flush removes it, so each browser test loads it again if needed."""
    from nidaa.directory.models import Territory
    from nidaa.directory.services import sync_territories_into

    if not Territory.objects.exists():
        sync_territories_into(Territory)


@pytest.fixture(autouse=True)
def browser_test_settings(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Personas are made per test; the production hasher costs ~0.5 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate-limit counters and the catalogue's cached counts and page anchors
    # live in the cache, which outlives the database between tests.
    for cache in caches.all():
        cache.clear()
