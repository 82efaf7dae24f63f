"""A commenter's email appears in no public response: pages, feeds, sitemap."""

import hashlib

import pytest
from django.urls import reverse

from tests.comments.helpers import comment_data
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

EMAILS = {
    "approved": "Secret.Approved@private.test",
    "reply": "secret-reply@private.test",
    "deep": "secret-deep@private.test",
    "pending": "secret-pending@private.test",
    "spam": "secret-spam@private.test",
    "rejected": "secret-rejected@private.test",
}


@pytest.fixture
def site():
    """An article with every kind of comment, filed under a category and a tag."""
    tag = TagFactory(name="Privacy")
    article = ArticleFactory(title="Keeping secrets", category=CategoryFactory())
    article.tags.add(tag)
    approved = CommentFactory(
        article=article, email=EMAILS["approved"], website="https://a.test/"
    )
    reply = CommentFactory(article=article, parent=approved, email=EMAILS["reply"])
    CommentFactory(article=article, parent=reply, email=EMAILS["deep"])
    for status in ("pending", "spam", "rejected"):
        CommentFactory(article=article, status=status, email=EMAILS[status])
    return article, tag, approved


def public_urls(article, tag, approved):
    category, author = article.category, article.author
    return [
        "/",
        "/?page=1",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?replyto={approved.pk}",
        category.get_absolute_url(),
        reverse("blog:tag_detail", kwargs={"slug": tag.slug}),
        reverse("blog:author_list"),
        author.get_absolute_url(),
        reverse("blog:search") + "?q=secrets",
        reverse("blog:search") + "?q=thanks",
        reverse("blog:feed"),
        reverse("blog:category_feed", kwargs={"slug": category.slug}),
        reverse("blog:author_feed", kwargs={"slug": author.slug}),
        reverse("blog:sitemap"),
        reverse("core:robots"),
        "/no-such-page/",
    ]


def traces(email):
    """The address and what a page could leak it as: its hashes (Gravatar)."""
    normal = email.strip().lower()
    return [
        email,
        normal,
        normal.split("@")[0],
        hashlib.md5(normal.encode()).hexdigest(),
        hashlib.sha256(normal.encode()).hexdigest(),
    ]


def test_every_public_page_feed_and_sitemap_answers(client, site):
    for url in public_urls(*site):
        status = client.get(url).status_code
        assert status == (404 if url == "/no-such-page/" else 200), url


def test_no_commenter_email_appears_in_any_public_response(client, site):
    for url in public_urls(*site):
        body = client.get(url).content.decode().lower()
        assert "private.test" not in body, url
        for email in EMAILS.values():
            for trace in traces(email):
                assert trace.lower() not in body, (url, trace)


def test_the_article_page_shows_the_comments_it_is_checked_with(client, site):
    article, _, approved = site
    page = client.get(article.get_absolute_url()).text
    assert f'id="comment-{approved.pk}"' in page  # the test above is not vacuous
    assert approved.name in page


def test_commenters_get_a_local_initial_not_a_gravatar(client, site):
    article, _, approved = site
    page = client.get(article.get_absolute_url()).text
    assert "gravatar" not in page.lower()
    assert "avatar-initial" in page


def test_a_commenter_sees_no_email_but_their_own_after_posting(client, site, settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000
    article, _, _ = site
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    client.post(url, comment_data(article, email="me@mine.test"))
    body = client.get(article.get_absolute_url()).content.decode().lower()
    assert "private.test" not in body
