"""Proving an email address: the signed link, the confirm step, the resend form."""

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from accounts import tokens
from accounts.models import User
from core import links
from tests.factories import UserFactory

from .conftest import link_in

pytestmark = pytest.mark.django_db

RESEND = reverse("accounts:resend_verification")


def verify_url(user):
    token = tokens.make_verification_token(user)
    return reverse("accounts:verify_email", kwargs={"token": token})


def test_opening_the_link_asks_to_confirm_and_changes_nothing(client, registrant):
    response = client.get(verify_url(registrant))
    assert response.status_code == 200
    assert b"Confirm my email address" in response.content
    registrant.refresh_from_db()
    assert not registrant.email_verified


def test_confirming_marks_the_address_verified(client, registrant):
    response = client.post(verify_url(registrant))
    assert response.status_code == 200
    assert b"Email address confirmed" in response.content
    registrant.refresh_from_db()
    assert registrant.email_verified


def test_the_link_from_the_registration_email_verifies_the_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:register"),
            {
                "username": "fresh",
                "email": "fresh@example.org",
                "display_name": "Fresh",
                "password1": "a sturdy Passphrase 42",
                "password2": "a sturdy Passphrase 42",
            },
        )
    client.post(link_in(mailoutbox[0], "/accounts/verify/"))
    assert User.objects.get(username="fresh").email_verified


def test_a_used_link_is_refused_with_a_400(client, registrant):
    url = verify_url(registrant)
    client.post(url)
    response = client.post(url)
    assert response.status_code == 400
    assert b"already been used" in response.content


def test_an_expired_link_is_refused_with_a_way_to_get_another(client, registrant):
    url = verify_url(registrant)
    with override_settings(FOLIO_EMAIL_LINK_DAYS=-1):
        response = client.post(url)
    assert response.status_code == 400
    assert b"expired" in response.content
    assert RESEND.encode() in response.content
    registrant.refresh_from_db()
    assert not registrant.email_verified


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        "eyJ1IjoxLCJlIjoiYUBiLmMifQ:1abcde:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "x" * 5000,
    ],
)
def test_a_forged_link_is_refused_with_a_400(client, registrant, token):
    url = reverse("accounts:verify_email", kwargs={"token": token})
    assert client.get(url).status_code == 400
    assert client.post(url).status_code == 400
    registrant.refresh_from_db()
    assert not registrant.email_verified


def test_a_link_signed_for_another_purpose_is_refused(client, registrant):
    token = tokens.make_email_change_token(registrant, new_email="x@example.org")
    url = reverse("accounts:verify_email", kwargs={"token": token})
    assert client.post(url).status_code == 400


def test_a_link_for_an_address_since_changed_is_refused(client, registrant):
    url = verify_url(registrant)
    registrant.email = "changed@example.org"
    registrant.save()
    assert client.post(url).status_code == 400


def test_a_token_naming_another_user_cannot_be_made_without_the_key(client, registrant):
    other = UserFactory(email_verified=False)
    data = {"u": other.pk, "e": other.email}
    forged = signing.TimestampSigner(key="not-the-key", salt=links.VERIFY_EMAIL.salt)
    url = reverse("accounts:verify_email", kwargs={"token": forged.sign_object(data)})
    assert client.post(url).status_code == 400
    other.refresh_from_db()
    assert not other.email_verified


def test_resending_mails_a_fresh_link_to_an_unverified_account(
    client, registrant, mailoutbox
):
    response = client.post(RESEND, {"email": registrant.email.upper()})
    assert response["Location"] == reverse("accounts:resend_verification_done")
    assert [m.to for m in mailoutbox] == [[registrant.email]]


def test_resending_is_limited_per_address(client, registrant, mailoutbox):
    for _ in range(3):
        client.post(RESEND, {"email": registrant.email})
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("who", ["unknown", "verified"])
def test_resending_answers_the_same_for_any_address_and_sends_nothing(
    client, registrant, applicant, mailoutbox, who
):
    email = applicant.email if who == "verified" else "nobody@example.org"
    known = client.post(RESEND, {"email": registrant.email})
    other = client.post(RESEND, {"email": email})
    assert (other.status_code, other["Location"]) == (
        known.status_code,
        known["Location"],
    )
    assert [m.to for m in mailoutbox] == [[registrant.email]]


def test_the_resend_page_shows_the_same_text_for_any_address(client, registrant):
    client.post(RESEND, {"email": "nobody@example.org"})
    unknown = client.get(reverse("accounts:resend_verification_done")).content
    client.post(RESEND, {"email": registrant.email})
    known = client.get(reverse("accounts:resend_verification_done")).content
    assert unknown.replace(b"nobody@example.org", registrant.email.encode()) == (known)


def test_resending_to_a_malformed_address_is_a_form_error(client, mailoutbox):
    response = client.post(RESEND, {"email": "not an address"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not mailoutbox
