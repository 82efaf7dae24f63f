"""Simple site pages (About, Contact, the privacy policy) at `/<slug>/`.

A page's address is the last pattern of the site's URLconf, so its slug must
not be the first segment of any other address (`is_reserved_slug()` reads them
from the URLconf itself). The pages listed in the footer and the privacy
policy's address are kept in the default cache (`site_pages()`) and built
again whenever a page is written: the footer and the comment form cost
readers no query.
"""

import re

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils.translation import gettext_lazy as _

from core.caching import ForgivingCache
from core.models import PublicContent, PublicContentQuerySet

from .body import render_body

PAGE_VIEW = "blog:page_detail"
SITE_PAGES_KEY = "blog:site-pages"
# A default cache that is not shared (one process's memory) learns of a
# page written in another process at the latest this long after.
SITE_PAGES_SECONDS = 10 * 60

_REGEX_FIRST_SEGMENT = re.compile(r"\^?([-\w]+)(?:/|\$|$)")


class PageQuerySet(PublicContentQuerySet):
    def published(self):
        return self.filter(published=True)

    def written(self, touched) -> None:
        super().written(touched)
        site_pages_changed()


class Page(PublicContent):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The page's address: /slug/."),
    )
    # Markdown, as for articles; `body` is rendered from it.
    body_source = models.TextField(_("body"), blank=True)
    body = models.TextField(_("body HTML"), editable=False, default="")
    published = models.BooleanField(_("published"), default=False)
    show_in_footer = models.BooleanField(_("show in the footer"), default=False)
    footer_position = models.IntegerField(
        _("footer position"),
        default=0,
        help_text=_("The footer lists its pages from the lowest number up."),
    )
    is_privacy_policy = models.BooleanField(
        _("privacy policy"),
        default=False,
        help_text=_("The comment form links to it while it is published."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["footer_position", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_privacy_policy"],
                condition=Q(is_privacy_policy=True),
                name="blog_page_one_privacy_policy",
                violation_error_message=_(
                    "Another page is already the privacy policy."
                ),
            )
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The source `body` was rendered from (None: not yet).
        self._rendered_source = self.__dict__.get("body_source") if self.pk else None

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Render the body when its source changed; the footer menu follows."""
        source = self.__dict__.get("body_source", self._rendered_source)
        if source != self._rendered_source:
            self.body = render_body(self.body_source).html
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body"}
        super().save(*args, **kwargs)
        self._rendered_source = source
        site_pages_changed()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        site_pages_changed()
        return deleted

    def get_absolute_url(self):
        return reverse(PAGE_VIEW, kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if is_reserved_slug(self.slug):
            message = _(
                "“%(slug)s” is taken: /%(slug)s/ is already an address of this "
                "site. Choose another slug."
            )
            raise ValidationError({"slug": message % {"slug": self.slug}})


def is_reserved_slug(slug: str) -> bool:
    """Whether `/<slug>/` would shadow another address of the site: its slug is
    the first segment of a pattern in the URLconf (`feed`, `admin`, `accounts`)."""
    return bool(slug) and slug in set(_first_segments(get_resolver().url_patterns))


def _first_segments(patterns):
    """The literal first segment of every pattern, through includes at the root;
    those that start with a converter (the page's own) have none."""
    for pattern in patterns:
        route = _literal_route(pattern.pattern)
        if route:
            yield route.split("/", 1)[0]
        elif isinstance(pattern, URLResolver):
            yield from _first_segments(pattern.url_patterns)


def _literal_route(pattern) -> str:
    text = str(pattern)
    if isinstance(pattern, RegexPattern):
        match = _REGEX_FIRST_SEGMENT.match(text)
        return match[1] if match else ""
    return "" if text.startswith("<") else text


def site_pages() -> dict:
    """`{"footer": [(title, url), …], "privacy_url": url or None}` from the cache;
    built (one query) only when the cache has none."""
    kept = ForgivingCache(caches["default"]).get(SITE_PAGES_KEY)
    return kept if kept is not None else store_site_pages()


def store_site_pages() -> dict:
    """Read the published footer pages and privacy policy; keep them."""
    rows = (
        Page.objects.published()
        .filter(Q(show_in_footer=True) | Q(is_privacy_policy=True))
        .values_list("title", "slug", "show_in_footer", "is_privacy_policy")
    )
    footer, privacy_url = [], None
    for title, slug, in_footer, is_privacy_policy in rows:
        url = reverse(PAGE_VIEW, kwargs={"slug": slug})
        if in_footer:
            footer.append((title, url))
        if is_privacy_policy:
            privacy_url = url
    pages = {"footer": footer, "privacy_url": privacy_url}
    ForgivingCache(caches["default"]).set(SITE_PAGES_KEY, pages, SITE_PAGES_SECONDS)
    return pages


def site_pages_changed() -> None:
    """A page was written: inside a transaction, forget the menu at once (a
    reader builds it from what is committed) and build it again on commit."""
    if transaction.get_connection().in_atomic_block:
        ForgivingCache(caches["default"]).delete(SITE_PAGES_KEY)
        transaction.on_commit(store_site_pages, robust=True)
    else:
        store_site_pages()
