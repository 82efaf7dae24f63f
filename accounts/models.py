from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import PublicContent
from imaging.fields import random_image_name


class User(AbstractUser):
    """The login. Its public face, when it writes, is `Author`."""

    email_verified = models.BooleanField(_("email verified"), default=False)
    # Part of every session's auth hash: raising it signs the account out of
    # every browser, as a new password does (`end_sessions()`).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_unique_email",
            )
        ]

    def lacks_second_factor(self) -> bool:
        """Staff signed in without their second factor (set per request by
        accounts.middleware; a user loaded elsewhere has no session to ask)."""
        return False

    def has_perm(self, perm, obj=None):
        return not self.lacks_second_factor() and super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        return not self.lacks_second_factor() and super().has_module_perms(app_label)

    def end_sessions(self):
        """Sign this account out everywhere on save; `update_session_auth_hash()`
        keeps the request's own session signed in."""
        self.session_generation += 1

    def get_session_auth_hash(self):
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=secret)

    def _session_auth_hash(self, secret=None):
        """Django's HMAC of the password hash, with the generation once raised
        (generation 0 gives Django's own value: no session ends on upgrade)."""
        value = self.password
        if self.session_generation:
            value = f"{value}:{self.session_generation}"
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            value,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


def avatar_upload_to(instance, filename):
    return random_image_name("avatars", filename)


class Author(PublicContent):
    """The public profile of a user who writes: shown in bylines and bio boxes."""

    user = models.OneToOneField(
        User, models.CASCADE, related_name="author", verbose_name=_("user")
    )
    display_name = models.CharField(_("display name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    bio = models.TextField(_("bio"), max_length=2000, blank=True)
    avatar = models.ImageField(
        _("avatar"),
        upload_to=avatar_upload_to,
        blank=True,
        width_field="avatar_width",
        height_field="avatar_height",
    )
    avatar_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    avatar_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    avatar_widths = models.JSONField(default=list, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:author_detail", kwargs={"slug": self.slug})

    def changes_public_pages(self) -> bool:
        """Readers meet an author through their published articles only: a
        new one (each registration makes one) leaves every cached page be,
        or a registration would tell a free address by the pages it ends."""
        return self.articles.published().exists()

    def _unique_slug(self):
        """The name's slug, numbered after its namesakes'; one query, however
        many namesakes (one each made a common name slow to register)."""
        base = slugify(self.display_name)[:90] or "author"
        taken = set(
            Author.objects.filter(
                slug__startswith=base, slug__regex=rf"^{base}(-\d+)?$"
            )
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug


class AuthorApplicationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=AuthorApplication.Status.PENDING)

    def pending_first(self):
        """Pending applications first, oldest first; decided ones after, newest."""
        is_pending = models.Case(
            models.When(status=AuthorApplication.Status.PENDING, then=0),
            default=1,
        )
        return self.alias(is_pending=is_pending).order_by("is_pending", "created_at")


class AuthorApplication(models.Model):
    """A registrant's request to join the authors team; an editor decides it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        User,
        models.CASCADE,
        related_name="author_applications",
        verbose_name=_("applicant"),
    )
    bio = models.TextField(_("about you"), max_length=2000)
    topics = models.TextField(_("what you want to write about"), max_length=1000)
    sample_url = models.URLField(
        _("link to earlier work"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    editor_note = models.TextField(_("editor's note"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        User,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = AuthorApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("review_authorapplication", "Can approve or decline author applications")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="accounts_one_pending_application",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_declined(self):
        return self.status == self.Status.DECLINED
