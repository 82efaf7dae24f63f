"""WordPress authors → Folio accounts with an author profile.

An author is matched to an existing account by the author map (`login →
username or email`) or else by email; otherwise a new account is made that
cannot sign in until its owner sets a password through the normal reset
(an export holds no passwords we could use), is not staff, and keeps its
email private like every account. Every imported author joins the Authors
group.
"""

import re

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q

from accounts.models import Author, User
from core.permissions import AUTHORS

from .. import addresses
from ..records import Author as AuthorRecord
from ..report import IMPORTED, UNCHANGED
from .context import Context, Kind
from .text import cut

_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")
USER = "user"  # the maps' kind for an author's account: Author pk → User pk


def import_author(ctx: Context, record: AuthorRecord) -> Author:
    author = ctx.imported(Kind.AUTHOR, record.login, Author)
    if author is not None:
        ctx.report.count(Kind.AUTHOR, UNCHANGED)
    else:
        user = _matching_user(ctx, record)
        ctx.report.count(Kind.AUTHOR, IMPORTED if user is None else "matched")
        if user is None:
            user = _new_user(ctx, record)
        author = getattr(user, "author", None) or Author.objects.create(
            user=user,
            display_name=cut(record.display_name.strip(), 100) or user.username,
        )
        user.groups.add(Group.objects.get(name=AUTHORS))
        ctx.record(Kind.AUTHOR, record.login, author)
    ctx.maps.set(Kind.AUTHOR, record.login, author.pk)
    ctx.maps.set(USER, author.pk, author.user_id)
    if not ctx.dry_run:
        addresses.remember_author_addresses(ctx.site, record, author)
    return author


def author_for(ctx: Context, login: str, *, title: str, wp_id) -> int:
    """The pk of the Author an item names; one the channel did not list
    (WXR 1.0 lists none) is made from its login, with a warning."""
    pk = ctx.maps.get(Kind.AUTHOR, login)
    if pk is None:
        record = AuthorRecord(wp_id=None, login=login, email="", display_name=login)
        pk = import_author(ctx, record).pk
        ctx.report.warn(
            Kind.AUTHOR,
            login,
            login,
            f"not among the export's authors, named by item {wp_id} “{title}”: "
            "made from its login alone",
        )
    return pk


def user_for(ctx: Context, author_pk: int) -> int:
    """The account of an author the import knows."""
    return ctx.maps.get(USER, author_pk)


def _matching_user(ctx: Context, record: AuthorRecord) -> User | None:
    wanted = ctx.author_map.get(record.login, "")
    if wanted:
        users = User.objects.filter(Q(username=wanted) | Q(email__iexact=wanted))
        user = users.first()
        if user is not None:
            return user
        ctx.report.warn(
            Kind.AUTHOR,
            record.login,
            record.display_name,
            f"the author map names “{wanted}”, which is no account here",
        )
    if record.email.strip():
        return User.objects.filter(email__iexact=record.email.strip()).first()
    return None


def _new_user(ctx: Context, record: AuthorRecord) -> User:
    """An account that cannot sign in until a password reset, with no staff
    status; its email is kept only if it is a valid address."""
    email = record.email.strip()
    try:
        validate_email(email)
    except ValidationError:
        if email:
            ctx.report.warn(
                Kind.AUTHOR,
                record.login,
                record.display_name,
                "the email address is not valid: the account was made without one",
            )
        email = ""
    user = User(
        username=_free_username(record.login),
        email=email,
        first_name=cut(record.first_name, 150),
        last_name=cut(record.last_name, 150),
    )
    user.set_unusable_password()
    user.save()
    return user


def _free_username(login: str) -> str:
    """The login as a username (the characters Django allows), numbered when
    an account already has it."""
    base = _NOT_IN_USERNAME.sub("", login)[:140] or "wordpress-author"
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username
