"""Replying in place and commenting signed in, in a browser.

Reply opens the form under the comment answered (without a script, the
Reply link loads the page with the form set to answer it); a signed-in
reader has no name or email to type.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory

pytestmark = pytest.mark.browser

BODY = "Same here: mornings got easier."


@pytest.fixture(autouse=True)
def commenting_settings(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 0  # a test types faster than a person
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory(title="A guide to better sleep")


@pytest.fixture
def grace(article):
    return CommentFactory(article=article, name="Grace", body="Naps help too.")


def textbox(page, label):
    return page.get_by_role("textbox", name=re.compile(f"^{label}"))


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session,
                "url": live_server.url,
            }
        ]
    )


def test_reply_opens_under_the_comment_and_is_posted_as_a_reply(
    page, live_server, article, grace
):
    url = article.get_absolute_url()
    page.goto(url)
    page.get_by_role("link", name="Reply to Grace").click()

    under_grace = page.locator(f"#comment-{grace.pk} #comment-form")
    expect(under_grace).to_be_visible()
    expect(page.get_by_role("heading", name="Reply to Grace")).to_be_visible()
    expect(textbox(page, "Comment")).to_be_focused()
    expect(page).to_have_url(f"{live_server.url}{url}")  # nothing was loaded

    textbox(page, "Name").fill("Ada Reader")
    textbox(page, "Email").fill("ada@example.org")
    textbox(page, "Comment").fill(BODY)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    assert Comment.objects.get(body=BODY).parent == grace


def test_reply_sent_back_with_errors_comes_back_under_its_comment(
    page, live_server, article, grace, browser_problems
):
    url = article.get_absolute_url()
    page.goto(url)
    page.get_by_role("link", name="Reply to Grace").click()
    textbox(page, "Name").fill("Ada Reader")
    textbox(page, "Email").fill("ada@example")  # the server refuses it
    textbox(page, "Comment").fill(BODY)
    page.get_by_role("button", name="Post Comment").click()

    expect(page.locator(f"#comment-{grace.pk} #comment-errors")).to_be_focused()
    expect(page.get_by_role("heading", name="Reply to Grace")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}{url}#comment-form")
    [bad_request] = [p for p in browser_problems if "status of 400" in p]
    browser_problems.remove(bad_request)

    textbox(page, "Email").fill("ada@example.org")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    assert Comment.objects.get(body=BODY).parent == grace


def test_cancel_reply_puts_the_form_back_for_a_new_comment(page, article, grace):
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Reply to Grace").click()
    page.get_by_role("link", name="Cancel reply").click()

    expect(page.locator(f"#comment-{grace.pk} #comment-form")).to_have_count(0)
    expect(page.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(page.get_by_role("link", name="Reply to Grace")).to_be_focused()
    expect(page.locator("#comment-form [name=parent]")).to_have_value("")


def test_without_a_script_reply_loads_the_form_set_to_answer(
    browser, live_server, article, grace
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Reply to Grace").click()
    expect(page).to_have_url(re.compile(rf"\?replyto={grace.pk}#respond$"))
    expect(page.get_by_role("heading", name="Reply to Grace")).to_be_visible()
    expect(page.locator("#comment-form [name=parent]")).to_have_value(str(grace.pk))
    context.close()


def test_signed_in_reader_comments_without_typing_a_name_or_email(
    page, live_server, article
):
    author = AuthorFactory(display_name="Ada Lovelace")
    sign_in(page, live_server, author.user)
    page.goto(article.get_absolute_url())

    expect(page.get_by_text("Ada Lovelace")).to_be_visible()
    expect(textbox(page, "Name")).to_have_count(0)
    expect(textbox(page, "Email")).to_have_count(0)
    assert author.user.email not in page.content()
    textbox(page, "Comment").fill(BODY)
    page.get_by_role("button", name="Post Comment").click()

    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    comment = Comment.objects.get(body=BODY)
    assert (comment.name, comment.email) == ("Ada Lovelace", author.user.email)
    assert author.user.email not in page.content()
