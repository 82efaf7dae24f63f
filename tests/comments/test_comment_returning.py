"""Returning commenters: remembered details, and proved emails trusted."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from comments import notifications, services
from comments.models import Comment, VerifiedCommenter
from comments.visitor import PROOF_COOKIE, PROOF_SALT, REMEMBER_COOKIE
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EMAIL = "ada@example.org"


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def trusting(settings):
    settings.FOLIO_COMMENTS_TRUST_VERIFIED = True
    cache.delete(services.verification_sent_key(EMAIL))
    yield
    cache.delete(services.verification_sent_key(EMAIL))


def post(client, article, **fields):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    return client.post(url, comment_data(article, **fields))


def proved_browser(email=EMAIL):
    """A browser holding the proof cookie for `email`, as confirming sets it."""
    response = HttpResponse()
    response.set_signed_cookie(PROOF_COOKIE, email, salt=PROOF_SALT)
    client = Client()
    client.cookies[PROOF_COOKIE] = response.cookies[PROOF_COOKIE].value
    return client


def verify_url(email=EMAIL):
    token = notifications.make_verification_token(email)
    return reverse("comments:commenter_verify", kwargs={"token": token})


def test_remember_me_sets_a_cookie_that_fills_in_the_next_form(client, article):
    post(client, article, remember="on", website="https://ada.example.org/")
    form = client.get(article.get_absolute_url()).context["comment_form"]
    assert form["email"].value() == EMAIL
    assert form["website"].value() == "https://ada.example.org/"
    assert form["remember"].value()


def test_remember_me_cookie_is_http_only(client, article):
    response = post(client, article, remember="on")
    assert response.cookies[REMEMBER_COOKIE]["httponly"]


def test_without_remember_me_the_cookie_is_cleared(client, article):
    post(client, article, remember="on")
    post(client, article, body="Second thought.")
    form = client.get(article.get_absolute_url()).context["comment_form"]
    assert form["email"].value() is None


def test_tampered_remember_me_cookie_is_ignored(client, article):
    client.cookies[REMEMBER_COOKIE] = "forged"
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert page.context["comment_form"]["email"].value() is None


def test_unverified_commenter_is_sent_a_verification_link(
    client, article, trusting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article)
    [mail] = [m for m in mailoutbox if m.to == [EMAIL]]
    assert "/comments/verify/" in mail.body


def test_verification_link_is_sent_once_a_day(
    client, article, trusting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, body="First.")
        post(client, article, body="Second.")
    assert len([m for m in mailoutbox if m.to == [EMAIL]]) == 1


def test_no_verification_link_when_the_site_does_not_trust_anyone(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article)
    assert [m for m in mailoutbox if m.to == [EMAIL]] == []


def test_failing_verification_email_does_not_break_the_comment(
    client, article, trusting, django_capture_on_commit_callbacks, monkeypatch
):
    def broken_send(self, *args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken_send)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, article)
    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_opening_the_verification_link_changes_nothing(client):
    response = client.get(verify_url())
    assert response.status_code == 200
    assert not VerifiedCommenter.objects.exists()


def test_confirming_the_verification_link_proves_the_email(client):
    client.post(verify_url())
    assert VerifiedCommenter.objects.filter(email=EMAIL).exists()


def test_confirming_sets_an_http_only_proof_cookie(client):
    response = client.post(verify_url())
    assert response.cookies[PROOF_COOKIE]["httponly"]


def test_forged_verification_link_is_refused(client):
    url = reverse("comments:commenter_verify", kwargs={"token": "forged"})
    assert client.post(url).status_code == 400
    assert not VerifiedCommenter.objects.exists()


def test_verification_link_older_than_the_email_link_days_is_refused(
    client, monkeypatch
):
    url = verify_url()
    later = time.time() + (settings.FOLIO_EMAIL_LINK_DAYS + 1) * 24 * 60 * 60
    monkeypatch.setattr("time.time", lambda: later)
    assert client.post(url).status_code == 400


def test_proved_commenter_in_their_browser_is_approved_at_once(article, trusting):
    VerifiedCommenter.objects.create(email=EMAIL)
    post(proved_browser(), article)
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_proving_in_a_browser_then_commenting_is_approved(article, trusting):
    browser = Client()
    browser.post(verify_url())
    post(browser, article)
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_someone_typing_a_proved_name_and_email_is_not_approved(article, trusting):
    VerifiedCommenter.objects.create(email=EMAIL)
    post(Client(), article, name="Ada Reader", email=EMAIL)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_proof_of_another_email_does_not_approve(article, trusting):
    VerifiedCommenter.objects.create(email=EMAIL)
    VerifiedCommenter.objects.create(email="mallory@example.org")
    post(proved_browser("mallory@example.org"), article, email=EMAIL)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_proved_commenter_is_still_held_for_too_many_links(article, trusting):
    VerifiedCommenter.objects.create(email=EMAIL)
    body = "https://a.example https://b.example https://c.example"
    post(proved_browser(), article, body=body)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_proved_commenter_waits_when_the_site_trusts_nobody(article):
    VerifiedCommenter.objects.create(email=EMAIL)
    post(proved_browser(), article)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_comment_approved_at_once_sends_the_approval_notices(
    article, trusting, django_capture_on_commit_callbacks, monkeypatch
):
    VerifiedCommenter.objects.create(email=EMAIL)
    approved = []
    monkeypatch.setattr("comments.services.notify_comment_approved", approved.append)
    with django_capture_on_commit_callbacks(execute=True):
        post(proved_browser(), article)
    assert approved == [Comment.objects.get()]
