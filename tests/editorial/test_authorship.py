"""Authorship cannot be forged in the admin: only editors credit an article."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from editorial.models import ArticleTransition
from editorial.versions import current_version
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_writer():
    """Staff who may add and change articles in the admin, but is no editor."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="blog",
            codename__in=["add_article", "change_article", "view_article"],
        )
    )
    AuthorFactory(user=user)
    return user


def change_data(article, **changes):
    return {
        "title": article.title,
        "slug": article.slug,
        "author": article.author_id,
        "summary": article.summary,
        "body_source": article.body_source,
        "cover_alt": "",
        "comments_enabled": "on",
        "loaded_version": current_version(article),
        "slug_redirects-TOTAL_FORMS": "0",
        "slug_redirects-INITIAL_FORMS": "0",
        **changes,
    }


def test_staff_who_is_no_editor_cannot_add_an_article_in_the_admin(
    client, staff_writer
):
    client.force_login(staff_writer)
    assert client.get(reverse("admin:blog_article_add")).status_code == 403


def test_staff_who_is_no_editor_cannot_credit_an_article_to_someone_else(
    client, staff_writer
):
    article = ArticleFactory(author=staff_writer.author)
    other = AuthorFactory()
    client.force_login(staff_writer)
    client.post(
        reverse("admin:blog_article_change", args=[article.pk]),
        change_data(article, author=other.pk, title="Edited"),
    )
    article.refresh_from_db()
    assert (article.title, article.author) == ("Edited", staff_writer.author)


def test_an_editor_may_credit_an_article_to_another_author(client, editor):
    article = ArticleFactory()
    other = AuthorFactory(display_name="Grace Hopper")
    client.force_login(editor)
    client.post(
        reverse("admin:blog_article_change", args=[article.pk]),
        change_data(article, author=other.pk),
    )
    article.refresh_from_db()
    assert article.author == other


def test_a_change_of_author_is_kept_in_the_articles_history(client, editor):
    article = ArticleFactory()
    previous = article.author
    other = AuthorFactory(display_name="Grace Hopper")
    client.force_login(editor)
    client.post(
        reverse("admin:blog_article_change", args=[article.pk]),
        change_data(article, author=other.pk),
    )
    step = ArticleTransition.objects.get(article=article)
    assert step.actor == editor
    assert step.note == f"Author changed from {previous} to Grace Hopper."


def test_an_edit_that_keeps_the_author_adds_no_history(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    client.post(
        reverse("admin:blog_article_change", args=[article.pk]),
        change_data(article, title="Retitled"),
    )
    assert not ArticleTransition.objects.filter(article=article).exists()
