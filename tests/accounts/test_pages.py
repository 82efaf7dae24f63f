"""Every account page renders as the site's own page, never the admin's."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC = [
    "accounts:register",
    "accounts:register_done",
    "accounts:resend_verification",
    "accounts:resend_verification_done",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
]
SIGNED_IN = [
    "accounts:account",
    "accounts:email_change",
    "accounts:email_change_done",
    "accounts:apply",
    "password_change",
    "password_change_done",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_account_pages_render_in_the_site_layout(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="main"' in body
    assert '<meta name="robots" content="noindex">' in body


@pytest.mark.parametrize("name", SIGNED_IN)
def test_signed_in_account_pages_render_in_the_site_layout(client, applicant, name):
    client.force_login(applicant)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'id="main"' in response.content.decode()


@pytest.mark.parametrize("name", SIGNED_IN)
def test_signed_in_account_pages_send_visitors_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
