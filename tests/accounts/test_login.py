"""Signing in and out through Django's views, with the throttle in front."""

import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
LOCKED = "Too many failed sign-ins; try again in 15 minutes."


def sign_in(client, user, password="correct horse", ip="192.0.2.1"):
    return client.post(
        LOGIN, {"username": user.username, "password": password}, REMOTE_ADDR=ip
    )


def test_the_login_page_is_the_sites_own_with_a_labelled_form(client):
    body = client.get(LOGIN).content.decode()
    assert 'for="id_username"' in body
    assert 'for="id_password"' in body
    assert reverse("password_reset") in body


def test_signing_in_leads_to_the_account_page(client, registrant):
    response = sign_in(client, registrant)
    assert response["Location"] == reverse("accounts:account")


def test_signing_in_follows_a_safe_next(client, registrant):
    response = client.post(
        LOGIN + "?next=/accounts/apply/",
        {"username": registrant.username, "password": "correct horse"},
    )
    assert response["Location"] == "/accounts/apply/"


def test_signing_in_ignores_a_next_on_another_site(client, registrant):
    response = client.post(
        LOGIN,
        {
            "username": registrant.username,
            "password": "correct horse",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("accounts:account")


def test_a_wrong_password_is_a_form_error(client, registrant):
    response = sign_in(client, registrant, password="wrong")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_the_sixth_try_after_five_failures_is_refused_with_a_clear_message(
    client, registrant
):
    for _ in range(5):
        sign_in(client, registrant, password="wrong")
    response = sign_in(client, registrant)
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_username_stays_locked_from_another_address(client, registrant):
    for _ in range(5):
        sign_in(client, registrant, password="wrong")
    response = sign_in(client, registrant, ip="198.51.100.7")
    assert LOCKED in response.content.decode()


def test_an_address_trying_many_usernames_is_locked_out(client, registrant):
    for n in range(5):
        client.post(LOGIN, {"username": f"guess{n}", "password": "x"})
    response = client.post(
        LOGIN, {"username": registrant.username, "password": "correct horse"}
    )
    assert LOCKED in response.content.decode()


@override_settings(FOLIO_LOGIN_LOCKOUT_SECONDS=1)
def test_the_lock_lifts_after_the_lockout(client, registrant):
    for _ in range(5):
        sign_in(client, registrant, password="wrong")
    assert LOCKED.replace("15", "1") in sign_in(client, registrant).content.decode()
    time.sleep(1.1)  # the counts expire in the cache itself, Redis or memory
    assert sign_in(client, registrant).status_code == 302


def test_a_success_clears_the_failures_of_its_username(client, registrant):
    for _ in range(4):
        sign_in(client, registrant, password="wrong")
    sign_in(client, registrant)
    client.logout()
    sign_in(client, registrant, password="wrong", ip="198.51.100.7")
    assert sign_in(client, registrant, ip="198.51.100.7").status_code == 302


def test_an_inactive_account_cannot_sign_in(client, registrant):
    registrant.is_active = False
    registrant.save()
    assert sign_in(client, registrant).status_code == 200


def test_signing_out_takes_a_post(client, registrant):
    client.force_login(registrant)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signing_out_from_a_page_of_this_site_needs_no_token(registrant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(registrant)
    response = client.post(reverse("logout"), HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signing_out_sent_from_another_site_is_refused(registrant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(registrant)
    response = client.post(reverse("logout"), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_a_signed_in_readers_page_carries_no_token_and_sets_no_cookie(
    client, registrant
):
    client.force_login(registrant)
    response = client.get(reverse("blog:article_list"))
    assert "csrfmiddlewaretoken" not in response.text
    assert "csrftoken" not in response.cookies


def test_the_header_offers_sign_in_and_register_to_visitors(client):
    body = client.get(reverse("blog:article_list")).content.decode()
    assert f'href="{LOGIN}"' in body
    assert f'href="{reverse("accounts:register")}"' in body


def test_the_header_offers_a_sign_out_button_to_signed_in_users(client, registrant):
    client.force_login(registrant)
    body = client.get(reverse("blog:article_list")).content.decode()
    assert f'action="{reverse("logout")}"' in body
    assert ">Sign out</button>" in body


def test_the_admin_sign_in_is_throttled_too(client, reviewer):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": reviewer.username, "password": "wrong"})
    response = client.post(
        url, {"username": reviewer.username, "password": "correct horse"}
    )
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_the_site_count_on_the_admin_sign_in(client, reviewer):
    for _ in range(5):
        sign_in(client, reviewer, password="wrong")
    response = client.post(
        reverse("admin:login"),
        {"username": reviewer.username, "password": "correct horse"},
    )
    assert LOCKED in response.content.decode()
