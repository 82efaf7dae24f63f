"""A confirmed email change signs the account out of every other browser, as
a new password does; the browser that confirmed stays signed in."""

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from accounts import tokens
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")


def confirm_url(user, new_email="new@example.org"):
    token = tokens.make_email_change_token(user, new_email=new_email)
    return reverse("accounts:email_change_confirm", kwargs={"token": token})


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    assert browser.get(ACCOUNT).status_code == 200
    return browser


def is_signed_in(browser: Client) -> bool:
    return browser.get(ACCOUNT).status_code == 200


def test_confirming_the_change_signs_other_browsers_out(applicant):
    laptop, phone = signed_in(applicant), signed_in(applicant)
    phone.post(confirm_url(applicant))
    assert not is_signed_in(laptop)


def test_the_browser_that_confirms_stays_signed_in(applicant):
    phone = signed_in(applicant)
    response = phone.post(confirm_url(applicant))
    assert b"Email address changed" in response.content
    assert is_signed_in(phone)


def test_the_browser_that_confirms_gets_a_new_session_key(applicant):
    phone = signed_in(applicant)
    before = phone.cookies["sessionid"].value
    phone.post(confirm_url(applicant))
    assert phone.cookies["sessionid"].value != before


def test_confirming_signed_out_still_signs_every_browser_out(applicant):
    laptop = signed_in(applicant)
    Client().post(confirm_url(applicant))
    assert not is_signed_in(laptop)


def test_confirming_signed_in_as_someone_else_keeps_them_signed_in(applicant):
    other = UserFactory()
    laptop, shared = signed_in(applicant), signed_in(other)
    shared.post(confirm_url(applicant))
    assert is_signed_in(shared)
    assert not is_signed_in(laptop)


def test_only_opening_the_link_signs_nobody_out(applicant):
    laptop = signed_in(applicant)
    Client().get(confirm_url(applicant))
    assert is_signed_in(laptop)


def test_a_refused_link_signs_nobody_out(applicant):
    laptop = signed_in(applicant)
    url = confirm_url(applicant)
    UserFactory(email="new@example.org")
    assert Client().post(url).status_code == 400
    assert is_signed_in(laptop)


def test_other_accounts_stay_signed_in(applicant):
    bystander = signed_in(UserFactory())
    Client().post(confirm_url(applicant))
    assert is_signed_in(bystander)


def test_sessions_from_before_any_change_stay_valid(applicant):
    """Generation 0 hashes as Django does: upgrading signs nobody out."""
    assert applicant.session_generation == 0
    assert applicant.get_session_auth_hash() == (
        AbstractBaseUser.get_session_auth_hash(applicant)
    )


def test_a_password_change_still_signs_other_browsers_out(applicant):
    laptop = signed_in(applicant)
    applicant.set_password("another sturdy Passphrase 43")
    applicant.save()
    assert not is_signed_in(laptop)
