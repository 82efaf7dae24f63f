"""The injection corpus in the feeds: each stays well-formed XML, and what a
reader's feed program shows as HTML carries no script."""

from xml.etree import ElementTree

import pytest

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

from .injection_corpus import STORABLE as VECTORS

pytestmark = pytest.mark.django_db
UNSAFE = ("<script", "javascript:", "onerror=", "onload=", "<iframe", "<object")


@pytest.fixture
def feeds(settings):
    settings.FOLIO_FEED_ITEMS = 1000
    author = AuthorFactory(display_name=VECTORS[0])
    category = CategoryFactory(name=VECTORS[1][:100])
    for number, vector in enumerate(VECTORS):
        ArticleFactory(
            author=author,
            category=category,
            title=vector[:200] or "x",
            summary=vector[:500],
            body_source=vector,
            slug=f"vector-{number}",
        )
    return [
        "/feed/",
        f"{author.get_absolute_url()}feed/",
        f"/category/{category.slug}/feed/",
    ]


def test_every_feed_with_the_corpus_in_it_is_well_formed_xml(client, feeds):
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)


def test_no_feed_entry_offers_markup_that_runs_script(client, feeds):
    for url in feeds:
        root = ElementTree.fromstring(client.get(url).content)
        for element in root.iter():
            kind = element.get("type", "text")
            text = (element.text or "").lower()
            if kind in ("html", "xhtml"):
                assert not any(bad in text for bad in UNSAFE), (url, text[:200])


def test_a_control_character_in_a_title_leaves_the_feed_readable(client):
    """The dashboard form takes "\x1b" in a title, and XML 1.0 cannot hold it:
    the whole site's feed answered 500."""
    ArticleFactory(title="Red \x1b[31malert\x08", summary="A\x0bB")
    response = client.get("/feed/")
    assert response.status_code == 200
    assert b"Red [31malert" in response.content
