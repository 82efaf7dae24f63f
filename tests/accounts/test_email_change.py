"""Changing the email address: the new one must be proved before it is used."""

import pytest
from django.urls import reverse

from accounts import tokens
from tests.factories import UserFactory

from .conftest import link_in

pytestmark = pytest.mark.django_db

URL = reverse("accounts:email_change")


def ask(client, user, new_email="new@example.org", password="correct horse"):
    client.force_login(user)
    return client.post(URL, {"password": password, "new_email": new_email})


def confirm_url(user, new_email="new@example.org"):
    token = tokens.make_email_change_token(user, new_email=new_email)
    return reverse("accounts:email_change_confirm", kwargs={"token": token})


def test_the_new_address_gets_a_link_and_the_old_one_stays(
    client, applicant, mailoutbox
):
    old = applicant.email
    response = ask(client, applicant)
    assert response["Location"] == reverse("accounts:email_change_done")
    assert [m.to for m in mailoutbox] == [["new@example.org"]]
    applicant.refresh_from_db()
    assert applicant.email == old


def test_the_link_switches_the_address_and_keeps_it_verified(
    client, applicant, mailoutbox
):
    ask(client, applicant)
    client.post(link_in(mailoutbox[0], "/accounts/email/confirm/"))
    applicant.refresh_from_db()
    assert applicant.email == "new@example.org"
    assert applicant.email_verified


def test_opening_the_link_changes_nothing_until_confirmed(client, applicant):
    old = applicant.email
    response = client.get(confirm_url(applicant))
    assert b"new@example.org" in response.content
    applicant.refresh_from_db()
    assert applicant.email == old


def test_the_link_works_once(client, applicant):
    url = confirm_url(applicant)
    client.post(url)
    assert client.post(url).status_code == 400


def test_a_wrong_password_is_a_form_error_and_sends_nothing(
    client, applicant, mailoutbox
):
    response = ask(client, applicant, password="wrong")
    assert "password" in response.context["form"].errors
    assert not mailoutbox


def test_the_current_address_is_a_form_error(client, applicant):
    response = ask(client, applicant, new_email=applicant.email.upper())
    assert "new_email" in response.context["form"].errors


def test_a_taken_address_answers_the_same_and_sends_nothing(
    client, applicant, mailoutbox
):
    other = UserFactory()
    free = ask(client, applicant)
    taken = ask(client, applicant, new_email=other.email)
    assert taken["Location"] == free["Location"]
    assert [m.to for m in mailoutbox] == [["new@example.org"]]


def test_an_address_taken_after_the_link_was_sent_is_refused(client, applicant):
    url = confirm_url(applicant)
    UserFactory(email="NEW@example.org")
    response = client.post(url)
    assert response.status_code == 400
    applicant.refresh_from_db()
    assert applicant.email != "new@example.org"


def test_a_forged_link_is_refused(client, applicant):
    url = reverse("accounts:email_change_confirm", kwargs={"token": "forged"})
    assert client.post(url).status_code == 400


def test_changing_the_address_requires_signing_in(client):
    assert client.get(URL)["Location"].startswith(reverse("login"))
