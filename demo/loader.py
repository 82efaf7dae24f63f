"""Create the demo site from the data modules beside this one."""

from collections import Counter
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Author, User
from blog.models import Article, Category, Tag
from comments.models import Comment
from imaging.processing import save_image

from . import everyday, health, sample, science
from .comments import COMMENTS
from .covers import draw_avatar, draw_cover
from .people import ACCOUNTS, AUTHORS, CATEGORIES, DEMO_PASSWORD, DEMO_TOTP_KEY

ARTICLES = [sample.ARTICLE, *health.ARTICLES, *science.ARTICLES, *everyday.ARTICLES]


@transaction.atomic
def load_demo() -> Counter:
    """Create whatever part of the demo is missing; count what was created.

    Rows are looked up by username and slug, so a second run adds nothing.
    Comments come with their article, never on their own.
    """
    created = Counter()
    users = {spec["username"]: _get_or_create_user(spec, created) for spec in ACCOUNTS}
    authors = {
        spec["username"]: _get_or_create_author(users[spec["username"]], spec)
        for spec in AUTHORS
    }
    categories = {
        spec["slug"]: Category.objects.get_or_create(slug=spec["slug"], defaults=spec)
        for spec in CATEGORIES
    }
    now = timezone.now()
    for spec in ARTICLES:
        taken = Q(slug=spec["slug"]) | Q(slug_redirects__old_slug=spec["slug"])
        if Article.objects.filter(taken).exists():
            continue
        article = _create_article(spec, authors, categories, now)
        created["articles"] += 1
        created["comments"] += _add_comments(
            article, COMMENTS.get(spec["slug"], []), moderator=users["moderator"]
        )
    return created


def give_staff_the_demo_app() -> TOTPDevice | None:
    """Demo staff sign in with a code from the app whose key is DEMO_TOTP_KEY;
    return one of their devices (for its codes), if any demo staff exists."""
    staff = User.objects.filter(
        username__in=[spec["username"] for spec in ACCOUNTS if spec["is_staff"]]
    )
    devices = [
        TOTPDevice.objects.get_or_create(
            user=user,
            confirmed=True,
            key=DEMO_TOTP_KEY,
            defaults={"name": "Demo authenticator app"},
        )[0]
        for user in staff
    ]
    return devices[0] if devices else None


def demo_logins() -> list[dict]:
    """The one-per-role demo accounts that exist in this database."""
    wanted = [spec for spec in ACCOUNTS if spec["login"]]
    existing = set(
        User.objects.filter(
            username__in=[spec["username"] for spec in wanted]
        ).values_list("username", flat=True)
    )
    return [spec for spec in wanted if spec["username"] in existing]


def _get_or_create_user(spec: dict, created: Counter) -> User:
    user, is_new = User.objects.get_or_create(
        username=spec["username"],
        defaults={
            "email": spec["email"],
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "is_staff": spec["is_staff"],
            "email_verified": True,
        },
    )
    if is_new:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=spec["group"]))
        created["users"] += 1
    return user


def _get_or_create_author(user: User, spec: dict) -> Author:
    author, is_new = Author.objects.get_or_create(
        user=user,
        defaults={
            "display_name": spec["display_name"],
            "slug": spec["slug"],
            "bio": spec["bio"],
            "website": spec["website"],
        },
    )
    if is_new and spec["avatar"]:
        initials, colors = spec["avatar"]
        avatar = ContentFile(draw_avatar(initials, colors), name="avatar.png")
        save_image(author, "avatar", avatar, square=True)
    return author


def _create_article(spec: dict, authors: dict, categories: dict, now) -> Article:
    if "days_ago" in spec:
        status = Article.Status.PUBLISHED
        published_at = now - timedelta(days=spec["days_ago"])
    elif "publish_in_days" in spec:
        status = Article.Status.PUBLISHED
        published_at = now + timedelta(days=spec["publish_in_days"])
    else:
        status, published_at = spec["status"], None
    cover = spec.get("cover")
    article = Article.objects.create(
        slug=spec["slug"],
        title=spec["title"],
        author=authors[spec["author"]],
        category=categories[spec["category"]][0],
        summary=spec["summary"],
        body_source=spec["body"],
        status=status,
        published_at=published_at,
        cover_alt=cover["alt"] if cover else "",
    )
    article.tags.set(
        Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in spec["tags"]
    )
    if cover:
        image = ContentFile(draw_cover(spec["slug"], cover["colors"]), "cover.jpg")
        save_image(article, "cover", image)
    # Written when it was published, not when the demo was loaded.
    written = min(published_at or now, now)
    Article.objects.filter(pk=article.pk).update(created_at=written, updated_at=written)
    return article


def _add_comments(article, specs, *, moderator, parent=None) -> int:
    count = 0
    for spec in specs:
        created_at = article.published_at + timedelta(hours=spec["hours"])
        status = spec.get("status", Comment.Status.APPROVED)
        approved = status == Comment.Status.APPROVED
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            name=spec["name"],
            email=spec["email"],
            body=spec["body"],
            status=status,
            created_at=created_at,
            moderated_by=moderator if approved else None,
            moderated_at=created_at + timedelta(hours=1) if approved else None,
        )
        replies = spec.get("replies", [])
        count += 1 + _add_comments(
            article, replies, moderator=moderator, parent=comment
        )
    return count
