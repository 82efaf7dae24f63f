"""An author's update to a published article leaves the public page unchanged
until an editor publishes it; then readers see it, "Updated on …" included.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from editorial.revisions import record_revision
from tests.browser.test_author_journey import new_page, sign_in
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.browser

LIVE_TITLE = "How Tides Work"
NEW_TITLE = "How Tides Really Work"
NEW_BODY = (
    "The moon pulls the sea.\n\n"
    "## Spring and neap tides\n\n"
    "The sun adds its pull twice a month."
)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(transactional_db):
    author = AuthorFactory(
        user__username="tidewriter",
        user__email_verified=True,
        user__groups=["Authors"],
    )
    article = ArticleFactory(
        author=author, title=LIVE_TITLE, body_source="The moon pulls the sea."
    )
    record_revision(article, by=author.user)
    return article


@pytest.fixture
def editor(transactional_db):
    user = UserFactory(username="deskeditor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    TOTPDevice.objects.create(user=user, name="Phone")  # staff sign in with a code
    return user


def propose_and_submit(page):
    page.goto("/dashboard/")
    page.get_by_role("link", name=re.compile("^Propose a change")).click()
    expect(page.get_by_role("textbox", name="Title")).to_have_value(LIVE_TITLE)
    page.get_by_role("textbox", name="Title").fill(NEW_TITLE)
    page.get_by_role("textbox", name="Body").fill(NEW_BODY)
    live = page.locator("#live-preview")
    expect(live.get_by_role("heading", name="Spring and neap tides")).to_be_visible()
    page.get_by_role("button", name="Save proposal").click()
    expect(page.get_by_text("Update saved.")).to_be_visible()
    expect(page.locator(".revision-diff ins").first).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(
        page.get_by_text(f"Your update to “{LIVE_TITLE}” is submitted.")
    ).to_be_visible()
    expect(page.get_by_text("In review")).to_be_visible()


def test_an_update_reaches_readers_only_once_an_editor_publishes_it(
    page, browser, live_server, browser_problems, article, editor
):
    reader = new_page(browser, live_server, browser_problems)
    reader.goto(article.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(LIVE_TITLE)

    sign_in(page, "tidewriter", "correct horse")
    propose_and_submit(page)

    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text(LIVE_TITLE)
    expect(reader.get_by_text("Updated on")).to_have_count(0)

    desk = new_page(browser, live_server, browser_problems)
    sign_in(desk, "deskeditor", "correct horse")
    desk.goto("/admin/editorial/articleproposal/")
    desk.get_by_role("link", name=LIVE_TITLE).click()
    expect(desk.locator(".revision-diff ins").first).to_be_visible()
    desk.get_by_role("button", name="Publish this update").click()
    expect(desk.get_by_text("readers see it now")).to_be_visible()

    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(reader.get_by_role("heading", name="Spring and neap tides")).to_be_visible()
    expect(reader.get_by_text(re.compile(r"^Updated on "))).to_be_visible()
