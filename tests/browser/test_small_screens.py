"""An author's pages on the smallest phones: nothing wider than the screen."""

import pytest

from editorial.revisions import record_revision
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.browser

LONG_TITLE = "An article title long enough to wrap on the smallest phones about tides"


@pytest.fixture
def writer(page, live_server):
    """An author with a draft and a published article, signed in."""
    writer = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    sign_in(page, live_server, writer.user)
    return writer


@pytest.mark.parametrize("width", [320, 390])
def test_no_author_page_is_wider_than_a_phone(page, writer, width):
    draft = ArticleFactory(author=writer, draft=True, title=LONG_TITLE)
    record_revision(draft, by=writer.user)
    published = ArticleFactory(author=writer, title=LONG_TITLE + ", published")
    page.set_viewport_size({"width": width, "height": 800})
    too_wide = []
    for path in [
        "/dashboard/",
        f"/dashboard/articles/{draft.pk}/edit/",
        f"/dashboard/articles/{published.pk}/update/",
        f"/dashboard/articles/{draft.pk}/preview-links/",
        "/dashboard/media/",
        "/accounts/",
        "/accounts/profile/",
    ]:
        page.goto(path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide.append(f"{path}: {scroll_width} px")
    assert not too_wide, too_wide
