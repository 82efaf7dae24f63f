"""No email is lost: a refused send fails its task, is kept, tried again, given up."""

import logging
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import emails
from accounts.tasks import send_verification_email
from core.mail import Letter, MailNotSent, deliver, rebuildable, retry_unsent_mail
from core.models import UnsentMail
from tests.core.mailserver import mail_server_down, mail_server_up
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = UnsentMail.Status


@pytest.fixture
def newcomer():
    return UserFactory(email="new@example.com", email_verified=False)


@pytest.fixture
def refused(settings, newcomer):
    """The verification email of `newcomer`, refused by a mail server down."""
    mail_server_down(settings)
    with pytest.raises(MailNotSent):
        deliver(emails.verification_letters, newcomer.pk)
    return UnsentMail.objects.get()


def minutes_until(when) -> int:
    return round((when - timezone.now()) / timedelta(minutes=1))


def retry(mail):
    """The scheduled try of `mail`, as the worker would run it."""
    return retry_unsent_mail.call(mail.pk, mail.attempts)


def fail_retries(mail, times):
    for _ in range(times):
        with pytest.raises(MailNotSent):
            retry(mail)
        mail.refresh_from_db()


# A refused send


def test_a_send_the_mail_server_refuses_fails_the_task(settings, newcomer):
    mail_server_down(settings)
    result = send_verification_email.enqueue(newcomer.pk)
    assert result.status == TaskResultStatus.FAILED


def test_a_send_that_goes_through_succeeds(newcomer, mailoutbox):
    result = send_verification_email.enqueue(newcomer.pk)
    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, 1)


def test_a_refused_email_is_kept_to_try_again_in_a_minute(refused):
    assert (
        refused.status,
        refused.attempts,
        minutes_until(refused.next_attempt_at),
    ) == (
        Status.RETRYING,
        1,
        1,
    )


def test_a_kept_email_names_its_builder_and_ids_and_the_error(refused, newcomer):
    assert (refused.builder, refused.args, refused.kind, refused.to) == (
        "accounts.emails.verification_letters",
        [newcomer.pk],
        "verify_email",
        "new@example.com",
    )
    assert refused.last_error == "ConnectionRefusedError: mail server down"


def test_a_refused_send_is_logged_as_an_error(settings, newcomer, caplog):
    mail_server_down(settings)
    with caplog.at_level(logging.ERROR, logger="core.mail"):
        send_verification_email.enqueue(newcomer.pk)
    assert "Could not send the verify_email email" in caplog.text


def test_one_refused_letter_does_not_stop_the_others(monkeypatch, mailoutbox):
    original = EmailMultiAlternatives.send

    def refuse_the_first(message, *args, **kwargs):
        if message.to == ["first@example.com"]:
            raise ConnectionRefusedError("mailbox unavailable")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse_the_first)
    with pytest.raises(MailNotSent):
        deliver(two_letters)
    assert [m.to for m in mailoutbox] == [["second@example.com"]]
    assert list(UnsentMail.objects.values_list("to", flat=True)) == [
        "first@example.com"
    ]


@rebuildable
def two_letters():
    template = "accounts/email/already_registered"
    return [
        Letter("first@example.com", "One", template),
        Letter("second@example.com", "Two", template),
    ]


def test_only_a_rebuildable_builder_is_delivered():
    with pytest.raises(TypeError):
        deliver(emails.active_user, 1)


# Tried again


def test_the_tries_wait_1_5_30_minutes_then_2_and_12_hours(refused):
    waits = [minutes_until(refused.next_attempt_at)]
    for _ in range(4):
        fail_retries(refused, 1)
        waits.append(minutes_until(refused.next_attempt_at))
    assert waits == [1, 5, 30, 120, 720]


def test_after_the_last_try_the_email_is_marked_failed(refused):
    fail_retries(refused, 5)
    assert (refused.status, refused.attempts, refused.next_attempt_at) == (
        Status.FAILED,
        6,
        None,
    )


def test_a_failed_email_is_not_tried_again(refused, settings, mailoutbox):
    fail_retries(refused, 5)
    mail_server_up(settings)
    assert retry_unsent_mail.call(refused.pk, 6) is False
    assert mailoutbox == []


def test_a_retry_that_goes_through_sends_the_email_and_forgets_it(
    refused, settings, mailoutbox
):
    mail_server_up(settings)
    assert retry(refused) is True
    assert [m.to for m in mailoutbox] == [["new@example.com"]]
    assert not UnsentMail.objects.exists()


def test_a_retry_builds_the_letter_afresh_with_a_working_link(
    refused, newcomer, settings, mailoutbox, client
):
    mail_server_up(settings)
    retry(refused)
    link = mailoutbox[0].body.split("http://127.0.0.1:8000", 1)[1].split()[0]
    client.post(link)
    newcomer.refresh_from_db()
    assert newcomer.email_verified


def test_an_email_no_longer_due_is_dropped_by_its_retry(
    refused, newcomer, settings, mailoutbox
):
    newcomer.email_verified = True
    newcomer.save()
    mail_server_up(settings)
    retry(refused)
    assert (mailoutbox, UnsentMail.objects.exists()) == ([], False)


def test_a_retry_superseded_by_a_later_one_does_nothing(refused, settings, mailoutbox):
    fail_retries(refused, 1)
    mail_server_up(settings)
    assert retry_unsent_mail.call(refused.pk, 1) is False
    assert mailoutbox == []


def test_a_retry_whose_builder_is_not_rebuildable_fails(refused, settings):
    UnsentMail.objects.update(builder="accounts.emails.active_user")
    mail_server_up(settings)
    with pytest.raises(MailNotSent):
        retry(refused)
    refused.refresh_from_db()
    assert refused.last_error.startswith("TypeError")


# With the database queue


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_next_try_is_queued_for_its_time(database_queue, refused):
    queued = DBTaskResult.objects.get(task_path="core.mail.retry_unsent_mail")
    assert (queued.run_after, queued.args_kwargs["args"]) == (
        refused.next_attempt_at,
        [refused.pk, 1],
    )


# The worker closes the connection after each task, as in production: the
# test cannot run inside a transaction it would cut.
@pytest.mark.django_db(transaction=True)
def test_a_refused_send_fails_the_queued_task(database_queue, settings, newcomer):
    send_verification_email.enqueue(newcomer.pk)
    mail_server_down(settings)
    call_command("db_worker", batch=True, verbosity=0)
    task = DBTaskResult.objects.get(task_path="accounts.tasks.send_verification_email")
    assert task.status == TaskResultStatus.FAILED


# The worker closes the connection after each task, as in production: the
# test cannot run inside a transaction it would cut.
@pytest.mark.django_db(transaction=True)
def test_the_worker_keeps_a_refused_email_and_queues_its_next_try(
    database_queue, settings, newcomer
):
    send_verification_email.enqueue(newcomer.pk)
    mail_server_down(settings)
    call_command("db_worker", batch=True, verbosity=0)
    kept = UnsentMail.objects.get()
    queued = DBTaskResult.objects.get(task_path="core.mail.retry_unsent_mail")
    assert (queued.status, queued.args_kwargs["args"]) == ("READY", [kept.pk, 1])
