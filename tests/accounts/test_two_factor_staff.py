"""Staff hold their permissions only in a session that passed the second
factor; turning the second factor on signs every other browser out."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import ArticleFactory, totp_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
ACCOUNT = reverse("accounts:account")
QUEUE = reverse("comments:moderation_queue")


def password_only(user) -> Client:
    """A browser signed in with the password alone (`login()` asks no code)."""
    browser = Client()
    assert browser.login(username=user.username, password="correct horse")
    return browser


def turn_on(browser: Client, user) -> None:
    browser.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    browser.post(SETUP, {"code": totp_code(device)})
    assert two_factor.is_on(user)


def test_staff_signing_in_with_a_password_and_no_app_are_sent_to_set_one_up(
    client, editor
):
    response = client.post(
        LOGIN, {"username": editor.username, "password": "correct horse"}
    )
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_staff_without_the_second_factor_are_sent_to_it_from_the_moderation_queue(
    editor,
):
    response = password_only(editor).get(QUEUE)
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fmoderation%2F"


def test_staff_with_an_app_but_no_code_yet_are_asked_the_code(editor):
    TOTPDevice.objects.create(user=editor, name="Phone")
    response = password_only(editor).get(QUEUE)
    assert response.url.startswith(VERIFY)


def test_staff_without_the_second_factor_do_not_see_drafts(editor):
    draft = ArticleFactory(draft=True)
    assert password_only(editor).get(draft.get_absolute_url()).status_code == 404


def test_staff_who_passed_the_second_factor_open_the_moderation_queue(editor):
    browser = password_only(editor)
    turn_on(browser, editor)
    assert browser.get(QUEUE).status_code == 200


def test_readers_who_are_not_staff_need_no_second_factor(moderator_user):
    assert password_only(moderator_user).get(QUEUE).status_code == 200


def test_turning_the_second_factor_on_signs_other_browsers_out(applicant):
    laptop, phone = password_only(applicant), password_only(applicant)
    turn_on(phone, applicant)
    assert laptop.get(ACCOUNT).status_code == 302


def test_the_browser_that_turns_it_on_stays_signed_in(applicant):
    phone = password_only(applicant)
    turn_on(phone, applicant)
    assert phone.get(ACCOUNT).status_code == 200
