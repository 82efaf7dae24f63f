"""A newcomer's first run and an editor's newsroom, in a real browser: the
verification email read in the development outbox, and an application
approved from its own page."""

import pytest
from playwright.sync_api import expect

from accounts.models import AuthorApplication, User
from tests.browser.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def outbox(settings, live_server, tmp_path):
    """`make run`'s mail: kept in the outbox, read at /dev/outbox/ (DEBUG on)."""
    settings.DEBUG = True
    settings.FOLIO_OUTBOX_DIR = tmp_path / "outbox"
    settings.FOLIO_SITE_URL = live_server.url
    settings.MAILERS = {"default": {"BACKEND": "core.outbox.OutboxBackend"}}


def test_a_newcomer_verifies_their_email_from_the_outbox(page, outbox):
    page.goto("/accounts/register/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Email address").fill("newcomer@example.org")
    page.get_by_label("Display name").fill("New Comer")
    page.locator("#id_password1").fill("a sturdy Passphrase 42")
    page.get_by_label("Password confirmation").fill("a sturdy Passphrase 42")
    page.get_by_role("button", name="Register").click()

    page.goto("/dev/outbox/")
    page.get_by_role("link", name="Confirm your email address for Folio").click()
    page.get_by_role("link", name="/accounts/verify/").click()
    page.get_by_role("button", name="Confirm my email address").click()

    expect(page.get_by_role("heading", name="Email address confirmed")).to_be_visible()
    assert User.objects.get(username="newcomer").email_verified


def test_an_editor_approves_an_application_from_its_page(page, live_server):
    applicant = UserFactory(username="hopeful", email_verified=True)
    AuthorApplication.objects.create(
        user=applicant, bio="I teach chemistry.", topics="Kitchen science."
    )
    editor = UserFactory(is_staff=True, groups=["Editors"])
    sign_in(page, live_server, editor)

    page.goto("/")
    page.get_by_role("link", name="Applications (1)").click()
    page.get_by_role("link", name="hopeful").click()
    page.get_by_label("Action:").select_option("approve")
    page.get_by_role("button", name="Run").click()
    page.get_by_label("Note to the applicant (optional)").fill("Welcome aboard.")
    page.get_by_role("button", name="Approve applications").click()

    expect(page.get_by_text("1 application approved")).to_be_visible()
    application = AuthorApplication.objects.get(user=applicant)
    assert (application.status, application.editor_note) == (
        "approved",
        "Welcome aboard.",
    )
