"""The moderation queue in a browser: select all, delete, undo; phone widths.

Every page here also fails the test on any console error or CSP violation
(see the `page` fixture).
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.browser

LONG_WORD = "Supercalifragilisticexpialidocious" * 3


@pytest.fixture
def moderator_page(page, live_server):
    """The `page`, signed in as a moderator."""
    client = Client()
    client.force_login(UserFactory(username="mod", groups=["Moderators"]))
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
    return page


@pytest.fixture
def waiting():
    """Three comments awaiting a moderator, one with words too long for a phone."""
    article = ArticleFactory(title="A guide to better sleep and longer mornings")
    return [
        CommentFactory(pending=True, article=article, name="Ada", body="First."),
        CommentFactory(pending=True, article=article, name="Grace", body="Second."),
        CommentFactory(
            pending=True,
            article=article,
            name="Katherine",
            email=f"{LONG_WORD.lower()}@example.org",
            website=f"https://example.org/{LONG_WORD}",
            body=f"See https://example.org/{LONG_WORD}/{LONG_WORD} {LONG_WORD}",
        ),
    ]


def row_boxes(page):
    return page.locator('input[name="comments"][form="bulk-actions"]')


def test_a_moderator_selects_all_deletes_after_confirming_and_undoes(
    moderator_page, waiting
):
    page = moderator_page
    page.goto("/moderation/")
    select_all = page.get_by_label("Select every comment on this page")
    select_all.check()
    for box in row_boxes(page).all():
        expect(box).to_be_checked()
    row_boxes(page).first.uncheck()
    expect(select_all).not_to_be_checked()
    assert page.evaluate("document.getElementById('select-all').indeterminate")
    select_all.check()

    page.get_by_label("With the selected comments").select_option("delete")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name="Delete these 3 comments?")).to_be_visible()
    assert Comment.objects.not_deleted().count() == 3  # nothing yet

    page.get_by_role("button", name="Delete 3 comments").click()
    expect(page.get_by_role("status")).to_contain_text("3 comments deleted.")
    expect(page.get_by_text("Nothing to moderate here.")).to_be_visible()
    assert not Comment.objects.not_deleted().exists()

    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("3 comments restored.")).to_be_visible()
    expect(row_boxes(page)).to_have_count(3)
    assert Comment.objects.pending().count() == 3


def test_a_rows_delete_asks_first_and_cancel_keeps_the_comment(moderator_page, waiting):
    page = moderator_page
    page.goto("/moderation/")
    page.get_by_role("link", name="Delete the comment by Grace").click()
    expect(page.get_by_role("heading", name="Delete this comment?")).to_be_visible()
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(re.compile(r"/moderation/$"))
    expect(row_boxes(page)).to_have_count(3)


def assert_nothing_overflows(page, width):
    scroll, inner = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll <= inner == width


@pytest.mark.parametrize("width", [390, 320])
def test_the_queue_is_stacked_cards_that_fit_a_phone(moderator_page, waiting, width):
    page = moderator_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/moderation/")
    expect(page.locator(".moderation-queue thead")).to_be_hidden()
    assert_nothing_overflows(page, width)
    for name in ["Ada", "Grace", "Katherine"]:
        row = page.locator("tr", has=page.get_by_text(name, exact=True))
        for action in ["Approve", "Reject", "Spam", "Delete"]:
            control = row.locator(".moderation-actions .btn", has_text=action)
            control.scroll_into_view_if_needed()
            box = control.bounding_box()
            assert 0 <= box["x"] and box["x"] + box["width"] <= width, (name, action)


@pytest.mark.parametrize("width", [390, 320])
def test_confirmation_and_undo_fit_a_phone(moderator_page, waiting, width):
    page = moderator_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/moderation/")
    page.get_by_role("link", name="Delete the comment by Katherine").click()
    assert_nothing_overflows(page, width)
    page.get_by_role("button", name="Delete this comment").click()
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    assert_nothing_overflows(page, width)


def test_without_scripts_select_all_is_absent_and_delete_still_asks(
    browser, live_server, moderator_page, waiting
):
    cookies = moderator_page.context.cookies()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto("/moderation/")
    expect(page.get_by_label("Select every comment on this page")).to_be_hidden()
    page.get_by_role("link", name="Delete the comment by Ada").click()
    page.get_by_role("button", name="Delete this comment").click()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("1 comment restored.")).to_be_visible()
    assert Comment.objects.pending().count() == 3
    context.close()
