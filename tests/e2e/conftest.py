"""End-to-end fixtures: the system's Chromium driven by Playwright against pytest-django's live server.

- Chromium is `/usr/bin/chromium` (or `E2E_CHROMIUM`); without it the tests are skipped with a
  message, except under `CI=true`, where they fail (DESIGN.md §8).
- The live server is transactional: Django flushes every table after each test, Wagtail's root
  page, default site, root collection, groups and review workflow included. The tests use
  `serialized_rollback` (the migrated state is restored before each test) and the package
  restores that state once more after its last test, so later transactional tests find it too.
- SQLite: Django's test database is a shared in-memory database whose one connection the live
  server's request threads share with the test. Requests are therefore serialised by a lock that
  the test also takes (`app.db_lock`) when it writes while a page is open.
- Logging in through the form is tested once (scenario 1); the others copy a session cookie made
  with `Client.force_login` into the browser context.
- `E2E_SCREENSHOT_DIR=docs/screenshots` saves the key screens there (`make screenshots`), taken by
  test_demo_screens.py from the demo content; a failing test saves the screens it failed on into
  its `tmp_path` (the path is printed with the failure).
- `E2E_DEBUG=1` prints the browser's POST requests and their responses (autosave, pings, forms).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, connections
from django.test import Client
from django.test.testcases import LiveServerThread

from tests.db_state import load_migrated_state

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Generous: CI is a loaded 2-core machine. Playwright waits only as long as it must.
TIMEOUT_MS = 20_000
NAVIGATION_TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1280, "height": 900}
E2E_DIR = Path(__file__).parent


def _missing_requirement() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set E2E_CHROMIUM)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    e2e_items = [item for item in items if E2E_DIR in Path(str(item.path)).parents]
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
    missing = _missing_requirement()
    if not e2e_items or missing is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"End-to-end tests cannot run under CI=true: {missing}.")
    skip = pytest.mark.skip(reason=f"e2e browser tests skipped: {missing}")
    for item in e2e_items:
        item.add_marker(skip)


# --- The live server --------------------------------------------------------------------------


class _Gate:
    """Requests pass one at a time, and only while a test runs.

    On SQLite all request threads share the test's one connection, so requests must not overlap
    each other or the test's writes. On both backends a request still in flight when a test ends
    (an editing-session ping, a late autosave) must not meet the flush that follows or write into
    the next test's data: closing the gate waits for it and turns later ones away with a 503."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.open = False

    def set_open(self, value: bool) -> None:
        with self.lock:
            self.open = value


class _GatedApp:
    def __init__(self, app, gate: _Gate):
        self.app = app
        self.gate = gate

    def __call__(self, environ, start_response):
        with self.gate.lock:
            if not self.gate.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"Between tests."]
            return self.app(environ, start_response)


class _GatedServerThread(LiveServerThread):
    gate: _Gate

    def _create_server(self, connections_override=None):
        server = super()._create_server(connections_override=connections_override)
        set_app = server.set_app
        server.set_app = lambda app: set_app(_GatedApp(app, self.gate))
        return server


@pytest.fixture(scope="package")
def live_server(django_db_setup, django_db_blocker) -> Iterator:
    """pytest-django's live server on 127.0.0.1, its requests passing through a `_Gate`.

    Overrides pytest-django's session fixture of the same name (its autouse helper still enables
    the server's ALLOWED_HOSTS and requests `transactional_db`)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1", start=False)
    template = server.thread
    thread = _GatedServerThread(
        template.host,
        static_handler=template.static_handler,
        connections_override=template.connections_override,
        port=template.port,
    )
    thread.gate = _Gate()
    thread.daemon = True
    server.thread = thread
    server.start()
    yield server
    server.stop()
    # The last test's flush left the tables empty (serialized_rollback skips post_migrate): put
    # back the migrated state for the transactional tests that run after this package.
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with django_db_blocker.unblock():
            load_migrated_state(contents)


@dataclass
class App:
    """The running CMS as the tests see it."""

    url: str
    lock: threading.RLock | None

    def __call__(self, path: str) -> str:
        return self.url + path

    @contextlib.contextmanager
    def db_lock(self) -> Iterator[None]:
        """Hold while the test writes to the database with a page open (a no-op on PostgreSQL)."""
        if self.lock is None:
            yield
        else:
            with self.lock:
                yield


@pytest.fixture
def app(live_server) -> Iterator[App]:
    gate: _Gate = live_server.thread.gate
    shares_connection = bool(live_server.thread.connections_override)
    gate.set_open(True)
    yield App(url=live_server.url, lock=gate.lock if shares_connection else None)
    # Waits for a request in flight, then refuses the rest until the next test (before the flush).
    gate.set_open(False)


# --- The browser ------------------------------------------------------------------------------


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_calls_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
    thread with a running loop unless told otherwise. Only while the e2e tests run (DESIGN.md §8):
    the variable fails Django's deployment checks, which other tests run in subprocesses."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    # While Playwright's sync API runs, this thread has a running event loop, so Django's
    # connection handler (asgiref Local, thread_critical) switches from thread-local to
    # context-local storage and would hand the test a second connection: one the live server
    # does not share on SQLite, and without the serialized state `serialized_rollback` restores.
    # Keep the thread's own connections in both places.
    wrappers = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, wrapper in wrappers.items():
            connections[alias] = wrapper
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class FrontendRequests:
    """Requests the browser made to FRONTEND_BASE_URL (no frontend runs in tests)."""

    urls: list[str] = field(default_factory=list)


@dataclass
class Browse:
    """Opens browser pages, logged in as a given user or anonymous."""

    browser: object
    app: App
    frontend: FrontendRequests
    contexts: list = field(default_factory=list)

    def new_page(self, user: AbstractBaseUser | None = None, *, second_factor: bool = False):
        from playwright.sync_api import Route

        context = self.browser.new_context(base_url=self.app.url, viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)

        def frontend(route: Route) -> None:
            self.frontend.urls.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<h1>Frontend stand-in</h1>")

        context.route(settings.FRONTEND_BASE_URL.rstrip("/") + "/**", frontend)
        if user is not None:
            context.add_cookies([self._session_cookie(user, second_factor=second_factor)])
        self.contexts.append(context)
        page = context.new_page()
        if os.environ.get("E2E_DEBUG"):
            page.on("request", lambda r: print("REQ", r.method, r.url) if r.method == "POST" else None)
            page.on(
                "response", lambda r: print("RESP", r.status, r.url) if r.request.method == "POST" else None
            )
        return page

    def _session_cookie(self, user: AbstractBaseUser, *, second_factor: bool) -> dict:
        # Client.force_login runs django.contrib.auth.login and stores the session: reuse its cookie.
        client = Client()
        with self.app.db_lock():
            client.force_login(user)
            if second_factor and django_apps.is_installed("django_otp"):
                # What a verified TOTP code leaves in the session (django_otp.login), for scenarios
                # about approving rather than about signing in with a second factor.
                from django_otp import DEVICE_ID_SESSION_KEY
                from django_otp.plugins.otp_totp.models import TOTPDevice

                device = TOTPDevice.objects.create(user=user, name="e2e authenticator", confirmed=True)
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
        return {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": self.app.url,
        }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def browse(browser, app: App, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Browse]:
    browse = Browse(browser=browser, app=app, frontend=FrontendRequests())
    yield browse
    failed = request.node.stash.get(_FAILED, False)
    for number, context in enumerate(browse.contexts):
        if failed:
            for page_number, page in enumerate(context.pages):
                path = tmp_path / f"failure-{number}-{page_number}.png"
                with contextlib.suppress(Exception):
                    page.screenshot(path=path, full_page=True)
                    print(f"e2e failure screenshot ({page.url}): {path}")
        context.close()


@pytest.fixture
def screenshot() -> Callable:
    """`screenshot(page, "name")` saves a key screen under E2E_SCREENSHOT_DIR when that is set."""
    directory = os.environ.get("E2E_SCREENSHOT_DIR")

    def take(page, name: str) -> None:
        if directory:
            target = Path(directory)
            target.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=target / f"{name}.png", full_page=True, animations="disabled")

    return take
