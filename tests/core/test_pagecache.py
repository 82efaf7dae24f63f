"""The page cache serves public pages whole, and never one visitor's page to another."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def cached(client, url, **headers):
    """GET twice; the second answer, which the cache gave."""
    client.get(url, **headers)
    return client.get(url, **headers)


def test_a_public_page_is_served_from_the_cache_the_second_time(client):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


def test_a_cached_page_keeps_the_security_headers(client):
    article = ArticleFactory()
    response = cached(client, article.get_absolute_url())
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_a_cached_page_answers_a_matching_etag_with_304(client):
    article = ArticleFactory()
    etag = cached(client, article.get_absolute_url())["ETag"]
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_a_cached_page_answers_if_modified_since_with_304(client):
    article = ArticleFactory()
    last_modified = cached(client, article.get_absolute_url())["Last-Modified"]
    response = client.get(
        article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=last_modified
    )
    assert response.status_code == 304


def test_a_stale_etag_gets_the_whole_page(client):
    article = ArticleFactory()
    cached(client, article.get_absolute_url())
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH='"old"')
    assert response.status_code == 200
    assert article.title in response.text


def test_head_of_a_cached_page_has_its_length_and_no_body(client):
    article = ArticleFactory()
    full = cached(client, article.get_absolute_url())
    response = client.head(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(len(full.content))


def test_a_cached_page_is_gzipped_for_browsers_that_accept_it(client):
    import gzip

    article = ArticleFactory()
    response = cached(client, "/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert article.title in gzip.decompress(response.content).decode()


def test_the_plain_and_gzipped_pages_have_different_etags(client):
    ArticleFactory()
    plain = cached(client, "/")["ETag"]
    zipped = cached(client, "/", HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    assert plain != zipped


def test_feeds_and_the_sitemap_are_cached_too(client):
    ArticleFactory()
    for url in ("/feed/", "/sitemap.xml", "/robots.txt"):
        assert cached(client, url)["X-Cache"] == "HIT", url


@pytest.mark.parametrize("url", ["/search/?q=words", "/healthz", "/accounts/login/"])
def test_private_and_endless_pages_are_never_cached(client, url):
    ArticleFactory()
    assert "X-Cache" not in cached(client, url)


# Cache busters


def test_unknown_query_parameters_share_the_page_without_new_entries(client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    for n in range(20):
        response = client.get(f"{url}?utm_source=mail&buster={n}")
        assert response["X-Cache"] == "HIT"  # the first request's entry
        assert response["ETag"] == etag


def test_a_reply_link_is_never_served_from_the_cache(client):
    comment = CommentFactory()
    url = f"{comment.article.get_absolute_url()}?replyto={comment.pk}"
    response = cached(client, url)
    assert "X-Cache" not in response
    assert f"Reply to {comment.name}" in response.text


def test_a_page_number_is_part_of_the_key(client):
    ArticleFactory.create_batch(12)
    first = cached(client, "/")
    second = cached(client, "/?page=2")
    assert second["X-Cache"] == "HIT"
    assert first.content != second.content


def test_a_page_number_that_is_not_one_is_answered_by_django(client):
    ArticleFactory()
    assert client.get("/?page=abc").status_code == 404


# Nobody else's page


def test_a_signed_in_reader_is_never_served_nor_stores_a_cached_page(client, editor):
    article = ArticleFactory()
    editor.first_name = "Unmistakable"
    client.force_login(editor)
    assert "X-Cache" not in cached(client, article.get_absolute_url())
    anonymous = Client().get(article.get_absolute_url())
    assert editor.username not in anonymous.text


def test_a_pending_comment_is_shown_to_its_author_only(client):
    article = ArticleFactory()
    Client().get(article.get_absolute_url())  # warm the cache
    url = f"{article.get_absolute_url()}comments/"
    client.post(url, comment_data(article, body="Only mine to see for now."))
    assert "Only mine to see for now." in client.get(article.get_absolute_url()).text
    stranger = cached(Client(), article.get_absolute_url())
    assert "Only mine to see for now." not in stranger.text


def test_a_message_is_shown_to_its_reader_only(client):
    article = ArticleFactory()
    url = f"{article.get_absolute_url()}comments/"
    response = client.post(url, comment_data(article), follow=True)
    assert "awaiting moderation" in response.text
    assert (
        "awaiting moderation" not in cached(Client(), article.get_absolute_url()).text
    )


def test_remembered_details_are_never_served_to_someone_else(client):
    article = ArticleFactory()
    url = f"{article.get_absolute_url()}comments/"
    client.post(url, comment_data(article, name="Remembered Rae", remember="on"))
    Comment.objects.all().delete()
    mine = client.get(article.get_absolute_url())
    assert 'value="Remembered Rae"' in mine.text
    assert "Remembered Rae" not in cached(Client(), article.get_absolute_url()).text


def test_a_cached_page_holds_no_csrf_token(client):
    article = ArticleFactory()
    response = cached(client, article.get_absolute_url())
    assert "csrfmiddlewaretoken" not in response.text
    assert "csrftoken" not in response.cookies


def test_a_page_that_used_a_csrf_token_is_not_stored(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import CsrfViewMiddleware, get_token

    from core.cacheable import is_storable

    request = rf.get("/")
    response = HttpResponse(f"<p>{get_token(request)}</p>")
    CsrfViewMiddleware(lambda r: response).process_response(request, response)
    assert not is_storable(request, response)


def test_a_comment_posted_from_a_cached_page_is_taken(monkeypatch):
    article = ArticleFactory()
    page = cached(Client(), article.get_absolute_url())
    assert page["X-Cache"] == "HIT"
    issued = re.search(r'name="issued" value="([^"]+)"', page.text)[1]
    a_minute_later = time.time() + 60
    monkeypatch.setattr("time.time", lambda: a_minute_later)
    response = Client(HTTP_SEC_FETCH_SITE="same-origin").post(
        f"{article.get_absolute_url()}comments/", comment_data(article, issued=issued)
    )
    assert response.status_code == 303
    assert Comment.objects.filter(article=article).exists()


# A cache that is down


def test_pages_are_served_uncached_when_the_cache_is_down(client, monkeypatch):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("down")

        set = get

    monkeypatch.setattr("core.pagecache._store", lambda: Down())
    article = ArticleFactory()
    response = cached(client, article.get_absolute_url())
    assert response.status_code == 200
    assert "X-Cache" not in response


# Scheduled articles


def test_a_scheduled_article_appears_on_the_first_request_after_its_time(
    client, monkeypatch
):
    ArticleFactory(title="Already out")
    soon = ArticleFactory(
        title="Out in an hour", published_at=timezone.now() + timedelta(hours=1)
    )
    assert soon.title not in cached(client, "/").text
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    monkeypatch.setattr("core.pagecache.time.time", lambda: later.timestamp())
    assert soon.title in client.get("/").text


def test_a_page_older_than_its_lifetime_is_rendered_anew(client, settings, monkeypatch):
    settings.FOLIO_PAGE_CACHE_SECONDS = 60
    article = ArticleFactory()
    cached(client, article.get_absolute_url())
    later = time.time() + 61
    monkeypatch.setattr("time.time", lambda: later)
    assert client.get(article.get_absolute_url())["X-Cache"] == "MISS"


def test_a_feed_is_served_from_the_cache_to_a_signed_in_reader_too(client, editor):
    ArticleFactory()
    client.force_login(editor)
    assert cached(client, "/feed/")["X-Cache"] == "HIT"


def test_a_signed_in_reader_gets_the_article_body_from_a_cached_fragment(
    client, editor, django_assert_max_num_queries
):
    article = ArticleFactory(body_source="Words worth keeping.")
    client.force_login(editor)
    client.get(article.get_absolute_url())
    # Session, user, the second factor's device (staff), permissions, article…
    with django_assert_max_num_queries(6):
        response = client.get(article.get_absolute_url())
    assert "Words worth keeping." in response.text


def test_a_signed_in_reader_costs_one_query_once_the_article_is_cached(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    client.force_login(UserFactory())
    client.get(article.get_absolute_url())
    with django_assert_num_queries(1):  # the user; the article and its parts are kept
        response = client.get(article.get_absolute_url())
    assert article.title in response.text


def test_an_unpublished_article_is_gone_for_a_signed_in_reader_at_once(client):
    article = ArticleFactory()
    client.force_login(UserFactory())
    client.get(article.get_absolute_url())
    article.status = article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_cached_fragment_follows_a_change_at_once(client, editor):
    article = ArticleFactory(body_source="Before the edit.")
    client.force_login(editor)
    client.get(article.get_absolute_url())
    article.body_source = "After the edit."
    article.save()
    assert "After the edit." in client.get(article.get_absolute_url()).text


def test_a_commenter_with_a_pending_comment_sees_it_in_the_thread(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="Everyone sees this.")
    Client().get(article.get_absolute_url())
    client.post(
        f"{article.get_absolute_url()}comments/",
        comment_data(article, body="Mine, pending."),
    )
    text = client.get(article.get_absolute_url()).text
    assert "Mine, pending." in text
    assert "Everyone sees this." in text


def test_a_process_keeps_only_its_last_entries_in_memory():
    from core.pagecache import RecentEntries

    recent = RecentEntries(3)
    for n in range(10):
        recent.put(f"page:{n}", object(), 60)
    assert recent.keys() == ["page:7", "page:8", "page:9"]


def test_an_entry_kept_in_memory_is_forgotten_when_its_lifetime_ends():
    from core.pagecache import RecentEntries

    recent = RecentEntries(3)
    recent.put("page:1", "kept", 0)
    assert recent.get("page:1") is None


def test_threads_remembering_entries_at_once_never_fail():
    import threading

    from core.pagecache import RecentEntries

    recent = RecentEntries(64)
    failures = []

    def remember(offset):
        try:
            for n in range(2_000):
                recent.put(f"page:{offset}:{n}", object(), 60)
                recent.get(f"page:{offset}:{n - 1}")
        except Exception as error:  # any failure is the finding
            failures.append(error)

    threads = [threading.Thread(target=remember, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(recent) <= 64
