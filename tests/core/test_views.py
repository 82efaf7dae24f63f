import json
from datetime import UTC, datetime
from unittest import mock
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.utils.html import format_html

from blog.models import Article
from core.views import message_page
from tests.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://testserver"


def sitemap_entries(client):
    """The sitemap as {address: lastmod}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_the_home_page(client):
    assert f"{SITE}/" in sitemap_entries(client)


def test_sitemap_lists_a_public_article_with_its_last_change(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime(2024, 6, 9, 12, tzinfo=UTC)
    )
    entries = sitemap_entries(client)
    assert entries[f"{SITE}{article.get_absolute_url()}"] == "2024-06-09"


@pytest.mark.parametrize(
    "hidden",
    [{"draft": True}, {"scheduled": True}, {"status": Article.Status.SUBMITTED}],
)
def test_sitemap_leaves_out_articles_that_are_not_public(client, hidden):
    article = ArticleFactory(**hidden)
    assert f"{SITE}{article.get_absolute_url()}" not in sitemap_entries(client)


def test_sitemap_lists_category_tag_and_author_of_a_public_article(client):
    article = ArticleFactory(category=CategoryFactory(), tags=[TagFactory()])
    entries = sitemap_entries(client)
    assert f"{SITE}{article.category.get_absolute_url()}" in entries
    assert f"{SITE}{article.tags.get().get_absolute_url()}" in entries
    assert f"{SITE}{article.author.get_absolute_url()}" in entries


def test_sitemap_leaves_out_category_tag_and_author_with_only_drafts(client):
    draft = ArticleFactory(category=CategoryFactory(), tags=[TagFactory()], draft=True)
    entries = sitemap_entries(client)
    assert f"{SITE}{draft.category.get_absolute_url()}" not in entries
    assert f"{SITE}{draft.tags.get().get_absolute_url()}" not in entries
    assert f"{SITE}{draft.author.get_absolute_url()}" not in entries


def test_sitemap_dates_a_category_by_its_newest_public_article(client):
    category = CategoryFactory()
    ArticleFactory(category=category, published_at=datetime(2024, 2, 1, tzinfo=UTC))
    newest = ArticleFactory(
        category=category, published_at=datetime(2024, 2, 5, tzinfo=UTC)
    )
    Article.objects.filter(category=category).update(
        updated_at=datetime(2024, 1, 1, tzinfo=UTC)
    )
    entries = sitemap_entries(client)
    assert entries[f"{SITE}{category.get_absolute_url()}"] == "2024-02-05"
    assert entries[f"{SITE}{newest.get_absolute_url()}"] == "2024-01-01"


def test_robots_txt_is_plain_text(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"


@pytest.mark.parametrize(
    "path", ["/admin/", "/search/", "/dashboard/", "/accounts/", "/moderation/"]
)
def test_robots_txt_keeps_crawlers_out_of_private_pages(client, path):
    assert f"Disallow: {path}\n" in client.get("/robots.txt").text


def test_robots_txt_names_the_absolute_sitemap_address(client, settings):
    settings.ALLOWED_HOSTS = ["folio.example"]
    response = client.get("/robots.txt", headers={"host": "folio.example"}, secure=True)
    assert "Sitemap: https://folio.example/sitemap.xml\n" in response.text


def test_robots_txt_does_not_keep_crawlers_off_the_articles(client):
    assert "Disallow: /\n" not in client.get("/robots.txt").text


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "mail_queue": {"failed": 0, "retrying": 0},
    }


def test_healthz_answers_503_when_the_database_is_unavailable(client):
    with mock.patch("core.outage.connection") as connection:
        connection.cursor.side_effect = OperationalError("server closed")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "database": "unavailable",
        "cache": "ok",
        "mail_queue": "unavailable",
    }


def test_healthz_is_never_cached(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


def test_healthz_runs_two_queries_and_leaves_session_and_user_alone(
    client, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the database, the unsent emails
        client.get("/healthz")


def test_healthz_refuses_a_post(client):
    assert client.post("/healthz").status_code == 405


def test_favicon_ico_redirects_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def show_message(rf, **kwargs):
    """The text of a message page for an anonymous visitor."""
    request = rf.get("/")
    request.user = AnonymousUser()
    kwargs = {"title": "Link refused", "message": "It has expired.", **kwargs}
    return message_page(request, **kwargs)


def test_message_page_names_the_page_and_its_heading_by_its_title(rf):
    body = show_message(rf).text
    assert "<title>Link refused · Folio</title>" in body
    assert '<h1 class="h3">Link refused</h1>' in body


def test_message_page_answers_with_the_status_it_is_given(rf):
    assert show_message(rf, status=403).status_code == 403


def test_message_page_says_ok_unless_told_otherwise(rf):
    assert show_message(rf).status_code == 200


def test_message_page_escapes_a_plain_message(rf):
    body = show_message(rf, message="<b>a</b>").text
    assert "<p>&lt;b&gt;a&lt;/b&gt;</p>" in body


def test_message_page_keeps_markup_built_with_format_html(rf):
    message = format_html("Sent to <strong>{}</strong>.", "<ada>")
    assert (
        "<p>Sent to <strong>&lt;ada&gt;</strong>.</p>"
        in show_message(rf, message=message).text
    )


def test_message_page_shows_each_paragraph_of_a_list(rf):
    body = show_message(rf, message=["First.", "Second."]).text
    assert "<p>First.</p><p>Second.</p>" in body


def test_message_page_links_every_way_on_it_is_given(rf):
    links = [("Sign in", "/accounts/login/"), ("Home", "/")]
    body = show_message(rf, links=links).text
    assert '<a href="/accounts/login/">Sign in</a>' in body
    assert '<a href="/">Home</a>' in body


def test_message_page_asks_crawlers_not_to_index_it(rf):
    assert '<meta name="robots" content="noindex">' in show_message(rf).text


def test_message_page_may_be_indexed_when_asked(rf):
    body = show_message(rf, noindex=False).text
    assert '<meta name="robots" content="noindex">' not in body
