"""The footer menu of site pages, the comment form's privacy link, and the
pages' admin: kept in the cache, so readers' pages ask nothing more."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.pages import SITE_PAGES_KEY, Page, site_pages
from core import caching
from tests.core.test_cache_down import NOBODY_LISTENS
from tests.factories import ArticleFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:blog_page_changelist")
ADD = reverse("admin:blog_page_add")


def footer_of(client, url="/"):
    text = client.get(url).text
    return text[text.index('<footer class="site-footer') :]


def committed(factory_call, capture):
    """Create rows as the admin does: in a transaction that then commits."""
    with capture(execute=True):
        return factory_call()


def test_the_footer_lists_published_footer_pages_by_position(client):
    PageFactory(title="Contact", in_footer=True, footer_position=2)
    PageFactory(title="About", in_footer=True, footer_position=1)
    footer = footer_of(client)
    assert footer.index(">About<") < footer.index(">Contact<")


def test_pages_at_the_same_position_are_listed_by_title(client):
    PageFactory(title="Privacy", in_footer=True)
    PageFactory(title="Colophon", in_footer=True)
    footer = footer_of(client)
    assert footer.index(">Colophon<") < footer.index(">Privacy<")


def test_the_footer_links_each_page_to_its_address(client):
    PageFactory(title="About", slug="about", in_footer=True)
    assert '<a href="/about/">About</a>' in footer_of(client)


def test_the_footer_leaves_out_unpublished_pages(client):
    PageFactory(title="Secret plans", in_footer=True, unpublished=True)
    assert "Secret plans" not in footer_of(client)


def test_the_footer_leaves_out_pages_not_meant_for_it(client):
    PageFactory(title="Terms")
    assert "Terms" not in footer_of(client)


def test_a_site_without_footer_pages_has_no_empty_menu(client):
    assert 'aria-label="About this site"' not in footer_of(client)


def test_a_saved_page_is_in_the_cached_menu_once_committed(
    django_capture_on_commit_callbacks, django_assert_num_queries
):
    committed(
        lambda: PageFactory(title="About", in_footer=True),
        django_capture_on_commit_callbacks,
    )
    with django_assert_num_queries(0):
        menu = site_pages()
    assert menu["footer"] == [("About", Page.objects.get().get_absolute_url())]


def test_the_menu_costs_one_query_when_the_cache_has_none(django_assert_num_queries):
    caches["default"].delete(SITE_PAGES_KEY)  # flushed, or a new process's memory
    with django_assert_num_queries(1):
        site_pages()
    with django_assert_num_queries(0):
        site_pages()


def test_a_deleted_page_leaves_the_cached_menu(django_capture_on_commit_callbacks):
    page = committed(
        lambda: PageFactory(in_footer=True), django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert caches["default"].get(SITE_PAGES_KEY)["footer"] == []


def test_a_bulk_update_of_pages_rebuilds_the_menu(django_capture_on_commit_callbacks):
    committed(
        lambda: PageFactory(title="Old", in_footer=True),
        django_capture_on_commit_callbacks,
    )
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.update(title="New")
    assert caches["default"].get(SITE_PAGES_KEY)["footer"][0][0] == "New"


def test_the_home_page_runs_as_many_queries_with_footer_pages_as_without(
    client, django_capture_on_commit_callbacks
):
    ArticleFactory()
    counts = []
    for _ in range(2):
        site_pages()  # the menu as the last page write left it
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        counts.append(len(queries))
        committed(
            lambda: PageFactory.create_batch(3, in_footer=True),
            django_capture_on_commit_callbacks,
        )
    assert counts[0] == counts[1]


def test_a_page_stays_within_the_public_query_budget(
    client, django_assert_max_num_queries
):
    page = PageFactory(in_footer=True)
    site_pages()
    with django_assert_max_num_queries(2):  # the generation's page, nothing per link
        assert client.get(page.get_absolute_url()).status_code == 200


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": NOBODY_LISTENS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for name in ("default", "pages")
    }
    yield
    caching.forget_failures()  # later tests ask their cache again at once


def test_the_footer_is_read_from_the_database_while_the_cache_is_down(
    client, cache_down
):
    PageFactory(title="About", in_footer=True)
    response = client.get("/")
    assert response.status_code == 200
    assert ">About<" in response.text


def test_the_comment_form_links_to_a_published_privacy_policy(client):
    PageFactory(slug="privacy", privacy_policy=True)
    article = ArticleFactory()
    text = client.get(article.get_absolute_url()).text
    assert 'How we use it: <a href="/privacy/">Privacy policy</a>' in text


def test_the_comment_form_has_no_privacy_link_without_a_policy(client):
    article = ArticleFactory()
    assert "How we use it" not in client.get(article.get_absolute_url()).text


def test_the_comment_form_has_no_link_to_an_unpublished_policy(client):
    PageFactory(slug="privacy", privacy_policy=True, unpublished=True)
    article = ArticleFactory()
    assert "/privacy/" not in client.get(article.get_absolute_url()).text


def test_an_editor_creates_a_page_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD,
        {
            "title": "About us",
            "slug": "about",
            "body_source": "We **write**.",
            "published": "on",
            "show_in_footer": "on",
            "footer_position": "1",
        },
    )
    assert response.status_code == 302
    assert "<strong>write</strong>" in Page.objects.get(slug="about").body


def test_the_admin_refuses_a_slug_that_shadows_another_address(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD, {"title": "Feed", "slug": "feed", "footer_position": "0"}
    )
    assert response.status_code == 200
    assert "/feed/ is already an address of this site" in response.text
    assert not Page.objects.exists()


def test_an_editor_reorders_the_footer_from_the_list(client, editor):
    first = PageFactory(title="About", in_footer=True, footer_position=1)
    second = PageFactory(title="Contact", in_footer=True, footer_position=2)
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(first.pk),
            "form-0-footer_position": "3",
            "form-1-id": str(second.pk),
            "form-1-footer_position": "2",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    footer = footer_of(client)
    assert footer.index(">Contact<") < footer.index(">About<")


def test_an_author_cannot_add_pages_in_the_admin(client, author):
    client.force_login(author.user)
    assert client.get(ADD).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_for_the_pages_admin(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_reader_signed_in_cannot_reach_the_pages_admin(client):
    client.force_login(UserFactory())
    assert client.get(CHANGELIST).status_code == 302
