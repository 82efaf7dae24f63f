"""The admin asks staff for a second factor; staff without an app set one up."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import totp_code

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")


def with_app(user):
    return TOTPDevice.objects.create(user=user, name="Phone")


def test_staff_signed_in_with_a_password_alone_is_sent_to_set_up_an_app(
    client, reviewer
):
    client.login(username=reviewer.username, password="correct horse")
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{SETUP}?next=%2Fadmin%2F"
    assert b"Staff sign in with a password and a code" in response.content


def test_no_admin_page_opens_to_staff_without_a_second_factor(client, reviewer):
    client.login(username=reviewer.username, password="correct horse")
    response = client.get(reverse("admin:blog_article_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)


def test_staff_with_an_app_and_a_password_only_session_is_asked_for_the_code(
    client, reviewer
):
    with_app(reviewer)
    client.login(username=reviewer.username, password="correct horse")
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fadmin%2F"


def test_the_admin_sign_in_asks_for_the_code_before_signing_in(client, reviewer):
    with_app(reviewer)
    response = client.post(
        f"{ADMIN_LOGIN}?next={ADMIN}",
        {"username": reviewer.username, "password": "correct horse", "next": ADMIN},
    )
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session


def test_the_right_code_after_the_admin_sign_in_opens_the_admin(client, reviewer):
    device = with_app(reviewer)
    client.post(
        ADMIN_LOGIN, {"username": reviewer.username, "password": "correct horse"}
    )
    response = client.post(VERIFY, {"code": totp_code(device), "next": ADMIN})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_setup_with_the_right_code_turns_it_on_and_opens_the_admin(client, reviewer):
    client.login(username=reviewer.username, password="correct horse")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    response = client.post(SETUP, {"code": totp_code(device), "next": ADMIN})
    assert response["Location"].startswith(reverse("accounts:two_factor_codes"))
    assert two_factor.is_on(reviewer)
    assert client.get(ADMIN).status_code == 200


def test_setup_shows_ten_recovery_codes_once(client, reviewer):
    client.login(username=reviewer.username, password="correct horse")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=reviewer)
    client.post(SETUP, {"code": totp_code(device), "next": ADMIN})
    codes_url = reverse("accounts:two_factor_codes")
    page = client.get(codes_url).content.decode()
    tokens = StaticToken.objects.filter(device__user=reviewer)
    assert tokens.count() == 10
    assert all(token.token in page for token in tokens)
    assert client.post(codes_url, {"next": ADMIN})["Location"] == ADMIN
    assert client.get(codes_url).status_code == 302  # not shown again


def test_setup_with_a_wrong_code_leaves_it_off_and_the_admin_shut(client, reviewer):
    client.login(username=reviewer.username, password="correct horse")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=reviewer)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong, "next": ADMIN})
    assert "This code is not right" in response.content.decode()
    assert not two_factor.is_on(reviewer)
    assert client.get(ADMIN).status_code == 302


def test_the_setup_page_shows_the_qr_code_and_the_key_to_type(client, reviewer):
    client.login(username=reviewer.username, password="correct horse")
    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=reviewer)
    assert 'src="data:image/svg+xml;base64,' in page
    assert two_factor.secret(device) in page


def test_staff_cannot_turn_it_off(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("accounts:two_factor_off")).status_code == 403


def test_a_verified_staff_session_opens_the_admin(client, reviewer):
    client.force_login(reviewer)  # the password and a code (tests/conftest.py)
    assert client.get(ADMIN).status_code == 200
