"""A reader comments, a moderator approves, everyone sees it: in a browser.

Every page here also fails the test on any console error or CSP violation
(see the `page` fixture); the second reader's pages are watched the same way.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.browser

BODY = "Sleeping eight hours changed my mornings."


@pytest.fixture(autouse=True)
def commenting_settings(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 0  # a test types faster than a person
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory(title="A guide to better sleep")


@pytest.fixture
def moderator():
    return UserFactory(username="mod", is_staff=True, groups=["Moderators"])


def watched_page(context, browser_problems):
    """A page whose console errors and exceptions fail the test."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on(
        "console",
        lambda m: (
            m.type == "error" and browser_problems.append(f"{page.url}: {m.text}")
        ),
    )
    page.on("pageerror", lambda error: browser_problems.append(str(error)))
    return page


@pytest.fixture
def fresh_page(browser, live_server, browser_problems):
    """A second browser with its own cookies: another reader."""
    context = browser.new_context(base_url=live_server.url)
    page = watched_page(context, browser_problems)
    yield page
    context.close()


def fill_comment(page, *, email):
    page.get_by_role("textbox", name=re.compile("^Name")).fill("Ada Reader")
    page.get_by_role("textbox", name=re.compile("^Email")).fill(email)
    page.get_by_role("textbox", name=re.compile("^Comment")).fill(BODY)
    page.get_by_role("button", name="Post Comment").click()


def approve_as_moderator(browser, live_server, browser_problems, moderator):
    """The moderator, logged in, in a browser of their own, approves it."""
    client = Client()
    client.force_login(moderator)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session,
                "url": live_server.url,
            }
        ]
    )
    page = watched_page(context, browser_problems)
    page.goto("/moderation/")
    row = page.locator("tr", has_text=BODY)
    row.get_by_role("button", name="Approve").click()
    expect(page.locator("tr", has_text=BODY)).to_have_count(0)
    context.close()


def expect_bad_request_reported(browser_problems):
    """Chromium logs the form's 400 answer as a console error: that one is meant."""
    bad_requests = [p for p in browser_problems if "status of 400" in p]
    assert len(bad_requests) == 1
    browser_problems.remove(bad_requests[0])


def test_reader_comments_and_a_moderator_publishes_it(
    page, fresh_page, browser, live_server, article, moderator, browser_problems
):
    page.goto(article.get_absolute_url())
    fill_comment(page, email="ada@example")  # the browser lets it by, the server not
    email = page.get_by_role("textbox", name=re.compile("^Email"))
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(
        re.compile("Enter a valid email address.")
    )
    expect_bad_request_reported(browser_problems)

    fill_comment(page, email="ada@example.org")
    expect(
        page.get_by_text("Your comment is awaiting moderation.").first
    ).to_be_visible()
    own_comment = page.locator(".comment-list li", has_text=BODY)
    expect(own_comment.get_by_text("Awaiting moderation", exact=True)).to_be_visible()

    fresh_page.goto(article.get_absolute_url())
    expect(fresh_page.get_by_role("heading", name="0 comments")).to_be_visible()
    expect(fresh_page.get_by_text(BODY)).to_have_count(0)

    approve_as_moderator(browser, live_server, browser_problems, moderator)
    assert Comment.objects.get(body=BODY).moderated_by == moderator

    fresh_page.reload()
    expect(fresh_page.locator(".comment-list").get_by_text(BODY)).to_be_visible()
    expect(fresh_page.get_by_role("heading", name="1 comment")).to_be_visible()
