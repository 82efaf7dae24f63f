"""Password reset by email and password change: Django's views, our pages."""

import pytest
from django.urls import reverse

from .conftest import link_in

pytestmark = pytest.mark.django_db

RESET = reverse("password_reset")
NEW = "another sturdy Passphrase 7"


def test_the_reset_page_is_the_sites_own(client):
    body = client.get(RESET).content.decode()
    assert "Reset your password" in body
    assert 'for="id_email"' in body


def test_a_reset_emails_a_link_after_the_request(client, applicant, mailoutbox):
    response = client.post(RESET, {"email": applicant.email.upper()})
    assert response["Location"] == reverse("password_reset_done")
    assert [m.to for m in mailoutbox] == [[applicant.email]]
    assert "Folio" in mailoutbox[0].subject
    assert "/accounts/reset/" in mailoutbox[0].body


def test_a_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(
    client, applicant, mailoutbox
):
    known = client.post(RESET, {"email": applicant.email})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert unknown["Location"] == known["Location"]
    assert len(mailoutbox) == 1


def test_the_reset_link_sets_a_new_password(client, applicant, mailoutbox):
    client.post(RESET, {"email": applicant.email})
    form_url = client.get(link_in(mailoutbox[0], "/accounts/reset/"))["Location"]
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("password_reset_complete")
    applicant.refresh_from_db()
    assert applicant.check_password(NEW)


def test_a_used_reset_link_says_so(client, applicant, mailoutbox):
    client.post(RESET, {"email": applicant.email})
    link = link_in(mailoutbox[0], "/accounts/reset/")
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    body = client.get(link, follow=True).content.decode()
    assert "This link does not work" in body


def test_changing_the_password_needs_the_old_one(client, applicant):
    client.force_login(applicant)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert "old_password" in response.context["form"].errors
    applicant.refresh_from_db()
    assert applicant.check_password("correct horse")


def test_changing_the_password_keeps_the_user_signed_in(client, applicant):
    client.force_login(applicant)
    response = client.post(
        reverse("password_change"),
        {"old_password": "correct horse", "new_password1": NEW, "new_password2": NEW},
    )
    assert response["Location"] == reverse("password_change_done")
    assert client.get(reverse("accounts:account")).status_code == 200


def test_changing_the_password_requires_signing_in(client):
    response = client.get(reverse("password_change"))
    assert response["Location"].startswith(reverse("login"))


def test_an_account_without_a_password_sets_its_first_by_a_reset(
    client, applicant, mailoutbox
):
    applicant.set_unusable_password()  # an author moved in from WordPress
    applicant.save(update_fields=["password"])
    client.post(RESET, {"email": applicant.email})
    link = link_in(mailoutbox[0], "/accounts/reset/")
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    applicant.refresh_from_db()
    assert applicant.check_password(NEW)
