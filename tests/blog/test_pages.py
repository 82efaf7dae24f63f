"""Site pages: the model, its address at /<slug>/, the view and the sitemap."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.test import RequestFactory

from blog.page_views import PageDetailView
from blog.pages import Page
from tests.factories import PageFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Hello.\n\n<script>alert(1)</script>\n\n"
    '<a href="javascript:alert(2)" onclick="alert(3)">Click</a>'
)


def test_a_page_lives_at_its_slug_under_the_root():
    assert PageFactory(slug="about").get_absolute_url() == "/about/"


def test_a_published_page_shows_its_title_and_rendered_body(client):
    page = PageFactory(title="About us", body_source="We *write* things.")
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert "<h1" in response.text and "About us" in response.text
    assert "<em>write</em>" in response.text


def test_hostile_html_in_the_source_is_cleaned_from_the_page(client):
    page = PageFactory(body_source=HOSTILE)
    text = client.get(page.get_absolute_url()).text
    assert "<script>alert(1)" not in text
    assert "javascript:alert" not in text
    assert "onclick" not in text


def test_the_body_is_rendered_again_only_when_its_source_changes():
    page = PageFactory(body_source="First words.")
    Page.objects.filter(pk=page.pk).update(body="<p>Kept.</p>")
    page = Page.objects.get(pk=page.pk)
    page.title = "A new title"
    page.save()
    assert page.body == "<p>Kept.</p>"


def test_a_changed_source_is_rendered_on_save():
    page = PageFactory(body_source="First words.")
    page.body_source = "Second words."
    page.save()
    assert "Second words." in Page.objects.get(pk=page.pk).body


def test_a_page_has_no_byline_and_no_comments(client):
    page = PageFactory()
    text = client.get(page.get_absolute_url()).text
    assert 'rel="author"' not in text
    assert 'id="comments"' not in text


def test_anonymous_reader_gets_404_for_an_unpublished_page(client):
    page = PageFactory(unpublished=True)
    assert client.get(page.get_absolute_url()).status_code == 404


def test_signed_in_reader_gets_404_for_an_unpublished_page(client):
    page = PageFactory(unpublished=True)
    client.force_login(UserFactory())
    assert client.get(page.get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_a_404(client):
    assert client.get("/no-such-page/").status_code == 404


def test_a_miss_is_a_plain_http404_that_other_apps_may_answer():
    request = RequestFactory().get("/old-page/")
    request.user = AnonymousUser()
    with pytest.raises(Http404):
        PageDetailView.as_view()(request, slug="old-page")


def test_an_editor_sees_an_unpublished_page_marked_as_a_preview(client, editor):
    page = PageFactory(unpublished=True, title="Coming soon")
    client.force_login(editor)
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this page is not published" in response.text
    assert '<meta name="robots" content="noindex">' in response.text


def test_a_published_page_is_not_marked_as_a_preview(client, editor):
    page = PageFactory()
    client.force_login(editor)
    assert "Preview:" not in client.get(page.get_absolute_url()).text


def test_published_leaves_out_unpublished_pages():
    public = PageFactory()
    PageFactory(unpublished=True)
    assert list(Page.objects.published()) == [public]


@pytest.mark.parametrize(
    "slug",
    ["feed", "search", "authors", "articles", "accounts", "admin", "dashboard"]
    + ["moderation", "healthz", "category", "tag", "comments", "preview"],
)
def test_a_slug_that_shadows_another_address_is_refused(slug):
    page = PageFactory.build(slug=slug)
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert f"/{slug}/ is already an address of this site" in str(
        refused.value.message_dict["slug"]
    )


def test_a_free_slug_is_accepted():
    PageFactory.build(slug="about").full_clean()


def test_a_second_privacy_policy_is_refused_by_validation():
    PageFactory(privacy_policy=True)
    second = PageFactory.build(privacy_policy=True)
    with pytest.raises(ValidationError, match="already the privacy policy"):
        second.full_clean()


def test_the_database_keeps_at_most_one_privacy_policy():
    PageFactory(privacy_policy=True)
    with pytest.raises(IntegrityError):
        PageFactory(privacy_policy=True)


def test_many_pages_may_be_something_other_than_the_privacy_policy():
    PageFactory.create_batch(2)
    assert Page.objects.filter(is_privacy_policy=False).count() == 2


def test_the_sitemap_lists_published_pages(client):
    page = PageFactory(slug="about")
    text = client.get("/sitemap.xml").text
    assert f"http://testserver{page.get_absolute_url()}" in text


def test_the_sitemap_leaves_out_unpublished_pages(client):
    PageFactory(slug="draft-page", unpublished=True)
    assert "/draft-page/" not in client.get("/sitemap.xml").text


def test_article_and_feed_addresses_still_answer_beside_the_pages(client):
    PageFactory(slug="about")
    assert client.get("/feed/").status_code == 200
    assert client.get("/search/").status_code == 200
