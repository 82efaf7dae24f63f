"""Reset and verification emails anyone can ask for are limited per address
and per client address; the page answers the same past the limits."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET, RESEND = reverse("password_reset"), reverse("accounts:resend_verification")


def ask(client, url, email, ip="192.0.2.1"):
    return client.post(url, {"email": email}, REMOTE_ADDR=ip)


def test_thirty_resets_in_a_minute_send_three_emails(client, mailoutbox):
    user = UserFactory()
    for n in range(30):
        ask(client, RESET, user.email, ip=f"192.0.2.{n}")
    assert [m.to for m in mailoutbox] == [[user.email]] * 3


def test_a_reset_past_the_limit_answers_the_same(client, mailoutbox):
    user = UserFactory()
    answers = [ask(client, RESET, user.email) for _ in range(4)]
    assert len(mailoutbox) == 3
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("password_reset_done"))
    }


def test_one_address_asking_for_many_accounts_gets_ten_resets(client, mailoutbox):
    users = UserFactory.create_batch(12)
    for user in users:
        ask(client, RESET, user.email)
    assert len(mailoutbox) == 10


def test_unknown_addresses_count_against_the_client_address(client, mailoutbox):
    for n in range(10):
        ask(client, RESET, f"nobody{n}@example.com")
    ask(client, RESET, UserFactory().email)
    assert mailoutbox == []


def test_the_address_limit_ignores_case_and_spaces(client, mailoutbox):
    UserFactory(email="ada@example.com")
    emails = [
        "ada@example.com",
        "ADA@example.com",
        " Ada@Example.com ",
        "ada@example.com",
    ]
    for n, email in enumerate(emails):
        ask(client, RESET, email, ip=f"192.0.2.{n}")
    assert len(mailoutbox) == 3


def test_thirty_verification_requests_send_at_most_the_limit(
    client, mailoutbox, settings
):
    settings.FOLIO_EMAIL_RESEND_SECONDS = 0  # leave only the hourly limits
    user = UserFactory(email_verified=False)
    for n in range(30):
        response = ask(client, RESEND, user.email, ip=f"192.0.2.{n}")
        assert response["Location"] == reverse("accounts:resend_verification_done")
    assert len(mailoutbox) == 3


def test_verification_requests_from_one_client_address_are_limited(client, mailoutbox):
    users = UserFactory.create_batch(12, email_verified=False)
    for user in users:
        ask(client, RESEND, user.email)
    assert len(mailoutbox) == 10
