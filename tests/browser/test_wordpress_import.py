"""A WordPress site moved in, read in a real browser: the imported article
shows its captioned image and its comment thread with no console error or
CSP violation, and the old addresses lead to it."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from blog.models import Article
from tests.wordpress.conftest import (
    OLD_SITE,
    alice_author,
    attachment,
    comment,
    image_bytes,
    old_site,
    post,
)
from tests.wordpress.conftest import (
    page as wp_page,
)
from tests.wordpress.wxr_builder import wxr_bytes

pytestmark = pytest.mark.browser

BODY = (
    "<!-- wp:paragraph -->\n<p>Sleep is a skill.</p>\n<!-- /wp:paragraph -->\n\n"
    '[caption id="attachment_10" align="aligncenter" width="400"]'
    f'<img src="{OLD_SITE}/wp-content/uploads/2020/05/night.jpg" alt="A night sky"'
    ' width="400" height="300"> Stars over the bay[/caption]\n\n'
    "Second paragraph,\nwith a line break."
)


@pytest.fixture
def imported(tmp_path):
    site, alice = old_site(), alice_author()
    thread = [
        comment(1, content="First!"),
        comment(2, 1, content="A reply."),
        comment(3, 2, content="A reply to the reply."),
        comment(4, 3, content="Four levels deep."),
    ]
    items = [
        attachment(
            10, "2020/05/night.jpg", meta={"_wp_attachment_image_alt": "A night sky"}
        ),
        post(
            1, title="Better sleep", slug="better-sleep", content=BODY, comments=thread
        ),
        wp_page(2, title="About us", slug="about", content="<p>Who we are.</p>"),
    ]
    export = tmp_path / "export.xml"
    export.write_bytes(wxr_bytes(site, [alice], [], items))
    uploads = tmp_path / "uploads" / "2020" / "05"
    uploads.mkdir(parents=True)
    (uploads / "night.jpg").write_bytes(image_bytes(size=(400, 300)))
    call_command("import_wordpress", str(export), "--media", str(tmp_path / "uploads"))
    return Article.objects.get(slug="better-sleep")


def test_an_imported_article_reads_with_its_figure_and_comment_thread(page, imported):
    page.goto(imported.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Better sleep")
    figure = page.locator("figure.body-image", has_text="Stars over the bay")
    expect(figure.get_by_role("img", name="A night sky")).to_be_visible()
    assert figure.locator("img").evaluate("img => img.naturalWidth") > 0
    expect(page.get_by_text("Four levels deep.")).to_be_visible()
    expect(page.locator("#comments")).not_to_contain_text("@mail.example")


def test_an_old_address_leads_to_the_imported_article(page, imported):
    page.goto("/2020/05/17/better-sleep/")
    expect(page).to_have_url(re.compile(re.escape(imported.get_absolute_url()) + "$"))
    page.goto("/?p=1")
    expect(page).to_have_url(re.compile(re.escape(imported.get_absolute_url()) + "$"))


def test_an_imported_page_keeps_its_address(page, imported):
    page.goto("/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About us")
    expect(page.get_by_text("Who we are.")).to_be_visible()
