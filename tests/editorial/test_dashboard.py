"""The author's dashboard: their own articles by status, and why they cannot submit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuthorApplication
from blog.models import Article
from editorial.models import ArticleTransition
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
URL = reverse("editorial:dashboard")


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_user_without_author_profile_is_told_how_to_become_one(client):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 403
    assert "Become an author" in response.text


def test_dashboard_lists_the_authors_own_drafts(signed_in, writer):
    ArticleFactory(draft=True, author=writer, title="My own draft")
    assert "My own draft" in signed_in.get(URL).text


def test_dashboard_hides_other_authors_articles(signed_in):
    ArticleFactory(draft=True, title="Someone else's draft")
    assert "Someone else" not in signed_in.get(URL).text


def test_dashboard_groups_articles_by_status(signed_in, writer):
    ArticleFactory(draft=True, author=writer, status=Status.SUBMITTED, title="Sent")
    ArticleFactory(author=writer, scheduled=True, title="Later")
    groups = dict(signed_in.get(URL).context["groups"])
    assert [a.title for a in groups["Submitted for review"]] == ["Sent"]
    assert [a.title for a in groups["Scheduled"]] == ["Later"]


def test_dashboard_shows_the_editors_latest_note(signed_in, writer):
    article = ArticleFactory(draft=True, author=writer, status=Status.CHANGES_REQUESTED)
    ArticleTransition.objects.create(
        article=article,
        to_status=Status.CHANGES_REQUESTED,
        note="Older note",
        created_at=timezone.now() - timedelta(days=2),
    )
    ArticleTransition.objects.create(
        article=article, to_status=Status.CHANGES_REQUESTED, note="Cite sources."
    )
    text = signed_in.get(URL).text
    assert "Cite sources." in text and "Older note" not in text


def test_dashboard_links_each_article_to_its_editor_and_preview(signed_in, writer):
    article = ArticleFactory(draft=True, author=writer)
    text = signed_in.get(URL).text
    assert reverse("editorial:article_edit", args=[article.pk]) in text
    assert article.get_absolute_url() in text


@pytest.mark.parametrize(
    ("traits", "link_text"),
    [
        ({"draft": True}, "Edit"),
        ({"status": Article.Status.CHANGES_REQUESTED}, "Edit"),
        ({"status": Article.Status.SUBMITTED}, "View"),
        ({}, "View"),
    ],
)
def test_dashboard_offers_edit_only_while_the_article_is_in_the_authors_hands(
    signed_in, writer, traits, link_text
):
    article = ArticleFactory(author=writer, **traits)
    edit_url = reverse("editorial:article_edit", args=[article.pk])
    text = signed_in.get(URL).text
    assert f'<a href="{edit_url}">{link_text}<span' in text


def test_approved_author_is_not_told_of_any_obstacle(signed_in):
    assert signed_in.get(URL).context["blocker"] is None


def test_unverified_registrant_is_told_to_verify_their_email(client):
    client.force_login(AuthorFactory(user__email_verified=False).user)
    response = client.get(URL)
    assert response.context["blocker"]["reason"] == "unverified"
    assert "Verify your email address" in response.text


def test_verified_user_without_application_is_invited_to_apply(client):
    client.force_login(AuthorFactory(user__email_verified=True).user)
    response = client.get(URL)
    assert response.context["blocker"]["reason"] == "no-application"
    assert reverse("accounts:apply") in response.text


def test_pending_applicant_is_told_the_application_awaits_an_editor(client):
    author = AuthorFactory(user__email_verified=True)
    AuthorApplication.objects.create(user=author.user, bio="Me", topics="Sleep")
    client.force_login(author.user)
    assert "waiting for an editor" in client.get(URL).text


def test_declined_applicant_reads_the_editors_note(client):
    author = AuthorFactory(user__email_verified=True)
    AuthorApplication.objects.create(
        user=author.user,
        bio="Me",
        topics="Sleep",
        status=AuthorApplication.Status.DECLINED,
        editor_note="Too few samples",
    )
    client.force_login(author.user)
    assert "Too few samples" in client.get(URL).text


def test_navigation_links_the_dashboard_for_an_author(signed_in):
    assert (
        f'href="{URL}">Dashboard<' in signed_in.get(reverse("blog:article_list")).text
    )


def test_navigation_has_no_dashboard_link_for_an_editor(client, editor):
    AuthorFactory(user=editor)
    client.force_login(editor)
    assert ">Dashboard<" not in client.get(reverse("blog:article_list")).text


def test_navigation_has_no_dashboard_link_without_author_profile(client):
    client.force_login(UserFactory())
    assert ">Dashboard<" not in client.get(reverse("blog:article_list")).text
