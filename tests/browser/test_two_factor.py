"""Two-factor sign-in in a real browser: an editor signs in with a password and
a code from an authenticator app and reaches the admin; one without an app is
sent to set one up."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import UserFactory, totp_code

pytestmark = pytest.mark.browser

PASSWORD = "correct horse"  # UserFactory's


@pytest.fixture
def editor():
    return UserFactory(username="desk", is_staff=True, groups=["Editors"])


def sign_in_with_the_password(page, next_url="/admin/"):
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_editor_signs_in_with_password_and_code_and_reaches_the_admin(page, editor):
    device = TOTPDevice.objects.create(user=editor, name="Phone")
    sign_in_with_the_password(page)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Newsroom")).to_be_visible()


def test_an_editor_without_an_app_sets_one_up_on_the_way_to_the_admin(page, editor):
    sign_in_with_the_password(page)
    expect(
        page.get_by_role("heading", name="Set up two-factor sign-in")
    ).to_be_visible()
    expect(page.get_by_alt_text("QR code for your authenticator app")).to_be_visible()
    device = TOTPDevice.objects.get(user=editor)
    page.get_by_label("Code from the app").fill(totp_code(device))
    page.get_by_role("button", name="Turn on").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("button", name="I have kept them: continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
