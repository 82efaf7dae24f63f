"""Every WordPress permalink form, once remembered, answers 301 to its new address."""

from datetime import UTC, datetime

import pytest

from blog import models as blog_models
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory
from wordpress.addresses import (
    is_storable_path,
    remember_author_addresses,
    remember_item_addresses,
    remember_site_addresses,
    remember_term_addresses,
)
from wordpress.models import OldAddress
from wordpress.records import Author, Item, Site, Term

pytestmark = pytest.mark.django_db

Page = getattr(blog_models, "Page", None)
needs_pages = pytest.mark.skipif(
    Page is None, reason="blog.models.Page (the site pages) has not landed yet"
)

SITE = Site(
    title="Old blog",
    link="https://example.org",
    base_site_url="https://example.org",
    base_blog_url="https://example.org",
    wxr_version="1.2",
)


def post_item(**fields):
    values = {
        "wp_id": 12,
        "post_type": "post",
        "title": "Hello world",
        "link": "https://example.org/2019/05/12/hello-world/",
        "guid": "https://example.org/?p=12",
        "creator": "ada",
        "content": "",
        "excerpt": "",
        "date_gmt": datetime(2019, 5, 12, 9, 30, tzinfo=UTC),
        "status": "publish",
        "slug": "hello-world",
        "parent_wp_id": 0,
        "menu_order": 0,
        "sticky": False,
        **fields,
    }
    return Item(**values)


def redirect_of(client, address):
    response = client.get(address)
    assert response.status_code == 301, address
    return response["Location"]


@pytest.fixture
def article():
    article = ArticleFactory(slug="hello-world-folio")
    remember_item_addresses(SITE, post_item(), article)
    return article


@pytest.mark.parametrize(
    "address",
    [
        "/?p=12",
        "/2019/05/12/hello-world/",
        "/2019/05/hello-world/",
        "/hello-world/",
    ],
)
def test_each_permalink_form_of_a_post_answers_301_to_the_article(
    client, article, address
):
    assert redirect_of(client, address) == article.get_absolute_url()


@pytest.mark.parametrize(
    "address",
    [
        "/2019/05/12/hello-world/feed/",
        "/2019/05/hello-world/feed/",
        "/hello-world/feed/",
    ],
)
def test_a_posts_comments_feed_answers_301_to_the_article(client, article, address):
    assert redirect_of(client, address) == article.get_absolute_url()


def test_a_posts_own_numeric_link_answers_301_to_the_article(client):
    article = ArticleFactory()
    item = post_item(link="https://example.org/archives/12")
    remember_item_addresses(SITE, item, article)
    assert redirect_of(client, "/archives/12") == article.get_absolute_url()


def test_a_plain_permalink_link_is_remembered_as_its_query(client):
    article = ArticleFactory()
    remember_item_addresses(SITE, post_item(link="https://example.org/?p=12"), article)
    assert OldAddress.objects.filter(path="/?p=12").count() == 1
    assert not OldAddress.objects.filter(path__startswith="/?p=12feed").exists()


def test_a_guid_on_another_host_is_not_remembered():
    item = post_item(guid="https://elsewhere.example/moved/hello/")
    remember_item_addresses(SITE, item, ArticleFactory())
    assert not OldAddress.objects.filter(path="/moved/hello/").exists()


def test_a_guid_on_the_same_host_is_remembered(client):
    article = ArticleFactory()
    item = post_item(guid="https://example.org/?p=99")
    remember_item_addresses(SITE, item, article)
    assert redirect_of(client, "/?p=99") == article.get_absolute_url()


def test_a_non_ascii_slug_address_answers_301_to_the_article(client):
    article = ArticleFactory()
    item = post_item(
        slug="привет",
        link="https://example.org/2019/05/12/%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82/",
    )
    remember_item_addresses(SITE, item, article)
    address = "/2019/05/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/"
    assert redirect_of(client, address) == article.get_absolute_url()


def test_a_non_ascii_slug_is_stored_decoded():
    item = post_item(slug="привет", link="https://example.org/%d0%bf%d1%80/")
    remember_item_addresses(SITE, item, ArticleFactory())
    assert OldAddress.objects.filter(path="/пр/").exists()


def test_a_draft_without_a_slug_gets_only_its_id_address():
    item = post_item(slug="", link="https://example.org/?p=12", status="draft")
    remember_item_addresses(SITE, item, ArticleFactory())
    assert list(OldAddress.objects.values_list("path", flat=True)) == ["/?p=12"]


@needs_pages
def test_a_page_answers_301_for_its_page_id_its_post_id_and_its_link(client):
    page = Page.objects.create(title="About us", slug="about-us", published=True)
    item = post_item(
        wp_id=7, post_type="page", link="https://example.org/about/", slug="about"
    )
    remember_item_addresses(SITE, item, page)
    for address in ("/?page_id=7", "/?p=7", "/about/", "/about/feed/"):
        assert redirect_of(client, address) == "/about-us/"


@needs_pages
def test_a_page_kept_under_its_own_address_is_answered_by_folio(client):
    page = Page.objects.create(title="About", slug="about", published=True)
    item = post_item(post_type="page", link="https://example.org/about/", slug="about")
    remember_item_addresses(SITE, item, page)
    assert not OldAddress.objects.filter(path="/about/").exists()
    assert client.get("/about/").status_code == 200


def test_a_page_gets_no_dated_addresses():
    item = post_item(post_type="page", link="https://example.org/about/", slug="about")
    remember_item_addresses(SITE, item, ArticleFactory())
    assert not OldAddress.objects.filter(path__startswith="/2019/").exists()


def test_remembering_a_post_twice_keeps_one_row_per_address():
    article = ArticleFactory()
    remember_item_addresses(SITE, post_item(), article)
    count = OldAddress.objects.count()
    remember_item_addresses(SITE, post_item(), article)
    assert OldAddress.objects.count() == count
    assert OldAddress.objects.filter(path="/?p=12").count() == 1


def test_an_address_remembered_for_one_target_keeps_it(client):
    first, second = ArticleFactory(), ArticleFactory()
    remember_item_addresses(SITE, post_item(), first)
    remember_item_addresses(SITE, post_item(wp_id=13), second)
    assert redirect_of(client, "/hello-world/") == first.get_absolute_url()
    assert redirect_of(client, "/?p=13") == second.get_absolute_url()


def test_a_sub_folder_blog_keeps_paths_relative_to_its_root(client):
    site = Site(
        title="Old blog",
        link="https://example.org/blog",
        base_site_url="https://example.org",
        base_blog_url="https://example.org/blog",
        wxr_version="1.2",
    )
    article = ArticleFactory()
    item = post_item(link="https://example.org/blog/archives/12")
    remember_item_addresses(site, item, article)
    assert redirect_of(client, "/archives/12") == article.get_absolute_url()
    assert not OldAddress.objects.filter(path__startswith="/blog/").exists()


def test_a_category_answers_301_to_its_page(client):
    category = CategoryFactory()
    term = Term(kind="category", wp_id=3, slug="news", name="News")
    remember_term_addresses(SITE, term, category)
    assert redirect_of(client, "/category/news/") == category.get_absolute_url()
    assert redirect_of(client, "/?cat=3") == category.get_absolute_url()


def test_a_category_feed_answers_301_to_its_feed(client):
    category = CategoryFactory(slug="world-news")
    term = Term(kind="category", wp_id=3, slug="news", name="News")
    remember_term_addresses(SITE, term, category)
    assert redirect_of(client, "/category/news/feed/") == "/category/world-news/feed/"


def test_a_nested_category_answers_301_under_its_parents(client):
    parent, child = CategoryFactory(), CategoryFactory()
    remember_term_addresses(SITE, Term("category", 1, "world", "World"), parent)
    remember_term_addresses(
        SITE, Term("category", 2, "europe", "Europe", parent_slug="world"), parent
    )
    remember_term_addresses(
        SITE, Term("category", 3, "france", "France", parent_slug="europe"), child
    )
    address = "/category/world/europe/france/"
    assert redirect_of(client, address) == child.get_absolute_url()
    assert redirect_of(client, "/category/france/") == child.get_absolute_url()


def test_a_category_kept_under_the_same_slug_is_not_stored():
    category = CategoryFactory(slug="news")
    remember_term_addresses(SITE, Term("category", 3, "news", "News"), category)
    assert not OldAddress.objects.filter(path="/category/news/").exists()


@pytest.mark.parametrize(
    "address", ["/tag/python/", "/tag/python/feed/", "/?tag=python"]
)
def test_each_tag_address_answers_301_to_the_tag_page(client, address):
    tag = TagFactory(slug="python-language")
    remember_term_addresses(SITE, Term("tag", 9, "python", "Python"), tag)
    assert redirect_of(client, address) == tag.get_absolute_url()


@pytest.mark.parametrize("address", ["/author/ada/", "/?author=4"])
def test_each_author_address_answers_301_to_the_author_page(client, address):
    author = AuthorFactory(slug="ada-lovelace")
    remember_author_addresses(SITE, Author(4, "ada", "ada@example.org", "Ada"), author)
    assert redirect_of(client, address) == author.get_absolute_url()


def test_an_author_archive_named_by_the_login_made_a_slug_answers_301(client):
    author = AuthorFactory()
    record = Author(4, "Ada.L@home", "ada@example.org", "Ada")
    remember_author_addresses(SITE, record, author)
    assert redirect_of(client, "/author/ada-lhome/") == author.get_absolute_url()


def test_an_author_feed_answers_301_to_the_author_feed(client):
    author = AuthorFactory(slug="ada-lovelace")
    remember_author_addresses(SITE, Author(4, "ada", "ada@example.org", "Ada"), author)
    assert redirect_of(client, "/author/ada/feed/") == "/authors/ada-lovelace/feed/"


@pytest.mark.parametrize(
    "address", ["/feed/rss2/", "/feed/atom/", "/?feed=rss2", "/comments/feed/"]
)
def test_each_site_feed_answers_301_to_the_feed(client, address):
    remember_site_addresses(SITE)
    assert redirect_of(client, address) == "/feed/"


def test_the_feed_folio_serves_itself_is_not_stored(client):
    remember_site_addresses(SITE)
    assert not OldAddress.objects.filter(path="/feed/").exists()
    assert client.get("/feed/").status_code == 200


def test_a_link_with_a_control_character_is_not_remembered():
    assert not is_storable_path("/hello\x00world/")
    assert is_storable_path("/hello-world/")
