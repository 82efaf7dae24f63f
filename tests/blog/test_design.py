"""The reading design's server side: numbered pages, share links, the featured
first article and the article's meta line."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def page_numbers(html):
    """The numbered page links and gaps of a list page, in order."""
    pager = html.split('aria-label="Pages"')[1].split("</nav>")[0]
    return re.findall(r'visually-hidden">Page </span>(\d+)<|page-gap">(…)<', pager)


def shown(html):
    return [number or gap for number, gap in page_numbers(html)]


@pytest.fixture
def twenty_pages(settings):
    settings.FOLIO_ARTICLES_PER_PAGE = 1
    ArticleFactory.create_batch(20)


def test_the_first_page_numbers_its_neighbours_and_the_last_page(client, twenty_pages):
    assert shown(client.get("/").text) == ["1", "2", "3", "…", "20"]


def test_a_middle_page_shows_first_last_and_a_gap_on_each_side(client, twenty_pages):
    html = client.get("/", {"page": 10}).text
    assert shown(html) == ["1", "…", "8", "9", "10", "11", "12", "…", "20"]


def test_the_last_page_numbers_the_first_and_its_neighbours(client, twenty_pages):
    assert shown(client.get("/", {"page": 20}).text) == ["1", "…", "18", "19", "20"]


def test_only_the_current_page_is_marked_current(client, twenty_pages):
    html = client.get("/", {"page": 3}).text
    assert html.count('aria-current="page"') == 1
    assert (
        '<a class="page-link" href="?page=3" aria-current="page">'
        '<span class="visually-hidden">Page </span>3</a>'
    ) in html


def test_page_one_links_to_the_lists_own_address(client, twenty_pages):
    html = client.get("/", {"page": 2}).text
    assert '<a class="page-link" rel="prev" href="/">Previous</a>' in html
    assert '<a class="page-link" href="/"><span class="visually-hidden">Page' in html
    assert "?page=1" not in html


def test_previous_and_next_link_the_neighbouring_pages(client, twenty_pages):
    html = client.get("/", {"page": 5}).text
    assert 'rel="prev" href="?page=4"' in html
    assert 'rel="next" href="?page=6"' in html


def test_a_list_of_one_page_has_no_page_numbers(client):
    ArticleFactory()
    assert 'aria-label="Pages"' not in client.get("/").text


@pytest.mark.parametrize(
    "page", ["abc", "0", "-1", "21", "1.5", "%00", "2e3", "1;2", "ⅷ", "9" * 40]
)
def test_a_bad_page_number_is_404_never_an_error(client, twenty_pages, page):
    assert client.get("/", {"page": page}).status_code == 404


def test_an_empty_page_number_is_the_first_page(client, twenty_pages):
    response = client.get("/", {"page": ""})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_page_numbers_cost_no_count_beyond_the_kept_one(client, twenty_pages):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/", {"page": 10}).status_code == 200
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert len(queries) <= 6


def test_a_filtered_list_keeps_its_filter_on_every_page_link(rf):
    request = rf.get("/moderation/", {"status": "pending"})
    paginator = Paginator(list(range(20)), 1)
    html = render_to_string(
        "includes/_pagination.html",
        {
            "is_paginated": True,
            "page_obj": paginator.page(2),
            "paginator": paginator,
            "query_param": "status=pending",
        },
        request=request,
    )
    assert 'href="?status=pending"' in html  # page 1
    assert 'href="?status=pending&amp;page=3"' in html


def test_search_results_are_numbered_and_keep_the_query(client, settings):
    settings.FOLIO_ARTICLES_PER_PAGE = 1
    ArticleFactory.create_batch(3, title="Sleep & rest")
    html = client.get("/search/", {"q": "sleep & rest", "page": 2}).text
    assert shown(html) == ["1", "2", "3"]
    assert 'href="?q=sleep%20%26%20rest"><span class="visually-hidden">Page' in html
    assert 'rel="next" href="?q=sleep%20%26%20rest&amp;page=3"' in html


# Share links


@pytest.fixture
def shared():
    return ArticleFactory(title='Sleep & "rest" <well>', slug="sleep-and-rest")


def share_hrefs(html):
    block = html.split('class="share"')[1].split("</section>")[0]
    return re.findall(r'(?:href|data-share-copy|data-share-native)="([^"]+)"', block)


CANONICAL = "http://testserver/articles/sleep-and-rest/"


def test_every_share_link_carries_the_canonical_address(client, shared):
    hrefs = share_hrefs(client.get(shared.get_absolute_url()).text)
    assert len(hrefs) == 6
    encoded = quote(CANONICAL, safe="")
    for href in hrefs:
        assert CANONICAL in href or encoded in href


def test_share_links_leave_out_the_query_string_the_page_was_opened_with(
    client, shared
):
    url = shared.get_absolute_url() + "?utm_source=x&sessionid=abc&replyto=1"
    for href in share_hrefs(client.get(url).text):
        assert "utm" not in href and "sessionid" not in href and "replyto" not in href


def test_share_links_never_carry_a_signed_in_readers_session(client, shared):
    client.force_login(UserFactory())
    session = client.cookies["sessionid"].value
    html = client.get(shared.get_absolute_url()).text
    assert session not in html
    assert all("session" not in href for href in share_hrefs(html))


def test_share_links_escape_and_encode_the_title(client, shared):
    html = client.get(shared.get_absolute_url()).text
    block = html.split('class="share"')[1].split("</section>")[0]
    assert "<well>" not in block
    assert 'data-share-title="Sleep &amp; &quot;rest&quot; &lt;well&gt;"' in block
    title = quote('Sleep & "rest" <well>', safe="")
    assert f"mailto:?subject={title}&amp;body={quote(CANONICAL, safe='')}" in block


def test_share_links_go_to_the_four_services_and_nothing_loads_from_them(
    client, shared
):
    html = client.get(shared.get_absolute_url()).text
    hosts = {"mastodonshare.com", "bsky.app", "www.linkedin.com"}
    for host in hosts:
        assert f'href="https://{host}/' in html
        assert f'src="https://{host}' not in html
    assert 'href="mailto:?subject=' in html


def test_copy_and_web_share_buttons_are_hidden_until_the_script_shows_them(
    client, shared
):
    html = client.get(shared.get_absolute_url()).text
    assert re.search(r"<button[^>]*data-share-copy=[^>]*hidden>Copy link", html)
    assert re.search(r"<button[^>]*data-share-native=[^>]*hidden>Share…", html)
    assert 'src="/static/js/share.js' in html


# The featured first article and the meta line


def test_home_features_the_newest_article_across_the_row(client):
    now = timezone.now()
    older = ArticleFactory(title="Older", published_at=now - timedelta(days=2))
    newest = ArticleFactory(title="Newest", published_at=now - timedelta(days=1))
    html = client.get("/").text
    featured = html.split('class="card card-featured')[1].split("</article>")[0]
    assert newest.title in featured and older.title not in featured
    assert html.count("card-featured ") == 1


def test_only_the_first_page_of_the_home_features_an_article(client, twenty_pages):
    assert "card-featured" not in client.get("/", {"page": 2}).text


def test_category_pages_feature_no_article(client):
    article = ArticleFactory(category=CategoryFactory())
    assert "card-featured" not in client.get(article.category.get_absolute_url()).text


def test_the_meta_line_holds_reading_time_and_updated_on(client):
    article = ArticleFactory(revised_at=timezone.now())
    html = client.get(article.get_absolute_url()).text
    meta = html.split('class="article-meta"')[1].split("</p>")[0]
    assert f"{article.reading_time} min read" in meta
    assert "Updated on <time datetime=" in meta
