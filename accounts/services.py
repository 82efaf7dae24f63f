"""Account writes with side effects: registering, proving and changing an
email address, applying to the authors team and deciding an application."""

from functools import partial

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import links
from core.caching import cache_or
from core.mail import queue
from core.permissions import AUTHORS, PUBLISH_ARTICLE, SUBMIT_ARTICLE

from . import tasks, throttle, tokens
from .models import Author, AuthorApplication, User


class UsernameTaken(Exception):
    """Another account took the username between the form's check and ours."""


def email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    users = User.objects.filter(email__iexact=email.strip())
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    return users.exists()


def _first_in_a_while(kind: str, email: str) -> bool:
    """True at most once per address per `FOLIO_EMAIL_RESEND_SECONDS`."""
    key = f"accounts-mail:{kind}:{email.strip().lower()}"
    # Without the cache, the person waiting for their link gets it.
    return cache_or(
        True, lambda: cache.add(key, 1, settings.FOLIO_EMAIL_RESEND_SECONDS)
    )


def _on_commit(task, *args) -> None:
    transaction.on_commit(partial(queue, task, *args), robust=True)


@transaction.atomic
def register_author(
    *, username: str, email: str, display_name: str, password: str
) -> User | None:
    """Create an unverified user with a private author profile; mail the link.

    An address that already has an account gets a note instead, and nothing
    is created (None): the page the registrant sees is the same either way,
    and so is the time it takes (docs/security.md). Raises UsernameTaken if
    the username went in the meantime.
    """
    email = email.strip()
    if email_taken(email):
        _rehearse_account(
            username=username, display_name=display_name, password=password
        )
        if _first_in_a_while("registered", email):
            _on_commit(tasks.send_already_registered_email, email)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, email=email, password=password
            )
    except IntegrityError:
        if email_taken(email):  # a registration that won a race for the address
            return None
        raise UsernameTaken(username) from None
    Author.objects.create(user=user, display_name=display_name)
    _on_commit(tasks.send_verification_email, user.pk)
    return user


def _rehearse_account(*, username: str, display_name: str, password: str) -> None:
    """Make an account as registering does, password hash and all, and undo
    it: the same queries in the same time, so a taken address is not told
    by a quicker answer (hashing is nearly all the cost)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                user = User.objects.create_user(username=username, password=password)
        except IntegrityError:
            raise UsernameTaken(username) from None
        Author.objects.create(user=user, display_name=display_name)
        transaction.set_rollback(True)


def resend_verification(*, email: str, ip: str | None = None) -> None:
    """Mail the link again to an unverified account with this address, if any,
    at most once per address in a while, and a few times an hour per address
    and per client address `ip`. Nobody learns which was the case."""
    if not throttle.allow_email(kind="verify", email=email, ip=ip):
        return
    user = User.objects.filter(
        email__iexact=email.strip(), email_verified=False, is_active=True
    ).first()
    if user is not None and _first_in_a_while("verify", user.email):
        queue(tasks.send_verification_email, user.pk)


def verify_email(*, token: str) -> User:
    """Mark the address a verification link names as proved, or LinkError."""
    user = user_for_verification(token)
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    return user


def user_for_verification(token: str) -> User:
    """The account a verification link may still verify, or LinkError."""
    data = tokens.read_token(token, kind=links.VERIFY_EMAIL)
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if user is None or user.email.lower() != data.get("e"):
        raise tokens.LinkError("This link is not valid any more.")
    if user.email_verified:
        raise tokens.LinkError(
            "This link has already been used: your email address is confirmed."
        )
    return user


def request_email_change(*, user: User, new_email: str) -> None:
    """Mail a link to the new address; the old one stays until it is used.

    An address already in use gets nothing, and the page says the same.
    """
    new_email = new_email.strip()
    if email_taken(new_email, exclude_pk=user.pk):
        return
    if _first_in_a_while(f"change-{user.pk}", new_email):
        queue(tasks.send_email_change_email, user.pk, new_email)


def user_for_email_change(token: str) -> tuple[User, str]:
    """(account, new address) an email change link may still apply, or LinkError."""
    data = tokens.read_token(token, kind=links.CHANGE_EMAIL)
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    new_email = data.get("new")
    if user is None or not isinstance(new_email, str):
        raise tokens.LinkError("This link is not valid any more.")
    if user.email.lower() == new_email:
        raise tokens.LinkError("This link has already been used.")
    if user.email.lower() != data.get("old"):
        raise tokens.LinkError(
            "This link is not valid any more: the address changed since it was sent."
        )
    if email_taken(new_email, exclude_pk=user.pk):
        raise tokens.LinkError("This address is already used by another account.")
    return user, new_email


@transaction.atomic
def change_email(*, token: str) -> User:
    """Switch an account to the address an email change link proves, and
    sign it out of every browser, as a new password would."""
    user, new_email = user_for_email_change(token)
    user.email = new_email
    user.email_verified = True
    user.end_sessions()
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "email_verified", "session_generation"])
    except IntegrityError:
        raise tokens.LinkError(
            "This address is already used by another account."
        ) from None
    return user


def is_author(user: User) -> bool:
    """A member of the authors team: one who may submit articles."""
    return user.is_active and user.has_perm(SUBMIT_ARTICLE)


def is_editor(user: User) -> bool:
    return user.is_active and user.has_perm(PUBLISH_ARTICLE)


def on_the_team(user: User) -> bool:
    """Writes or edits already: nobody to invite to apply."""
    return is_author(user) or is_editor(user)


def pending_application(user: User) -> AuthorApplication | None:
    return user.author_applications.pending().first()


class ApplicationRefused(Exception):
    """An application that cannot be sent now; the message says why."""


@transaction.atomic
def apply_to_write(
    *, user: User, bio: str, topics: str, sample_url: str = ""
) -> AuthorApplication:
    """Record an application to join the authors team (one pending at a time)."""
    if not user.email_verified:
        raise ApplicationRefused("Confirm your email address first.")
    if on_the_team(user):
        raise ApplicationRefused("You are already on the authors team.")
    if pending_application(user) is not None:
        raise ApplicationRefused("Your application is already waiting for an editor.")
    try:
        with transaction.atomic():
            application = AuthorApplication.objects.create(
                user=user, bio=bio, topics=topics, sample_url=sample_url
            )
    except IntegrityError:
        raise ApplicationRefused(
            "Your application is already waiting for an editor."
        ) from None
    _on_commit(tasks.send_application_received_email, application.pk)
    return application


@transaction.atomic
def decide_application(
    *, application: AuthorApplication, approve: bool, by: User, note: str = ""
) -> bool:
    """Approve (join the Authors group) or decline a pending application.

    The applicant is emailed after commit. False if it was already decided.
    """
    application = (
        AuthorApplication.objects.select_for_update()
        .filter(pk=application.pk, status=AuthorApplication.Status.PENDING)
        .first()
    )
    if application is None:
        return False
    Status = AuthorApplication.Status
    application.status = Status.APPROVED if approve else Status.DECLINED
    application.editor_note = note.strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(
        update_fields=["status", "editor_note", "decided_by", "decided_at"]
    )
    if approve:
        application.user.groups.add(Group.objects.get(name=AUTHORS))
    _on_commit(tasks.send_application_decision_email, application.pk)
    return True
