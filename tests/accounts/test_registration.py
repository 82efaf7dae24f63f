"""Registering: the form, the account it creates, and what it must not reveal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Author, User
from tests.factories import AuthorFactory, UserFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("accounts:register")


def data(**overrides):
    return {
        "username": "newwriter",
        "email": "new@example.org",
        "display_name": "New Writer",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def register(client, capture, **overrides):
    with capture(execute=True):
        return client.post(URL, data(**overrides))


def test_registration_page_offers_every_field_with_a_label(client):
    body = client.get(URL).content.decode()
    for name in ["username", "email", "display_name", "password1", "password2"]:
        assert f'for="id_{name}"' in body
    assert "csrfmiddlewaretoken" in body


def test_registering_creates_an_unverified_user_and_a_private_author(
    client, django_capture_on_commit_callbacks
):
    response = register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_done")
    user = User.objects.get(username="newwriter")
    assert not user.email_verified
    assert user.check_password(PASSWORD)
    assert not user.is_staff
    assert user.author.display_name == "New Writer"


def test_registering_emails_a_verification_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@example.org"]
    assert "/accounts/verify/" in mailoutbox[0].body
    assert mailoutbox[0].alternatives[0].mimetype == "text/html"


def test_the_page_after_registering_says_what_happens_next(
    client, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks)
    body = client.get(reverse("accounts:register_done")).content.decode()
    assert "Check your email" in body
    assert "new@example.org" in body
    assert "application" in body


def test_a_new_author_has_no_public_page_yet(
    client, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks)
    author = Author.objects.get(user__username="newwriter")
    assert client.get(author.get_absolute_url()).status_code == 404


def test_a_taken_username_is_a_form_error(client, registrant):
    response = client.post(URL, data(username=registrant.username.upper()))
    assert response.status_code == 200
    assert "already exists" in response.context["form"].errors["username"][0]
    assert User.objects.count() == 1


def test_a_field_error_is_tied_to_its_field(client):
    body = client.post(URL, data(password2="other")).content.decode()
    assert 'aria-describedby="id_password2_helptext id_password2_error"' in body
    assert '<div id="id_password2_error"' in body


def test_mismatched_passwords_are_a_form_error(client):
    response = client.post(URL, data(password2=PASSWORD + "x"))
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.parametrize("weak", ["12345678", "password", "short", "newwriter1"])
def test_a_weak_password_is_a_form_error(client, weak):
    response = client.post(URL, data(password1=weak, password2=weak))
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_a_password_like_the_email_address_is_refused(client):
    password = "someone.unusual@example.org"
    response = client.post(
        URL,
        data(
            email="someone.unusual@example.org", password1=password, password2=password
        ),
    )
    assert "password2" in response.context["form"].errors


def test_a_blank_display_name_is_a_form_error(client):
    response = client.post(URL, data(display_name="   "))
    assert "display_name" in response.context["form"].errors
    assert not User.objects.exists()


def test_a_taken_email_gets_the_same_answer_as_a_free_one(
    client, registrant, django_capture_on_commit_callbacks
):
    free = register(client, django_capture_on_commit_callbacks)
    client.session.flush()
    taken = register(
        client,
        django_capture_on_commit_callbacks,
        username="other",
        email=registrant.email.upper(),
    )
    assert (taken.status_code, taken["Location"]) == (
        free.status_code,
        free["Location"],
    )
    assert not User.objects.filter(username="other").exists()


def test_a_taken_email_gets_a_note_instead_of_a_second_account(
    client, registrant, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks, email=registrant.email)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [registrant.email]
    assert "tried to register" in mailoutbox[0].subject
    assert "/accounts/password_reset/" in mailoutbox[0].body


def test_the_note_to_a_taken_address_is_sent_once_in_a_while(
    client, registrant, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(3):
        register(
            client,
            django_capture_on_commit_callbacks,
            username=f"u{n}",
            email=registrant.email,
        )
    assert len(mailoutbox) == 1


def test_hostile_html_in_the_display_name_is_escaped_on_the_account_page(
    client, django_capture_on_commit_callbacks
):
    hostile = "<script>alert(1)</script>"
    register(client, django_capture_on_commit_callbacks, display_name=hostile)
    client.force_login(User.objects.get(username="newwriter"))
    body = client.get(reverse("accounts:account")).content.decode()
    assert hostile not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_hostile_html_in_a_refused_form_is_escaped(client):
    hostile = '"><img src=x onerror=alert(1)>'
    response = client.post(URL, data(username=hostile, email=hostile))
    assert hostile not in response.content.decode()
    assert not User.objects.exists()


def test_a_signed_in_user_is_sent_to_their_account(client, registrant):
    client.force_login(registrant)
    assert client.get(URL)["Location"] == reverse("accounts:account")


def test_the_note_to_a_taken_address_offers_a_new_confirmation_link(
    client, registrant, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks, email=registrant.email)
    assert reverse("accounts:resend_verification") in mailoutbox[0].body


def test_a_display_name_in_use_gets_the_next_free_number(db):
    for slug in ["ada", "ada-2", "ada-lovelace", "ada-3x", "ada-4"]:
        AuthorFactory(slug=slug)
    assert AuthorFactory(display_name="Ada", slug="").slug == "ada-3"


def test_a_slug_costs_one_query_however_many_namesakes(db):
    AuthorFactory.create_batch(5, display_name="Ada", slug="")
    user = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        author = Author.objects.create(user=user, display_name="Ada")
    assert author.slug == "ada-6"
    reads = [q for q in queries if q["sql"].startswith("SELECT")]
    assert sum('FROM "accounts_author"' in q["sql"] for q in reads) == 1
