"""Background tasks for account emails (Django's tasks framework).

Each task takes ids or addresses, never a link or a token: its arguments
sit in the task table. It runs later, in the worker, where `core.mail`
builds the letter from the rows as they are then, links included, and
keeps for another try any the mail server refuses.
"""

from django.tasks import task

from core.mail import deliver

from . import emails


@task
def send_verification_email(user_id: int) -> int:
    return deliver(emails.verification_letters, user_id)


@task
def send_already_registered_email(email: str) -> int:
    return deliver(emails.already_registered_letters, email)


@task
def send_email_change_email(user_id: int, new_email: str) -> int:
    return deliver(emails.email_change_letters, user_id, new_email)


@task
def send_password_reset_email(user_id: int) -> int:
    return deliver(emails.password_reset_letters, user_id)


@task
def send_application_decision_email(application_id: int) -> int:
    return deliver(emails.application_decision_letters, application_id)


@task
def send_application_received_email(application_id: int) -> int:
    return deliver(emails.application_received_letters, application_id)
