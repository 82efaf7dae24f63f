"""Posting a comment: what is stored, what the reader sees, what is refused."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from comments import spam
from comments.models import BlockedTerm, Comment
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory()


def post(client, article, **fields):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    return client.post(url, comment_data(article, **fields))


def test_valid_comment_is_stored_as_pending(client, article):
    post(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING


def test_valid_comment_keeps_what_was_typed(client, article):
    post(client, article, website="https://ada.example.org/", notify_replies="on")
    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.body, comment.website) == (
        "Ada Reader",
        "ada@example.org",
        "A thoughtful remark.",
        "https://ada.example.org/",
    )
    assert comment.notify_replies


def test_valid_comment_records_the_address_it_came_from(article):
    Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("comments:comment_create", kwargs={"slug": article.slug}),
        comment_data(article),
    )
    assert Comment.objects.get().ip_address == "198.51.100.7"


def test_forwarded_for_header_is_ignored_unless_trusted(article):
    Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.8.7").post(
        reverse("comments:comment_create", kwargs={"slug": article.slug}),
        comment_data(article),
    )
    assert Comment.objects.get().ip_address == "198.51.100.7"


def test_forwarded_for_header_gives_the_address_when_trusted(article, settings):
    settings.FOLIO_TRUST_X_FORWARDED_FOR = True
    Client(HTTP_X_FORWARDED_FOR="6.6.6.6, 10.9.8.7").post(
        reverse("comments:comment_create", kwargs={"slug": article.slug}),
        comment_data(article),
    )
    assert Comment.objects.get().ip_address == "10.9.8.7"


def test_valid_comment_redirects_to_the_comment_with_303(client, article):
    response = post(client, article)
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"


def test_commenter_comes_back_to_awaiting_moderation(client, article):
    response = post(client, article)
    page = client.get(response["Location"])
    assert "Your comment is awaiting moderation" in page.content.decode()


def test_commenter_sees_their_pending_comment(client, article):
    post(client, article, body="My own pending words.")
    page = client.get(article.get_absolute_url())
    assert "My own pending words." in page.content.decode()


def test_another_reader_does_not_see_a_pending_comment(client, article):
    post(client, article, body="My own pending words.")
    page = Client().get(article.get_absolute_url())
    assert "My own pending words." not in page.content.decode()


def test_pending_comment_is_not_counted(client, article):
    post(client, article)
    page = client.get(article.get_absolute_url())
    assert page.context["comment_count"] == 0


def test_commenter_email_is_not_on_the_page_of_another_reader(client, article):
    post(client, article, email="secret.reader@example.org")
    Comment.objects.update(status=Comment.Status.APPROVED)
    page = Client().get(article.get_absolute_url())
    assert "secret.reader" not in page.content.decode()


def test_commenter_email_is_not_shown_with_their_own_pending_comment(client, article):
    post(client, article, email="secret.reader@example.org")
    page = client.get(article.get_absolute_url())
    assert "secret.reader" not in page.content.decode()


def test_missing_email_reshows_the_page_with_400_and_the_error(client, article):
    response = post(client, article, email="")
    assert response.status_code == 400
    assert response.context["comment_form"].errors["email"] == [
        "This field is required."
    ]


def test_error_is_tied_to_its_field_for_assistive_technology(client, article):
    response = post(client, article, email="")
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="error_1_id_email"' in html


def test_invalid_comment_keeps_what_was_typed(client, article):
    response = post(client, article, email="", body="Words worth keeping.")
    assert "Words worth keeping." in response.content.decode()


def test_invalid_comment_saves_nothing(client, article):
    post(client, article, name="")
    assert not Comment.objects.exists()


def test_invalid_comment_keeps_the_timestamp_it_was_sent_with(client, article):
    sent = comment_data(article, email="")
    response = client.post(
        reverse("comments:comment_create", kwargs={"slug": article.slug}), sent
    )
    assert response.context["comment_form"]["issued"].value() == sent["issued"]


def test_100000_character_body_gets_a_clear_error_not_a_500(client, article):
    response = post(client, article, body="a" * 100_000)
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()


def test_absurdly_large_post_is_refused_with_400(client, article):
    response = post(client, article, body="a" * 1_000_000)
    assert response.status_code == 400
    assert "far too long" in response.content.decode()
    assert not Comment.objects.exists()


def test_nul_byte_in_the_body_is_refused_with_400(client, article):
    assert post(client, article, body="nul\x00byte").status_code == 400


def test_script_in_every_field_is_shown_as_text(client, article):
    script = "<script>alert(1)</script>"
    post(client, article, name=script, body=script, website="https://x.example/")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_javascript_website_is_refused_with_400(client, article):
    response = post(client, article, website="javascript:alert(1)")
    assert response.status_code == 400
    assert "website" in response.context["comment_form"].errors


def test_reply_to_a_comment_of_another_article_is_refused(client, article):
    response = post(client, article, parent=str(CommentFactory().pk))
    assert response.status_code == 400
    assert not Comment.objects.filter(article=article).exists()


def test_reply_to_a_pending_comment_is_refused(client, article):
    pending = CommentFactory(article=article, pending=True)
    assert post(client, article, parent=str(pending.pk)).status_code == 400


def test_reply_is_stored_under_its_parent(client, article):
    parent = CommentFactory(article=article)
    post(client, article, parent=str(parent.pk))
    reply = Comment.objects.get(parent=parent)
    assert reply.depth == 2


def test_reply_link_preselects_the_comment_answered(client, article):
    parent = CommentFactory(article=article, name="Grace")
    page = client.get(f"{article.get_absolute_url()}?replyto={parent.pk}")
    assert page.context["comment_form"]["parent"].value() == parent.pk
    assert "Reply to Grace" in page.content.decode()


def test_reply_link_to_an_unknown_comment_is_ignored(client, article):
    page = client.get(f"{article.get_absolute_url()}?replyto=999999")
    assert page.context["reply_to"] is None


def test_filled_honeypot_is_refused_and_nothing_saved(client, article):
    response = post(client, article, extra_info="http://spam.example")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_forged_timestamp_is_refused(client, article):
    response = post(client, article, issued="forged")
    assert response.status_code == 400
    assert "reload the page" in response.content.decode()


def test_replayed_post_is_refused_as_a_duplicate(client, article):
    data = comment_data(article)
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    client.post(url, data)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "You already posted this comment." in response.content.decode()
    assert Comment.objects.count() == 1


def test_comment_on_a_closed_article_is_forbidden(client, settings):
    settings.FOLIO_COMMENTS_CLOSE_AFTER_DAYS = 1
    article = ArticleFactory(published_at="2020-01-01T00:00Z")
    response = post(client, article)
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_on_an_article_with_comments_off_is_forbidden(client):
    article = ArticleFactory(comments_enabled=False)
    assert post(client, article).status_code == 403


def test_closed_article_shows_a_message_instead_of_the_form(client):
    article = ArticleFactory(comments_enabled=False)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed." in html
    assert 'id="comment-form"' not in html


def test_comment_on_a_draft_is_not_found(client):
    assert post(client, ArticleFactory(draft=True)).status_code == 404


def test_comment_on_a_draft_is_not_found_even_for_an_editor(client, editor):
    client.force_login(editor)
    assert post(client, ArticleFactory(draft=True)).status_code == 404


def test_comment_on_a_scheduled_article_is_not_found(client):
    assert post(client, ArticleFactory(scheduled=True)).status_code == 404


def test_comment_on_a_nonexistent_article_is_not_found(client):
    url = reverse("comments:comment_create", kwargs={"slug": "no-such-article"})
    assert client.post(url, {}).status_code == 404


def test_get_on_the_comment_url_is_not_allowed(client, article):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    assert client.get(url).status_code == 405


def test_post_sent_from_another_site_is_forbidden(article):
    client = Client(enforce_csrf_checks=True, HTTP_ORIGIN="https://evil.example")
    response = post(client, article)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_post_the_browser_marks_cross_site_is_forbidden(article):
    client = Client(enforce_csrf_checks=True, HTTP_SEC_FETCH_SITE="cross-site")
    assert post(client, article).status_code == 403
    assert not Comment.objects.exists()


def test_post_from_a_subdomain_is_forbidden_too(article):
    client = Client(enforce_csrf_checks=True, HTTP_SEC_FETCH_SITE="same-site")
    assert post(client, article).status_code == 403


def test_post_from_this_sites_own_page_needs_no_csrf_token(article):
    client = Client(
        enforce_csrf_checks=True,
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert post(client, article).status_code == 303
    assert Comment.objects.exists()


def test_article_page_carries_no_csrf_token_and_sets_no_cookie(client, article):
    response = client.get(article.get_absolute_url())
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies


@pytest.fixture
def limited_ip(settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 2
    ip = "198.51.100.99"
    cache.delete(spam.rate_limit_key(ip))
    yield Client(REMOTE_ADDR=ip)
    cache.delete(spam.rate_limit_key(ip))


def test_commenting_too_fast_gets_429_and_a_clear_message(limited_ip, article):
    for n in range(2):
        post(limited_ip, article, body=f"Comment {n}")
    response = post(limited_ip, article, body="One too many")
    assert response.status_code == 429
    assert "You are commenting too fast; wait a minute." in response.content.decode()
    assert Comment.objects.count() == 2


def test_comment_with_three_links_is_held_with_its_reason(client, article):
    body = "https://a.example https://b.example https://c.example"
    post(client, article, body=body)
    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == ("pending", "3 links, more than 2")


def test_comment_matching_the_blocklist_goes_to_spam_with_its_reason(client, article):
    BlockedTerm.objects.create(kind="word", value="casino")
    post(client, article, body="Great casino offers")
    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == (
        "spam",
        "matched blocked word “casino”",
    )


def test_spam_is_shown_to_its_author_as_awaiting_moderation(client, article):
    BlockedTerm.objects.create(kind="word", value="casino")
    post(client, article, body="Great casino offers")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Great casino offers" in html
    assert "Awaiting moderation" in html


def test_pending_comment_notifies_the_moderators_after_commit(
    client, article, django_capture_on_commit_callbacks, monkeypatch
):
    notified = []
    monkeypatch.setattr("comments.services.notify_new_comment", notified.append)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article)
    assert notified == [Comment.objects.get()]


def test_spam_notifies_nobody(
    client, article, django_capture_on_commit_callbacks, monkeypatch
):
    BlockedTerm.objects.create(kind="word", value="casino")
    notified = []
    monkeypatch.setattr("comments.services.notify_new_comment", notified.append)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, body="casino")
    assert notified == []


def test_commenter_article_page_stays_within_the_query_budget(
    client, article, django_assert_max_num_queries
):
    for n in range(3):
        post(client, article, body=f"Pending {n}")
    CommentFactory.create_batch(5, article=article)
    with django_assert_max_num_queries(8):
        page = client.get(article.get_absolute_url())
    assert page.context["comment_count"] == 5


def test_malformed_content_length_is_a_bad_request_not_a_500(client, article):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    response = client.post(url, comment_data(article), CONTENT_LENGTH="lots")
    assert response.status_code == 400
