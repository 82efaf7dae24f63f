"""Issue 4's whole journey in real browsers: a stranger becomes a published author.

register → confirm the emailed link → sign in → apply → an editor approves
→ write an article with two headings and a cover → preview → submit → the
editor publishes it in the admin → an anonymous reader finds it on the home
page, in the feed and by search.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.test_registration import PASSWORD, verification_path
from tests.factories import UserFactory, totp_code
from tests.imaging.images import image_bytes

pytestmark = pytest.mark.browser

TITLE = "Why Bread Rises"
BODY = (
    "Yeast eats sugar and breathes out gas.\n\n"
    "## What the yeast does\n\n"
    "It makes carbon dioxide, which the gluten traps.\n\n"
    "## Why the oven matters\n\n"
    "Heat makes the gas expand, then sets the crumb."
)


@pytest.fixture(autouse=True)
def fresh_state():
    cache.clear()
    mail.outbox = []
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    user = UserFactory(username="chiefeditor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    TOTPDevice.objects.create(user=user, name="Phone")  # staff sign in with a code
    return user


def new_page(browser, live_server, browser_problems):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.on(
        "console",
        lambda m: browser_problems.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: browser_problems.append(str(error)))
    return page


def sign_in(page, username, password):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    device = TOTPDevice.objects.filter(user__username=username).first()
    if device is not None:  # then the code from the authenticator app
        page.get_by_label("Code").fill(totp_code(device))
        page.get_by_role("button", name="Sign in").click()


def register_confirm_and_apply(page):
    page.goto("/accounts/register/")
    page.get_by_label("Username").fill("breadwriter")
    page.get_by_label("Email address").fill("bread@example.org")
    page.get_by_label("Display name").fill("Bread Writer")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.goto(verification_path(mail.outbox[-1]))
    page.get_by_role("button", name="Confirm my email address").click()
    sign_in(page, "breadwriter", PASSWORD)
    page.goto("/accounts/apply/")
    page.get_by_label("A short bio").fill("I bake at dawn.")
    page.get_by_label("What you want to write about").fill("Kitchen science.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Your application is pending")).to_be_visible()


def run_admin_action(page, changelist, row_text, action):
    page.goto(changelist)
    row = page.locator("#result_list tr", has_text=row_text)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Run").click()


def write_and_submit(page, tmp_path):
    page.goto("/dashboard/articles/new/")
    page.get_by_role("textbox", name="Title").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill("Yeast, gas and heat.")
    page.get_by_role("textbox", name="Body").fill(BODY)
    live = page.locator("#live-preview")
    expect(live.get_by_role("heading", name="Why the oven matters")).to_be_visible()
    cover = tmp_path / "loaf.png"
    cover.write_bytes(image_bytes("PNG", size=(1200, 675), color="peru"))
    page.get_by_label("Cover image").set_input_files(str(cover))
    page.get_by_label("Cover alt text").fill("A golden loaf")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Status: Draft")).to_be_visible()

    page.get_by_role("link", name="Preview exactly as readers will see it").click()
    expect(page.get_by_role("heading", name="What the yeast does")).to_be_visible()
    expect(page.get_by_role("heading", name="Why the oven matters")).to_be_visible()
    expect(page.locator("article figure img")).to_have_attribute("alt", "A golden loaf")
    page.go_back()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text(f"“{TITLE}” is submitted.")).to_be_visible()


def test_a_stranger_becomes_a_published_author(
    page, browser, live_server, browser_problems, editor, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    register_confirm_and_apply(page)

    desk = new_page(browser, live_server, browser_problems)
    sign_in(desk, "chiefeditor", "correct horse")
    run_admin_action(
        desk, "/admin/accounts/authorapplication/", "breadwriter", "approve"
    )
    desk.get_by_role("button", name="Approve applications").click()
    expect(desk.get_by_text("1 application approved")).to_be_visible()

    write_and_submit(page, tmp_path)

    run_admin_action(desk, "/admin/blog/article/", TITLE, "publish_now")
    expect(desk.get_by_text("1 article published.")).to_be_visible()

    reader = new_page(browser, live_server, browser_problems)
    reader.goto("/")
    expect(reader.get_by_role("link", name=TITLE)).to_be_visible()
    feed = reader.request.get("/feed/")
    assert TITLE in feed.text()
    reader.goto("/search/?q=yeast")
    expect(reader.get_by_role("link", name=TITLE)).to_be_visible()
