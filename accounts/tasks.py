"""Background tasks for account emails (Django's tasks framework).

Each task takes ids or addresses, not objects: it runs later, in the
worker, and reads the rows as they are then.
"""

from django.tasks import task

from core.mail import send_rendered

from . import emails


@task
def send_verification_email(user_id: int) -> bool:
    return emails.send_verification(user_id)


@task
def send_already_registered_email(email: str) -> bool:
    return emails.send_already_registered(email)


@task
def send_email_change_email(user_id: int, new_email: str) -> bool:
    return emails.send_email_change(user_id, new_email)


@task
def send_application_decision_email(application_id: int) -> bool:
    return emails.send_application_decision(application_id)


@task
def send_application_received_email(application_id: int) -> int:
    return emails.send_application_received(application_id)


@task
def send_rendered_email(to: str, subject: str, body: str, html: str | None) -> bool:
    return send_rendered(to=to, subject=subject, body=body, html=html)
