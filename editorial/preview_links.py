"""Preview links: an unpublished article shown to someone without an account.

The article's author (a member of the authors team) or an editor makes a
link; whoever holds it reads the article as readers will, until the link
expires (`FOLIO_PREVIEW_LINK_DAYS` after it was made, unless asked for
fewer days) or someone who may manage it revokes it.

A token is `core.links` data of kind `PREVIEW_ARTICLE`: the `PreviewLink`
row's id, signed with the secret key under its own salt. It is never
stored, so nothing in the database opens a preview, and it is shown only
once, when it is made. Every check happens when the link is opened: a
forged or damaged token, a row revoked, expired or made by a user who is no
longer active, or an article that can no longer be previewed (archived)
raise `PreviewLinkError`; the page answers all of them with the same 404.
Once the article is public, a live link leads to its public page instead.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from blog.models import Article
from core import links
from core.permissions import PREVIEW_ARTICLE, SUBMIT_ARTICLE

from .models import PreviewLink

Status = Article.Status
# Tokens are about 80 characters; anything much longer is not one of ours,
# and is refused before any work is done on it.
MAX_TOKEN_CHARS = 200
DEAD_LINK = (
    "This preview link does not work: it has expired or was revoked, "
    "or it was not copied whole. Ask whoever sent it for a new one."
)


class PreviewLinkError(Exception):
    """A link that may not be made, or that opens nothing; the message says why."""


def may_be_previewed(article: Article) -> bool:
    """Unpublished and still on its way to readers: a draft, an article sent
    back or in review, or one scheduled. Not public, not archived."""
    return article.is_scheduled or article.status in (
        Status.DRAFT,
        Status.CHANGES_REQUESTED,
        Status.SUBMITTED,
    )


def may_manage(user, article: Article) -> bool:
    """See and revoke the article's links: its author, or an editor."""
    return article.author.user_id == user.pk or user.has_perm(PREVIEW_ARTICLE)


def sharing_blocker(user, article: Article) -> str | None:
    """Why `user` may not make a preview link of `article` now, or None."""
    if not may_manage(user, article):
        return "Only the article's author or an editor can share a preview of it."
    if not may_be_previewed(article):
        if article.is_public:
            return "This article is public: share its address instead."
        return "Only an unpublished article can be previewed."
    if user.has_perm(PREVIEW_ARTICLE):
        return None
    if not (user.email_verified and user.has_perm(SUBMIT_ARTICLE)):
        return (
            "Only members of the authors team can share previews: verify your "
            "email address and join the team first."
        )
    return None


def lifetime_days() -> int:
    return settings.FOLIO_PREVIEW_LINK_DAYS


@transaction.atomic
def create_preview_link(
    *, article: Article, by, days: int | None = None
) -> tuple[PreviewLink, str]:
    """A new link to `article` and its token, which is known only now.

    It works for `days` (at most, and by default, `FOLIO_PREVIEW_LINK_DAYS`).
    """
    longest = lifetime_days()
    days = longest if days is None else days
    if not 0 < days <= longest:
        raise ValueError(f"A preview link works for 1 to {longest} days.")
    locked = (
        Article.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=article.pk)
    )
    blocker = sharing_blocker(by, locked)
    if blocker:
        raise PreviewLinkError(blocker)
    now = timezone.now()
    link = PreviewLink.objects.create(
        article=locked,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return link, links.make_token(links.PREVIEW_ARTICLE, {"link": link.pk})


@transaction.atomic
def revoke_preview_link(*, link: PreviewLink, by) -> PreviewLink:
    """Stop `link` from opening its article; revoking it again changes nothing."""
    locked = (
        PreviewLink.objects.select_for_update(of=("self",))
        .select_related("article__author")
        .get(pk=link.pk)
    )
    if not may_manage(by, locked.article):
        raise PreviewLinkError(
            "Only the article's author or an editor can revoke its preview links."
        )
    if locked.revoked_at is None:
        locked.revoked_at, locked.revoked_by = timezone.now(), by
        locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def article_for_preview(token: str) -> Article:
    """The article a live link's token opens: unpublished, or public since
    (the page then sends its holder to the public address).

    Raises PreviewLinkError, always with the same message, for anything else.
    """
    if len(token) > MAX_TOKEN_CHARS:
        raise PreviewLinkError(DEAD_LINK)
    try:
        data = links.read_token(links.PREVIEW_ARTICLE, token)
    except links.LinkError:
        raise PreviewLinkError(DEAD_LINK) from None
    link_id = data.get("link")
    if type(link_id) is not int:
        raise PreviewLinkError(DEAD_LINK)
    link = (
        PreviewLink.objects.live()
        .select_related("article__author", "article__category")
        .filter(pk=link_id)
        .first()
    )
    if link is None:
        raise PreviewLinkError(DEAD_LINK)
    article = link.article
    if not (may_be_previewed(article) or article.is_public):
        raise PreviewLinkError(DEAD_LINK)
    return article
