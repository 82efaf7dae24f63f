"""Playwright driving Debian's Chromium against pytest-django's live server.

`playwright install` is never needed: the browser is the distribution's
Chromium. Every page a test opens fails the test if the browser reports a
console error, an uncaught exception or a Content-Security-Policy violation.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from core.roles import sync_roles

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home, and a closed network refuses it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "Chromium not installed: apt-get install -y chromium"


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    Its threads share the test's one in-memory SQLite connection, and a page
    may send two requests at once (the editor's live preview and its
    autosave): their queries must not interleave on that connection.
    """

    # One for every live server: the page fixture takes it too, after its
    # browser is closed, to wait out a request still being answered before
    # the test's tables are emptied.
    busy = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.busy:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATime


def find_chromium():
    """The path of Debian's Chromium, or None."""
    found = shutil.which("chromium")
    if found:
        return found
    debian = Path("/usr/bin/chromium")
    return str(debian) if debian.exists() else None


def running_in_ci():
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module; missing Chromium fails in CI, skips locally."""
    executable = find_chromium()
    if executable is None:
        if running_in_ci():
            pytest.fail(f"{INSTALL_HINT} (browser tests must run in CI)")
        pytest.skip(INSTALL_HINT)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and
    # Django refuses ORM calls next to a running loop unless told otherwise.
    # Module scope keeps the loop (and the flag) away from other test modules.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture(autouse=True)
def roles(transactional_db):
    """Each live-server test empties every table when it ends, the roles'
    groups included: make them again, as every migrate does."""
    sync_roles()


@pytest.fixture
def browser_problems():
    """What the browser complained about while the test ran."""
    return []


@pytest.fixture
def context_options():
    """Options of the page's browser context; a test module may override them."""
    return {}


@pytest.fixture
def page(browser, live_server, browser_problems, context_options):
    """A fresh page; the test fails if the browser reported any error."""
    context = browser.new_context(base_url=live_server.url, **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)

    def on_console(message):
        if message.type == "error":
            kind = (
                "CSP violation"
                if "Content Security Policy" in message.text
                else "console error"
            )
            source = message.location.get("url") or page.url
            browser_problems.append(f"{kind} ({source}): {message.text}")

    def on_page_error(error):
        browser_problems.append(f"uncaught exception on {page.url}: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    in_flight = set()
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    yield page
    close_quietly(context, in_flight, browser_problems)
    if browser_problems:
        pytest.fail("The browser reported:\n" + "\n".join(browser_problems))


def close_quietly(context, in_flight, browser_problems):
    """Close the pages once no request of theirs is still at the server.

    An open editor saves its text as it closes (autosave). The requests under
    way are waited for, and those the closing pages make are refused by the
    browser, so the server never answers one while the test's tables are
    emptied; what the pages report once cut off is no problem of the test.
    """
    live = [page for page in context.pages if not page.is_closed()]
    for _ in range(100):
        if not in_flight or not live:
            break
        live[0].wait_for_timeout(50)
    reported = len(browser_problems)
    context.set_offline(True)
    context.close()
    with OneRequestAtATime.busy:  # no request is being answered any more
        pass
    del browser_problems[reported:]


def sign_in(page, live_server, user):
    """Give the page's browser the session of `user`, signed in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    cookie = {"name": name, "value": client.cookies[name].value, "url": live_server.url}
    page.context.add_cookies([cookie])
