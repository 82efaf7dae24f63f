"""No queued task and no kept email holds a link or a token: ids only."""

import json

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts import services
from core.mail import retry_unsent_mail
from core.models import UnsentMail
from tests.accounts.conftest import link_in
from tests.core.mailserver import mail_server_down, mail_server_up
from tests.factories import AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db
NEW = "another sturdy Passphrase 7"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def reader():
    return AuthorFactory(user__email="reader@example.com").user


def run_queued_tasks():
    """What the worker does, in this process: each queued task, once."""
    for queued in DBTaskResult.objects.order_by("enqueued_at"):
        task = queued.task
        task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])


def queued_arguments() -> list:
    return [
        arg
        for queued in DBTaskResult.objects.all()
        for arg in queued.args_kwargs["args"] + list(queued.args_kwargs["kwargs"])
    ]


def request_reset(client, user):
    client.post(reverse("password_reset"), {"email": user.email})


def test_a_password_reset_queues_only_the_users_id(database_queue, client, reader):
    request_reset(client, reader)
    assert queued_arguments() == [reader.pk]


def test_the_reset_link_is_made_when_the_queued_task_runs(
    database_queue, client, reader, mailoutbox
):
    request_reset(client, reader)
    run_queued_tasks()
    link = link_in(mailoutbox[0], "/accounts/reset/")
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    reader.refresh_from_db()
    assert reader.check_password(NEW)


def test_account_emails_queue_ids_and_addresses_never_a_link(
    database_queue, client, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_reset(client, reader)
        services.register_author(
            username="newcomer",
            email="newcomer@example.com",
            display_name="Newcomer",
            password=NEW,
        )
        services.request_email_change(user=reader, new_email="moved@example.com")
    arguments = queued_arguments()
    assert len(arguments) == 4  # reset; verification; email change (id, address)
    assert all(isinstance(arg, int) or "@" in arg for arg in arguments), arguments


def test_a_kept_password_reset_holds_neither_link_nor_token(
    client, reader, settings, mailoutbox
):
    mail_server_down(settings)
    request_reset(client, reader)
    kept = UnsentMail.objects.values().get()
    mail_server_up(settings)
    retry_unsent_mail.call(kept["id"], 1)
    token = link_in(mailoutbox[0], "/accounts/reset/").rstrip("/").rsplit("/", 1)[1]
    stored = json.dumps(kept, default=str)
    assert ("/reset/" in stored, token in stored) == (False, False)


def test_a_password_reset_sent_by_a_retry_has_a_working_link(
    client, reader, settings, mailoutbox
):
    mail_server_down(settings)
    request_reset(client, reader)
    mail_server_up(settings)
    retry_unsent_mail.call(UnsentMail.objects.get().pk, 1)
    form_url = client.get(link_in(mailoutbox[0], "/accounts/reset/"))["Location"]
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("password_reset_complete")


def test_a_reset_for_an_account_without_a_password_sends_a_link_to_set_one(
    client, mailoutbox
):
    user = UserFactory(email="nopassword@example.com")
    user.set_unusable_password()  # an author moved in from WordPress
    user.save()
    request_reset(client, user)
    assert [m.to for m in mailoutbox] == [["nopassword@example.com"]]
