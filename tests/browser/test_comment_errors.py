"""A comment with a mistake, in a browser: the reader is never lost.

The browser checks what it can before sending; what only the server catches
comes back at the form, with a focused summary linking to each field, under
the article's own address; the corrected comment is taken at once.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.test_accessibility import serious_findings
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.browser

MIN_SECONDS = 2
BODY = "Sleeping eight hours changed my mornings."


@pytest.fixture(autouse=True)
def commenting_settings(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = MIN_SECONDS
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    """An article long enough that its comment form is far below the top."""
    paragraph = "A long paragraph about sleep and mornings. " * 20
    return ArticleFactory(body_source="\n\n".join([paragraph] * 30))


def textbox(page, label):
    return page.get_by_role("textbox", name=re.compile(f"^{label}"))


def fill_comment(page, *, email):
    textbox(page, "Name").fill("Ada Reader")
    textbox(page, "Email").fill(email)
    textbox(page, "Comment").fill(BODY)


def expect_bad_request_reported(browser_problems):
    """Chromium logs the form's 400 answer as a console error: that one is meant."""
    bad_requests = [p for p in browser_problems if "status of 400" in p]
    assert len(bad_requests) == 1
    browser_problems.remove(bad_requests[0])


def test_browser_refuses_an_empty_email_before_sending_anything(page, article):
    page.goto(article.get_absolute_url())
    fill_comment(page, email="")
    page.get_by_role("button", name="Post Comment").click()
    email = textbox(page, "Email")
    assert email.evaluate("field => field.validity.valueMissing")
    expect(page.locator("#comment-errors")).to_have_count(0)
    assert not Comment.objects.exists()


def test_mistyped_email_comes_back_at_the_form_and_a_quick_resend_is_taken(
    page, live_server, article, browser_problems
):
    article_url = article.get_absolute_url()
    page.goto(article_url)
    shown = time.monotonic()
    # The browser takes "ada@example" for an address; the server does not.
    fill_comment(page, email="ada@example")
    page.wait_for_timeout(max(0, MIN_SECONDS + 0.3 - (time.monotonic() - shown)) * 1000)
    page.get_by_role("button", name="Post Comment").click()

    summary = page.locator("#comment-errors")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page.locator("#comment-form")).to_be_in_viewport()
    expect(page).to_have_url(f"{live_server.url}{article_url}#comment-form")
    link = summary.get_by_role("link", name="Email: Enter a valid email address.")
    expect(link).to_be_visible()
    expect_bad_request_reported(browser_problems)

    link.click()
    email = textbox(page, "Email")
    expect(email).to_be_focused()
    expect(textbox(page, "Comment")).to_have_value(BODY)
    email.fill("ada@example.org")
    page.get_by_role("button", name="Post Comment").click()  # at once: not too fast

    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    comment = Comment.objects.get()
    assert (comment.email, comment.body) == ("ada@example.org", BODY)
    expect(page).to_have_url(f"{live_server.url}{article_url}#comment-{comment.pk}")


@pytest.fixture
def axe_page(browser, live_server):
    """A page that may run axe-core despite the site's policy (as in
    test_accessibility.py)."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_error_summary_and_reply_in_place_have_no_serious_accessibility_findings(
    axe_page, article
):
    page = axe_page
    CommentFactory(article=article, name="Grace")
    page.goto(article.get_absolute_url())
    fill_comment(page, email="ada@example")
    page.wait_for_timeout((MIN_SECONDS + 0.3) * 1000)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#comment-errors")).to_be_focused()
    assert serious_findings(page) == []

    page.get_by_role("link", name="Reply to Grace").click()
    expect(page.get_by_role("heading", name="Reply to Grace")).to_be_visible()
    assert serious_findings(page) == []
