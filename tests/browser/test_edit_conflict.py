"""Two tabs edit the same draft: the second save is refused, nothing is lost."""

import pytest
from playwright.sync_api import expect

from blog.models import Article
from editorial.revisions import record_revision
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(page, live_server):
    """A draft with one revision, its author signed in to the browser."""
    writer = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    article = ArticleFactory(
        draft=True,
        author=writer,
        title="Tides",
        body_source="The moon pulls the sea.",
    )
    record_revision(article, by=writer.user)
    sign_in(page, live_server, writer.user)
    return article


def test_the_second_of_two_saves_is_refused_with_a_diff_and_then_merged(
    page, draft, browser_problems
):
    edit = f"/dashboard/articles/{draft.pk}/edit/"
    page.goto(edit)
    other_tab = page.context.new_page()
    other_tab.goto(edit)

    other_tab.get_by_role("textbox", name="Body").fill("The moon pulls the ocean.")
    other_tab.get_by_role("button", name="Save draft").click()
    expect(other_tab.get_by_text("Draft saved.")).to_be_visible()

    page.get_by_role("textbox", name="Body").fill("The moon and the sun pull the sea.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("saved this article after you opened it")).to_be_visible()
    # The refused save answers 409 Conflict, which Chromium logs as an error.
    browser_problems.remove(
        next(p for p in browser_problems if "status of 409 (Conflict)" in p)
    )
    theirs = page.locator(".version-conflict .revision-diff").first
    expect(theirs.locator("del")).to_have_text("sea.</p>")
    expect(theirs.locator("ins")).to_have_text("ocean.</p>")
    expect(page.get_by_label("Their body, to copy from")).to_have_value(
        "The moon pulls the ocean."
    )
    mine = page.get_by_role("textbox", name="Body", exact=True)
    expect(mine).to_have_value("The moon and the sun pull the sea.")

    mine.fill("The moon and the sun pull the ocean.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    article = Article.objects.get(pk=draft.pk)
    kept = list(article.revisions.values_list("body_source", flat=True))
    assert article.body_source == "The moon and the sun pull the ocean."
    assert "The moon pulls the ocean." in kept
