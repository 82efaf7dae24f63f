"""How old addresses answer: only when asked for, only to this site, at no cost
to the pages that exist."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import pagecache
from tests.factories import ArticleFactory
from wordpress.models import OldAddress

pytestmark = pytest.mark.django_db

MIDDLEWARE = "wordpress.middleware.OldAddressMiddleware"


def remember(path, target=None, **fields):
    if target is not None:
        fields["content_type"] = ContentType.objects.get_for_model(target)
        fields["object_id"] = target.pk
    return OldAddress.objects.create(path=path, **fields)


def queries_for(client, url):
    caches["pages"].clear()
    pagecache.forget_recent()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    caches["pages"].clear()
    pagecache.forget_recent()
    return len(captured)


@pytest.fixture
def without_middleware(settings):
    def disable():
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]

    return disable


def test_an_unknown_old_address_stays_404(client):
    assert client.get("/2019/05/12/never-was/").status_code == 404


def test_an_unknown_post_id_shows_the_home_page(client):
    response = client.get("/?p=404")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "blog:article_list"


def test_the_cached_home_page_is_not_served_for_a_post_id(client):
    article = ArticleFactory()
    remember("/?p=12", article)
    client.get("/")  # now in the page cache
    assert client.get("/?p=12")["Location"] == article.get_absolute_url()


def test_the_first_wordpress_key_of_the_query_decides(client):
    article = ArticleFactory()
    remember("/?p=12", article)
    response = client.get("/?feed=rss2&p=12")
    assert response["Location"] == article.get_absolute_url()


def test_the_home_page_costs_no_extra_query(
    client, without_middleware, django_assert_num_queries
):
    ArticleFactory()
    with_it = queries_for(client, "/")
    without_middleware()
    with django_assert_num_queries(with_it):
        client.get("/")


def test_an_article_page_costs_no_extra_query(
    client, without_middleware, django_assert_num_queries
):
    article = ArticleFactory()
    with_it = queries_for(client, article.get_absolute_url())
    without_middleware()
    with django_assert_num_queries(with_it):
        client.get(article.get_absolute_url())


def test_an_address_without_its_trailing_slash_answers_301(client):
    article = ArticleFactory()
    remember("/2019/05/hello/", article)
    assert client.get("/2019/05/hello")["Location"] == article.get_absolute_url()


def test_an_address_stored_without_a_slash_answers_with_one_added(client):
    article = ArticleFactory()
    remember("/archives/12", article)
    assert client.get("/archives/12/")["Location"] == article.get_absolute_url()


def test_a_deleted_target_keeps_the_404(client):
    article = ArticleFactory()
    remember("/2019/05/hello/", article)
    article.delete()
    assert client.get("/2019/05/hello/").status_code == 404


def test_a_target_back_in_draft_still_answers_301(client):
    article = ArticleFactory(draft=True)
    remember("/2019/05/hello/", article)
    response = client.get("/2019/05/hello/")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 404


def test_a_head_request_answers_301(client):
    remember("/feed/rss2/", target_url="/feed/")
    assert client.head("/feed/rss2/").status_code == 301


def test_a_post_to_an_old_address_is_not_redirected(client):
    remember("/feed/rss2/", target_url="/feed/")
    assert client.post("/feed/rss2/").status_code != 301


def test_the_redirect_may_be_kept_by_browsers_and_front_caches(client):
    remember("/feed/rss2/", target_url="/feed/")
    cache_control = client.get("/feed/rss2/")["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=" in cache_control


@pytest.mark.parametrize(
    "forged",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "/\nLocation:x"],
)
def test_a_forged_target_url_to_another_host_does_not_redirect(client, forged):
    remember("/feed/rss2/", target_url=forged)
    assert client.get("/feed/rss2/").status_code == 404


def test_an_address_leading_to_itself_does_not_redirect(client):
    remember("/archives/12/", target_url="/archives/12/")
    assert client.get("/archives/12/").status_code == 404


def test_an_existing_page_is_never_replaced_by_an_old_address(client):
    article = ArticleFactory()
    remember("/feed/", article)
    assert client.get("/feed/").status_code == 200


@pytest.mark.parametrize("url", ["/no-such%00page/", "/?p=1%002"])
def test_an_address_with_a_nul_byte_is_never_looked_up(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code < 500
    assert not any("wordpress_oldaddress" in q["sql"] for q in queries)
