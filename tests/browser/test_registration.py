"""A stranger registers, proves their address, signs in and applies: in a browser.

The verification email is read from Django's in-memory outbox: the live
server runs in this process, mail goes to the locmem backend and tasks run
at once.
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.models import AuthorApplication, User

pytestmark = pytest.mark.browser

PASSWORD = "a sturdy Passphrase 42"


@pytest.fixture(autouse=True)
def fresh_state():
    cache.clear()
    mail.outbox = []
    yield
    cache.clear()


def verification_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/verify/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_stranger_registers_confirms_signs_in_and_applies(page):
    page.goto("/")
    page.get_by_role("link", name="Registration").click()
    expect(page.get_by_role("heading", name="Join the authors team")).to_be_visible()

    page.get_by_label("Username").fill("newwriter")
    page.get_by_label("Email address").fill("newwriter@example.org")
    page.get_by_label("Display name").fill("New Writer")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_text("newwriter@example.org")).to_be_visible()

    assert [m.to for m in mail.outbox] == [["newwriter@example.org"]]
    page.goto(verification_path(mail.outbox[0]))
    page.get_by_role("button", name="Confirm my email address").click()
    expect(page.get_by_role("heading", name="Email address confirmed")).to_be_visible()
    assert User.objects.get(username="newwriter").email_verified

    page.get_by_role("link", name="Sign in to apply").click()
    page.get_by_label("Username").fill("newwriter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(
        page.get_by_role("heading", name="Apply to join the authors team")
    ).to_be_visible()
    page.get_by_label("A short bio").fill("I teach chemistry to teenagers.")
    page.get_by_label("What you want to write about").fill("Kitchen science.")
    page.get_by_label("A link to earlier work (optional)").fill(
        "https://example.org/my-post"
    )
    page.get_by_role("button", name="Send my application").click()

    expect(page.get_by_text("your application is sent")).to_be_visible()
    expect(page.get_by_text("Your application is pending")).to_be_visible()
    application = AuthorApplication.objects.get()
    assert (application.user.username, application.status) == ("newwriter", "pending")


def test_a_wrong_password_five_times_locks_the_sign_in_form(page):
    page.goto("/accounts/login/")
    for _ in range(6):
        page.get_by_label("Username").fill("nobody")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
    expect(
        page.get_by_text("Too many failed sign-ins; try again in 15 minutes.")
    ).to_be_visible()
