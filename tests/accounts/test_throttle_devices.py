"""Strangers cannot lock an owner out: a browser that signed in before counts
on its own (OWASP's device cookies, accounts/devices.py)."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import devices, two_factor
from tests.factories import UserFactory, totp_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
VERIFY = reverse("accounts:two_factor_verify")
LOCKED = "Too many failed sign-ins"
OWNER_IP, ATTACKER_IP = "198.51.100.7", "203.0.113.66"


def sign_in(client, user, password="correct horse", ip=OWNER_IP):
    return client.post(
        LOGIN, {"username": user.username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.fixture
def owner(db):
    return UserFactory()


@pytest.fixture
def owners_browser(owner):
    """A browser the owner signed in from once, then signed out of."""
    browser = Client()
    assert sign_in(browser, owner).status_code == 302
    browser.post(reverse("logout"))
    return browser


def lock_out(user):
    attacker = Client()
    for _ in range(5):
        sign_in(attacker, user, password="guess", ip=ATTACKER_IP)
    return attacker


def test_a_sign_in_gives_the_browser_a_signed_device_cookie(client, owner):
    cookie = sign_in(client, owner).cookies[devices.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    request = RequestFactory().get("/", HTTP_COOKIE=f"{devices.COOKIE}={cookie.value}")
    assert len(devices.nonce_for(request, owner)) >= 16
    assert devices.nonce_for(request, UserFactory()) is None


@override_settings(SESSION_COOKIE_SECURE=True)
def test_the_device_cookie_is_secure_where_the_session_cookie_is(client, owner):
    assert sign_in(client, owner).cookies[devices.COOKIE]["secure"]


def test_five_wrong_passwords_lock_the_account_for_unknown_browsers(owner):
    lock_out(owner)
    response = sign_in(Client(), owner)
    assert LOCKED in response.content.decode()


def test_the_owners_browser_still_signs_in_to_a_locked_account(owner, owners_browser):
    lock_out(owner)
    response = sign_in(owners_browser, owner)
    assert response.status_code == 302
    assert owners_browser.session["_auth_user_id"] == str(owner.pk)


def test_the_owners_sign_in_does_not_unlock_the_account_for_strangers(
    owner, owners_browser
):
    attacker = lock_out(owner)
    sign_in(owners_browser, owner)
    response = sign_in(attacker, owner, ip="192.0.2.200")
    assert LOCKED in response.content.decode()


def test_a_device_cookie_has_its_own_limit(owner, owners_browser):
    for n in range(5):
        sign_in(owners_browser, owner, password="guess", ip=f"192.0.2.{n}")
    response = sign_in(owners_browser, owner, ip="192.0.2.99")
    assert LOCKED in response.content.decode()


def test_the_address_limit_applies_to_a_known_browser_too(owner, owners_browser):
    for _ in range(5):
        sign_in(Client(), UserFactory(), password="guess", ip=ATTACKER_IP)
    response = sign_in(owners_browser, owner, ip=ATTACKER_IP)
    assert LOCKED in response.content.decode()


def test_a_forged_device_cookie_does_not_open_a_locked_account(client, owner):
    lock_out(owner)
    client.cookies[devices.COOKIE] = f"{owner.pk}:made-up-nonce:forged"
    assert LOCKED in sign_in(client, owner).content.decode()


def test_a_cookie_signed_with_another_salt_does_not_open_it(client, owner):
    lock_out(owner)
    other = HttpResponse()
    other.set_signed_cookie(devices.COOKIE, f"{owner.pk}:nonce", salt="other")
    client.cookies[devices.COOKIE] = other.cookies[devices.COOKIE].value
    assert LOCKED in sign_in(client, owner).content.decode()


def test_another_accounts_device_cookie_does_not_open_it(owner):
    browser = Client()
    sign_in(browser, UserFactory())  # the browser knows someone else
    browser.post(reverse("logout"))
    lock_out(owner)
    assert LOCKED in sign_in(browser, owner).content.decode()


@pytest.fixture
def writer(owner):
    """The owner, with an authenticator app."""
    owner.device = TOTPDevice.objects.create(user=owner, name="Phone")
    return owner


def pass_second_step(browser, user, code=None, ip=OWNER_IP):
    sign_in(browser, user, ip=ip)
    return browser.post(
        VERIFY, {"code": code or totp_code(user.device)}, REMOTE_ADDR=ip
    )


def test_with_two_factors_the_cookie_comes_after_the_code(client, writer):
    assert devices.COOKIE not in sign_in(client, writer).cookies
    response = client.post(VERIFY, {"code": totp_code(writer.device)})
    assert devices.COOKIE in response.cookies


def test_the_owners_browser_passes_the_code_step_strangers_locked(writer):
    owners_browser = Client()
    pass_second_step(owners_browser, writer)
    owners_browser.post(reverse("logout"))
    attacker = Client()  # who knows the password, not the app
    for n in range(5):
        pass_second_step(attacker, writer, code="000000", ip=f"203.0.113.{n}")
    recovery_code = two_factor.new_recovery_codes(user=writer)[0]  # the app's is used
    assert LOCKED in pass_second_step(Client(), writer, recovery_code).content.decode()
    response = pass_second_step(owners_browser, writer, recovery_code)
    assert owners_browser.session["_auth_user_id"] == str(writer.pk)
    assert response.status_code == 302
