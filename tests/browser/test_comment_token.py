"""The comment form's token, in a browser: the cached page's token is swapped
for the reader's own when they start on the form, and that one is taken once."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def commenting_settings(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 0  # a test types faster than a person
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


def textbox(page, label):
    return page.get_by_role("textbox", name=re.compile(f"^{label}"))


def token(page) -> str:
    return page.locator("#comment-form input[name=issued]").input_value()


def test_starting_on_the_form_swaps_the_pages_token_for_the_readers_own(page):
    article = ArticleFactory()
    page.goto(article.get_absolute_url())
    shared = token(page)
    textbox(page, "Name").fill("Ada Reader")
    expect(page.locator("#comment-form input[name=issued]")).not_to_have_value(shared)


def test_a_comment_sent_at_once_waits_for_the_readers_own_token(page):
    article = ArticleFactory()
    page.goto(article.get_absolute_url())
    shared = token(page)
    textbox(page, "Name").fill("Ada Reader")
    textbox(page, "Email").fill("ada@example.org")
    textbox(page, "Comment").fill("Mornings got easier.")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text("awaiting moderation").first).to_be_visible()
    assert Comment.objects.get().body == "Mornings got easier."
    assert token(page) != shared
