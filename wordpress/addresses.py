"""The old site's addresses, remembered so that each answers 301 to its new one.

The importer calls one `remember_*` function per author, term, item and site;
`wordpress.middleware.OldAddressMiddleware` answers the requests. What is
stored, one `OldAddress` row per address:

- a post: `/?p=ID`, the path of its own `<link>` (the permalink form the
  site used: `/2019/05/12/slug/`, `/archives/123`, `/?p=123`…), its `guid`
  when it is an address of the same site, and the forms WordPress also
  answers, `/YYYY/MM/DD/slug/`, `/YYYY/MM/slug/` and `/slug/` (dated by
  `post_date_gmt`: the export's local date may differ by a day, which the
  `<link>` covers). Each path form plus `feed/` (WordPress's comments feed of
  the post) leads to the article's page too: Folio has no feed per article.
- a page: `/?page_id=ID` and `/?p=ID` (WordPress answers both), its `<link>`
  and `guid`, each path form plus `feed/`.
- a category: `/category/slug/` (and `/category/parent/child/` when nested),
  `/?cat=ID`, and `…/feed/` to the category's feed; a tag: `/tag/slug/`,
  `/?tag=slug`, and `…/feed/` to the tag's page (Folio has no tag feed).
- an author: `/author/login/`, `/?author=ID`, `/author/login/feed/` to their feed.
- the site: the main and comments feeds to Folio's feed.

Paths are relative to the old blog's root (`wp:base_blog_url`, which may be a
sub-folder such as `/blog`): Folio's root stands where the blog's root stood.
They are stored decoded, as Django gives `request.path_info`; the query is
kept only for the query forms, as the one key (`/?p=12`). An address is never
stored where Folio already answers it with the same page (`/feed/`), nor
taken from another target: the first one remembered keeps it, so a second
run changes nothing.
"""

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import Author
from blog.models import Category

from .models import OldAddress
from .records import Author as AuthorRecord
from .records import Item, Site, Term

# The query keys WordPress answers at its root, in the order they win.
QUERY_KEYS = ("p", "page_id", "cat", "tag", "author", "feed")
MAX_PATH = OldAddress._meta.get_field("path").max_length
FEED_ROUTES = {Category: "blog:category_feed", Author: "blog:author_feed"}
SITE_FEEDS = (
    "/feed/",
    "/feed/rss2/",
    "/feed/rss/",
    "/feed/rdf/",
    "/feed/atom/",
    "/comments/feed/",
    "/?feed=rss2",
    "/?feed=rss",
    "/?feed=atom",
    "/?feed=comments-rss2",
)


def remember_item_addresses(site: Site, item: Item, target) -> None:
    """A post's or page's old addresses, all leading to `target`'s page."""
    if item.post_type == "page":
        queries = [f"/?page_id={item.wp_id}", f"/?p={item.wp_id}"]
    else:
        queries = [f"/?p={item.wp_id}"]
    paths = [old_path(site, item.link), old_path(site, item.guid)]
    if item.post_type == "post" and item.slug:
        paths.extend(_dated_paths(item))
    paths = [path for path in paths if path]
    feeds = [f"{path.rstrip('/')}/feed/" for path in paths if "?" not in path]
    for path in dict.fromkeys([*queries, *paths, *feeds]):
        _remember(path, target=target)


def remember_term_addresses(site: Site, term: Term, target) -> None:
    """A category's or tag's old addresses, leading to `target`'s page or feed."""
    if not term.slug:
        return
    if term.kind == "category":
        paths = [f"/category/{term.slug}/"]
        if term.parent_slug:
            paths.insert(0, _nested_category_path(term))
        query = f"/?cat={term.wp_id}" if term.wp_id else None
    else:
        paths = [f"/tag/{term.slug}/"]
        query = f"/?tag={term.slug}"
    has_feed = _feed_route(target) is not None
    for path in paths:
        _remember(path, target=target)
        _remember(f"{path}feed/", target=target, feed=has_feed)
    if query:
        _remember(query, target=target)


def remember_author_addresses(site: Site, author: AuthorRecord, target) -> None:
    """An author's archive, its feed and `/?author=ID`, leading to `target`.

    WordPress names the archive by the login made into a slug (its
    `user_nicename`: `Ada.L@home` is `ada-lhome`); both forms are kept."""
    for name in dict.fromkeys([author.login, _nicename(author.login)]):
        if name:
            _remember(f"/author/{name}/", target=target)
            _remember(f"/author/{name}/feed/", target=target, feed=True)
    if author.wp_id:
        _remember(f"/?author={author.wp_id}", target=target)


def remember_site_addresses(site: Site) -> None:
    """The site's own feeds (posts and comments), leading to Folio's feed."""
    feed = reverse("blog:feed")
    for path in SITE_FEEDS:
        _remember(path, target_url=feed)


def old_path(site: Site, url: str) -> str | None:
    """`url`'s path (decoded) relative to the blog's root, with the one query
    key of a query form; None for an address of another site or none at all."""
    parts = urlsplit(url)
    blog = urlsplit(site.base_blog_url or site.link)
    if not parts.path and not parts.query:
        return None
    if parts.netloc and parts.netloc.lower() not in _site_hosts(site):
        return None
    path = unquote(parts.path) or "/"
    base = unquote(blog.path).rstrip("/")
    if base and (path == base or path.startswith(f"{base}/")):
        path = path[len(base) :] or "/"
    if path != "/":
        return path
    query = dict(parse_qsl(parts.query))
    key = next((key for key in QUERY_KEYS if query.get(key)), None)
    return f"/?{key}={query[key]}" if key else None  # the root itself is Folio's


def destination(address: OldAddress) -> str | None:
    """Where `address` now leads, as a local path; None when its target is
    gone or the stored address is not a path of this site."""
    if address.content_type_id:
        target = address.target
        if target is None:
            return None
        url = _url_of(target, feed=address.feed)
    else:
        url = address.target_url
    return url if is_local_path(url) else None


def is_local_path(url: str) -> bool:
    """A path on this site: no scheme, no host, nothing a browser reads as one."""
    return (
        url.startswith("/")
        and not any(ord(char) < 32 or ord(char) == 127 for char in url)
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


def is_storable_path(path: str) -> bool:
    """Short enough for the table, and without control characters: a NUL
    cannot even be compared in PostgreSQL, and no site's address holds one."""
    return len(path) <= MAX_PATH and not any(
        ord(char) < 32 or ord(char) == 127 for char in path
    )


def _remember(path: str, *, target=None, feed=False, target_url="") -> bool:
    """Store `path` for this target, unless it is another's or Folio's own."""
    if not is_storable_path(path):
        return False
    if target is not None:
        fields = {
            "content_type": ContentType.objects.get_for_model(target),
            "object_id": target.pk,
            "feed": feed,
            "target_url": "",
        }
    else:
        fields = {"content_type": None, "object_id": None, "target_url": target_url}
    url = _url_of(target, feed=feed) if target is not None else target_url
    if url == path:
        return False  # Folio answers it with the same page: nothing to redirect
    candidate = OldAddress(path=path, **fields)
    address, created = OldAddress.objects.get_or_create(path=path, defaults=fields)
    if created:
        return True
    same = (address.content_type_id, address.object_id, address.target_url) == (
        candidate.content_type_id,
        candidate.object_id,
        candidate.target_url,
    )
    if same and address.feed != candidate.feed:
        address.feed = candidate.feed
        address.save(update_fields=["feed"])
    return same


def _feed_route(target) -> str | None:
    for model, route in FEED_ROUTES.items():
        if isinstance(target, model):
            return route
    return None


def _url_of(target, *, feed: bool) -> str:
    """The target's feed when asked and it has one, else its page."""
    route = _feed_route(target) if feed else None
    if route:
        return reverse(route, kwargs={"slug": target.slug})
    return target.get_absolute_url()


def _dated_paths(item: Item) -> list[str]:
    paths = [f"/{item.slug}/"]
    if item.date_gmt:
        day = item.date_gmt
        paths.insert(0, f"/{day:%Y/%m/%d}/{item.slug}/")
        paths.insert(1, f"/{day:%Y/%m}/{item.slug}/")
    return paths


def _nested_category_path(term: Term) -> str:
    """`/category/…/parent/child/`, from the parent's own remembered address
    (WordPress exports a parent before its children)."""
    parent = f"/category/{term.parent_slug}/"
    nested = (
        OldAddress.objects.filter(
            path__startswith="/category/",
            path__endswith=f"/{term.parent_slug}/",
            feed=False,
        )
    ).values_list("path", flat=True)
    longest = max([parent, *nested], key=len)
    return f"{longest}{term.slug}/"


def _nicename(login: str) -> str:
    """WordPress's `sanitize_title()` of a login, for the ASCII logins it allows."""
    name = re.sub(r"[^a-z0-9 _-]", "", login.lower().replace(".", "-"))
    return re.sub(r"-+", "-", re.sub(r"\s+", "-", name)).strip("-")


def _site_hosts(site: Site) -> set[str]:
    urls = (site.link, site.base_site_url, site.base_blog_url)
    return {urlsplit(url).netloc.lower() for url in urls if url}
