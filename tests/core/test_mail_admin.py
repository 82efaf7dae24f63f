"""Unsent emails where administrators see them: the admin's list and /healthz."""

import json

import pytest
from django.urls import reverse

from accounts import emails
from core.mail import MailNotSent, deliver, retry_unsent_mail
from core.models import UnsentMail
from tests.core.mailserver import mail_server_down, mail_server_up
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:core_unsentmail_changelist")
Status = UnsentMail.Status


def refuse_verification(settings, email="new@example.com") -> UnsentMail:
    user = UserFactory(email=email, email_verified=False)
    mail_server_down(settings)
    with pytest.raises(MailNotSent):
        deliver(emails.verification_letters, user.pk)
    return UnsentMail.objects.get(to=email)


@pytest.fixture
def given_up(settings):
    """A verification email refused at its first try and at all five retries."""
    mail = refuse_verification(settings)
    for attempt in range(1, 6):
        with pytest.raises(MailNotSent):
            retry_unsent_mail.call(mail.pk, attempt)
    mail.refresh_from_db()
    return mail


def send_again(client, *mails):
    data = {"action": "send_again", "_selected_action": [m.pk for m in mails]}
    return client.post(CHANGELIST, data, follow=True)


def test_an_email_given_up_is_listed_in_the_admin(client, editor, given_up):
    client.force_login(editor)
    text = client.get(CHANGELIST + "?status=failed").text
    assert "new@example.com" in text
    assert "Send again" in text


def test_send_again_sends_a_failed_email_and_takes_it_off_the_list(
    client, editor, given_up, settings, mailoutbox
):
    mail_server_up(settings)
    client.force_login(editor)
    response = send_again(client, given_up)
    assert "1 email sent." in response.text
    assert [m.to for m in mailoutbox] == [["new@example.com"]]
    assert not UnsentMail.objects.exists()


def test_send_again_that_fails_keeps_the_email_with_its_new_error(
    client, editor, given_up
):
    UnsentMail.objects.update(last_error="old")
    client.force_login(editor)
    response = send_again(client, given_up)
    assert "could not be sent again" in response.text
    given_up.refresh_from_db()
    assert (given_up.status, given_up.last_error) == (
        Status.FAILED,
        "ConnectionRefusedError: mail server down",
    )


def test_an_unsent_email_cannot_be_written_by_hand(client, editor, given_up):
    client.force_login(editor)
    change = reverse("admin:core_unsentmail_change", args=[given_up.pk])
    client.post(change, {"to": "attacker@example.com"})
    assert client.get(reverse("admin:core_unsentmail_add")).status_code == 403
    given_up.refresh_from_db()
    assert given_up.to == "new@example.com"


@pytest.mark.parametrize("groups", [["Moderators"], ["Authors"], []])
def test_staff_without_the_permission_see_no_unsent_email(
    client, given_up, settings, mailoutbox, groups
):
    client.force_login(UserFactory(is_staff=True, groups=groups))
    assert client.get(CHANGELIST).status_code == 403
    mail_server_up(settings)
    send_again(client, given_up)
    assert mailoutbox == []


def test_a_superuser_may_send_again(client, given_up, settings, mailoutbox):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    mail_server_up(settings)
    send_again(client, given_up)
    assert len(mailoutbox) == 1


# /healthz


def test_healthz_counts_emails_given_up_and_still_retried(client, settings, given_up):
    refuse_verification(settings, email="second@example.com")
    response = client.get("/healthz")
    assert json.loads(response.content)["mail_queue"] == {"failed": 1, "retrying": 1}


def test_healthz_stays_up_with_emails_given_up(client, given_up):
    response = client.get("/healthz")
    assert (response.status_code, json.loads(response.content)["status"]) == (
        200,
        "ok",
    )
