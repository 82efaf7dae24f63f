"""Preview links: an unpublished article shown to someone without an account."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from core import links
from editorial import workflow
from editorial.models import PreviewLink
from editorial.preview_links import (
    PreviewLinkError,
    article_for_preview,
    create_preview_link,
    revoke_preview_link,
)
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(writer):
    return ArticleFactory(draft=True, author=writer, title="Not out yet")


def list_url(article):
    return reverse("editorial:preview_link_list", args=[article.pk])


def create_url(article):
    return reverse("editorial:preview_link_create", args=[article.pk])


def revoke_url(link):
    return reverse("editorial:preview_link_revoke", args=[link.article_id, link.pk])


def preview_url(token):
    return reverse("editorial:article_preview", args=[token])


def shared(article):
    """A live link's preview address, made by the article's author."""
    _link, token = create_preview_link(article=article, by=article.author.user)
    return preview_url(token)


def later(monkeypatch, **delta):
    moment = timezone.now() + timedelta(**delta)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


# Making links


def test_author_makes_a_link_and_sees_it_once(client, draft):
    client.force_login(draft.author.user)
    response = client.post(create_url(draft), follow=True)
    link = PreviewLink.objects.get()
    assert (link.article, link.created_by) == (draft, draft.author.user)
    assert "http://testserver/preview/" in response.text
    assert "http://testserver/preview/" not in client.get(list_url(draft)).text


def test_a_new_link_works_for_the_days_the_setting_gives(settings, writer, draft):
    settings.FOLIO_PREVIEW_LINK_DAYS = 2
    link, _token = create_preview_link(article=draft, by=writer.user)
    assert link.expires_at - link.created_at == timedelta(days=2)


def test_a_link_may_not_outlive_the_setting(settings, writer, draft):
    settings.FOLIO_PREVIEW_LINK_DAYS = 2
    with pytest.raises(ValueError, match="1 to 2 days"):
        create_preview_link(article=draft, by=writer.user, days=3)


def test_the_token_is_never_stored(writer, draft):
    link, token = create_preview_link(article=draft, by=writer.user)
    stored = PreviewLink.objects.filter(pk=link.pk).values().get()
    assert token not in {str(value) for value in stored.values()}


def test_the_dashboard_offers_a_preview_link_for_a_draft_only(client, writer):
    draft = ArticleFactory(draft=True, author=writer)
    public = ArticleFactory(author=writer)
    client.force_login(writer.user)
    html = client.get(reverse("editorial:dashboard")).text
    assert list_url(draft) in html
    assert list_url(public) not in html


def test_no_link_is_made_for_a_public_article(client, writer):
    public = ArticleFactory(author=writer)
    client.force_login(writer.user)
    response = client.post(create_url(public))
    assert response.status_code == 403
    assert "share its address instead" in response.text
    assert not PreviewLink.objects.exists()


def test_an_author_outside_the_authors_team_cannot_share_a_draft(client):
    applicant = AuthorFactory(user__email_verified=True)
    draft = ArticleFactory(draft=True, author=applicant)
    client.force_login(applicant.user)
    assert client.post(create_url(draft)).status_code == 403
    assert not PreviewLink.objects.exists()


# Who may manage links


def test_another_author_gets_404_for_the_links_page(client, draft):
    client.force_login(AuthorFactory(user__groups=["Authors"]).user)
    assert client.get(list_url(draft)).status_code == 404


def test_another_author_cannot_make_a_link(client, draft):
    client.force_login(AuthorFactory(user__groups=["Authors"]).user)
    assert client.post(create_url(draft)).status_code == 404
    assert not PreviewLink.objects.exists()


def test_another_author_cannot_revoke_a_link(client, writer, draft):
    link, _token = create_preview_link(article=draft, by=writer.user)
    client.force_login(AuthorFactory(user__groups=["Authors"]).user)
    assert client.post(revoke_url(link)).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_anonymous_visitor_is_sent_to_sign_in_from_the_links_page(client, draft):
    response = client.get(list_url(draft))
    assert response.url.startswith(reverse("login"))


def test_an_editor_makes_a_link_for_any_draft(client, editor, draft):
    client.force_login(editor)
    client.post(create_url(draft))
    assert PreviewLink.objects.get().created_by == editor


def test_an_editor_sees_the_links_of_any_draft(client, editor, writer, draft):
    create_preview_link(article=draft, by=writer.user)
    client.force_login(editor)
    response = client.get(list_url(draft))
    assert response.status_code == 200
    assert str(writer.user) in response.text


def test_the_admin_change_page_links_to_the_links_page(client, editor, draft):
    client.force_login(editor)
    response = client.get(reverse("admin:blog_article_change", args=[draft.pk]))
    assert list_url(draft) in response.text


def test_the_links_page_is_never_cached(client, draft):
    client.force_login(draft.author.user)
    response = client.get(list_url(draft))
    assert "no-store" in response["Cache-Control"]


# CSRF


def test_making_a_link_needs_the_csrf_token(draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(draft.author.user)
    assert client.post(create_url(draft)).status_code == 403
    assert not PreviewLink.objects.exists()


def test_revoking_a_link_needs_the_csrf_token(writer, draft):
    link, _token = create_preview_link(article=draft, by=writer.user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer.user)
    assert client.post(revoke_url(link)).status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_links_page_forms_carry_the_csrf_token(client, writer, draft):
    create_preview_link(article=draft, by=writer.user)
    client.force_login(writer.user)
    html = client.get(list_url(draft)).text
    assert html.count('name="csrfmiddlewaretoken"') == 2  # make, revoke


# The preview page


def test_the_link_shows_the_draft_to_an_anonymous_visitor(client, draft):
    response = client.get(shared(draft))
    assert response.status_code == 200
    assert "Not out yet" in response.text
    assert "This is a preview of an unpublished article" in response.text


def test_the_preview_is_marked_noindex(client, draft):
    response = client.get(shared(draft))
    assert '<meta name="robots" content="noindex">' in response.text
    assert response["X-Robots-Tag"] == "noindex"


def test_the_preview_is_private_and_not_stored(client, draft):
    response = client.get(shared(draft))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_preview_is_never_served_from_the_page_cache(client, draft):
    url = shared(draft)
    client.get(url)
    second = client.get(url)
    assert second.status_code == 200
    assert second.get("X-Cache") != "HIT"


def test_the_preview_has_no_comment_form(client, draft):
    html = client.get(shared(draft)).text
    assert 'id="comment-form"' not in html
    assert "Leave a Reply" not in html


def test_a_scheduled_article_can_be_previewed(client, writer):
    scheduled = ArticleFactory(scheduled=True, author=writer, title="Out tomorrow")
    assert "Out tomorrow" in client.get(shared(scheduled)).text


def test_a_link_to_an_article_published_since_leads_to_its_page(client, editor, draft):
    url = shared(draft)
    workflow.publish(draft, by=editor)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == draft.get_absolute_url()


# Links that do not work


def test_a_revoked_link_gives_404(client, writer, draft):
    link, token = create_preview_link(article=draft, by=writer.user)
    revoke_preview_link(link=link, by=writer.user)
    assert client.get(preview_url(token)).status_code == 404


def test_the_author_revokes_a_link_from_the_links_page(client, writer, draft):
    link, token = create_preview_link(article=draft, by=writer.user)
    client.force_login(writer.user)
    client.post(revoke_url(link))
    assert Client().get(preview_url(token)).status_code == 404


def test_an_expired_link_gives_404(client, monkeypatch, draft):
    url = shared(draft)
    later(monkeypatch, days=7, seconds=1)
    assert client.get(url).status_code == 404


def test_a_link_still_works_just_before_it_expires(client, monkeypatch, draft):
    url = shared(draft)
    later(monkeypatch, days=6, hours=23)
    assert client.get(url).status_code == 200


def test_a_forged_token_gives_404(client, draft):
    forged = links.make_token(links.UNSUBSCRIBE, {"link": 1})  # another salt
    assert client.get(preview_url(forged)).status_code == 404


def test_a_tampered_token_gives_404(client, writer, draft):
    _link, token = create_preview_link(article=draft, by=writer.user)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(preview_url(tampered)).status_code == 404


def test_a_token_naming_no_link_gives_404(client, draft):
    token = links.make_token(links.PREVIEW_ARTICLE, {"link": 999})
    assert client.get(preview_url(token)).status_code == 404


@pytest.mark.parametrize(
    "token", ["x" * 5000, "abc\x00def", "%00", "..", "a:b:c", "🙂"], ids=repr
)
def test_a_malformed_token_gives_404(client, token):
    assert client.get(f"/preview/{token}/").status_code == 404


def test_a_refused_link_is_not_stored_either(client):
    response = client.get(preview_url("nothing"))
    assert response["Cache-Control"] == "private, no-store"


def test_a_link_to_an_archived_article_gives_404(client, draft):
    url = shared(draft)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.ARCHIVED)
    assert client.get(url).status_code == 404


def test_a_link_stops_when_its_maker_is_deactivated(client, writer, draft):
    url = shared(draft)
    writer.user.is_active = False
    writer.user.save()
    assert client.get(url).status_code == 404


def test_article_for_preview_refuses_every_dead_link_with_one_message(writer, draft):
    link, token = create_preview_link(article=draft, by=writer.user)
    revoke_preview_link(link=link, by=writer.user)
    messages = set()
    for dead in (token, "forged", "x" * 500):
        with pytest.raises(PreviewLinkError) as refused:
            article_for_preview(dead)
        messages.add(str(refused.value))
    assert len(messages) == 1
