"""A reader's way through the site, in a real browser.

Every test here also fails on any console error, uncaught exception or
Content-Security-Policy violation (see the `page` fixture).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

SENTENCE = "Sleep is when the body repairs itself and memory settles. "
FILLER = f"<p>{SENTENCE * 12}</p>" * 15  # pushes the next heading off screen
BODY = (
    "<p>An introduction worth reading before the sections.</p>"
    f"<h2>Why sleep matters</h2>{FILLER}"
    f"<h2>How to sleep better</h2>{FILLER}"
)


@pytest.fixture
def articles():
    """The newest article, with two sections, and an older one."""
    now = timezone.now()
    newest = ArticleFactory(
        title="A guide to better sleep",
        body_source=BODY,
        published_at=now - timedelta(hours=1),
    )
    ArticleFactory(title="An older article", published_at=now - timedelta(days=2))
    return newest


def test_reader_follows_an_article_from_home_to_a_section(page, articles):
    page.goto("/")
    first_title = page.locator("main article h2 a").first
    expect(first_title).to_have_text(articles.title)

    first_title.click()
    expect(page).to_have_url(re.compile(re.escape(articles.get_absolute_url()) + "$"))

    section = articles.toc[1]
    heading = page.locator(f"h2#{section['id']}")
    expect(heading).not_to_be_in_viewport()
    page.locator(f'nav#toc a[href="#{section["id"]}"]').click()
    expect(page).to_have_url(re.compile(f"#{section['id']}$"))
    expect(heading).to_be_in_viewport()


def test_table_of_contents_lists_every_section_heading(page, articles):
    page.goto(articles.get_absolute_url())
    toc = page.get_by_role("navigation", name="Table of contents")
    expect(toc.locator('a[href^="#"]')).to_have_text(
        ["Why sleep matters", "How to sleep better"]
    )


def test_skip_link_is_the_first_stop_for_keyboard_focus(page, articles):
    page.goto("/")
    skip_link = page.get_by_role("link", name="Skip to main content")
    hidden_box = skip_link.bounding_box()
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    # Bootstrap's visually-hidden-focusable shrinks it to a pixel until focused.
    assert hidden_box["width"] <= 1
    assert skip_link.bounding_box()["width"] > 1


def test_skip_link_takes_the_reader_to_the_main_content(page, articles):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("main")).to_be_focused()


def test_bootstrap_css_comes_from_the_sites_own_static_files(page, live_server):
    stylesheet = f"{live_server.url}/static/css/bootstrap.min.css"
    with page.expect_response(stylesheet) as response_info:
        page.goto("/")
    response = response_info.value
    assert response.status == 200
    assert "text/css" in response.headers["content-type"]
