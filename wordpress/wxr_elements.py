"""WXR's elements as `records`: what `wxr.read_export()` makes of the
parser's events, one element at a time.

`ChannelReader` is fed the start and end of every element (and each
namespace declared); it answers a record when one is complete. Each element
is handled when it ends, then cleared and taken out of its parent: the
channel's children one by one, and an item's children one by one too, so a
post with 100,000 comments is never a tree of them.

Versions: WXR 1.0 (WordPress 2.x-3.0), 1.1 and 1.2, told apart by the `wp:`
namespace. 1.0 has no `wp:author` and no ids of authors or terms, names a
category's parent by its name, calls tags `domain="tag"` and writes each of
an item's terms twice (once without a nicename). Slugs are URL-decoded.
Numbers that are not numbers read as 0 (None for the optional ids of authors
and terms), dates that are zero or garbage as None (a post's or comment's
local date read as UTC stands in for a zero GMT one).
"""

import re
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from . import records

Record = records.Site | records.Author | records.Term | records.Item

WP_NAMESPACE = re.compile(r"http://wordpress\.org/export/(\d+\.\d+)/(excerpt/)?\Z")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
CHANNEL_RECORDS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}
ITEM_FIELDS = {
    "title", "link", "guid", "dc:creator", "content:encoded", "excerpt:encoded",
    "wp:post_id", "wp:post_date", "wp:post_date_gmt", "wp:post_name", "wp:status",
    "wp:post_parent", "wp:menu_order", "wp:post_type", "wp:is_sticky",
    "wp:attachment_url",
}  # fmt: skip
# A channel term's elements: (slug, name, parent), by kind.
TERM_FIELDS = {
    "category": ("wp:category_nicename", "wp:cat_name", "wp:category_parent"),
    "tag": ("wp:tag_slug", "wp:tag_name", None),
    "term": ("wp:term_slug", "wp:term_name", "wp:term_parent"),
}
KIND_OF_TAXONOMY = {"category": "category", "post_tag": "tag"}
KIND_OF_DOMAIN = {"category": "category", "post_tag": "tag", "tag": "tag"}
MAX_ID = 2**63 - 1  # what a database's bigint holds


class ExportError(Exception):
    """The file cannot be read as a WordPress export; the message says why,
    for people."""


@lru_cache(maxsize=1024)
def _short(tag: str) -> str:
    """ "{http://wordpress.org/export/1.2/}post_id" → "wp:post_id", whatever
    the WXR version; foreign namespaces are left as they are."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    wordpress = WP_NAMESPACE.match(uri)
    if wordpress:
        prefix = "excerpt" if wordpress[2] else "wp"
    else:
        prefix = PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else tag


def _text(element: Element) -> str:
    if len(element):
        return "".join(element.itertext())
    return element.text or ""


def _fields(element: Element) -> dict[str, str]:
    return {_short(child.tag): _text(child) for child in element}


def _int(text: str | None, default: int | None = 0) -> int | None:
    text = (text or "").strip()
    if len(text) <= 19 and text.isascii() and text.isdigit() and int(text) <= MAX_ID:
        return int(text)
    return default


def _date(text: str | None) -> datetime | None:
    """A MySQL date as WordPress writes it, in UTC; None for zero or garbage."""
    try:
        value = datetime.fromisoformat((text or "").strip())
        return value.replace(tzinfo=UTC) if not value.tzinfo else value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


class ChannelReader:
    """Records from the events of one export; see the module's docstring."""

    def __init__(self):
        self.path: list[str] = []  # the open elements' short names, root first
        self.open: list[Element] = []
        self.version = None  # from the first WordPress namespace declared
        self.header: dict[str, str] = {}
        self.site = None
        self.channel = False
        self.item: dict | None = None  # the item being read
        self.category_slugs: set[str] = set()
        self.slug_of = {"category": {}, "tag": {}}  # a term's name → its slug

    def namespace(self, uri: str) -> None:
        wordpress = WP_NAMESPACE.match(uri)
        if wordpress and not wordpress[2] and self.version is None:
            self.version = wordpress[1]

    def start(self, element: Element) -> Record | None:
        name = _short(element.tag)
        depth = len(self.path)
        self.path.append(name)
        self.open.append(element)
        if depth == 0 and name != "rss":
            name = name.rpartition("}")[2]
            raise ExportError(
                f"This XML file is not a WordPress export: it is a <{name}>, "
                f"where a WordPress export (WXR) is an <rss> feed."
            )
        if depth == 1 and name == "channel":
            self.channel = True
        elif depth == 2 and self.path[1] == "channel" and name in CHANNEL_RECORDS:
            if name == "item":
                self.item = {"categories": [], "tags": [], "meta": {}, "comments": []}
            return self._site_once()
        return None

    def end(self, element: Element) -> Record | None:
        name = self.path.pop()
        self.open.pop()
        depth = len(self.path)
        record = None
        if depth == 2 and self.path[1] == "channel":
            record = self._channel_child(name, element)
        elif depth == 3 and self.path[2] == "item" and self.item is not None:
            self._item_child(name, element)
        elif depth == 1 and name == "channel":
            record = self._site_once()
        elif depth == 0 and not self.channel:
            raise ExportError(
                "This RSS file has no <channel>: it is not a WordPress export."
            )
        if depth == 2 or (depth == 3 and self.path[2] == "item"):
            element.clear()
            self.open[-1].remove(element)
        return record

    def _site_once(self) -> records.Site | None:
        if self.site is not None:
            return None
        if self.version is None:
            raise ExportError(
                "This RSS feed is not a WordPress export: it has none of "
                "WordPress's own elements (the wp: namespace). Export the site "
                "from WordPress's Tools → Export page."
            )
        header = self.header
        link = header.get("link", "").strip()
        base_site = header.get("wp:base_site_url", "").strip() or link
        self.site = records.Site(
            title=header.get("title", "").strip(),
            link=link,
            base_site_url=base_site,
            base_blog_url=header.get("wp:base_blog_url", "").strip() or base_site,
            wxr_version=self.version,
        )
        return self.site

    def _cdata(self, text: str) -> str:
        """WXR 1.0 put a space before `]]>` after a text ending in "]"."""
        return text[:-1] if self.version == "1.0" and text.endswith("] ") else text

    def _channel_child(self, name: str, element: Element) -> Record | None:
        if name == "item" and self.item is not None:
            item, self.item = self.item, None
            return self._item(item)
        if name in ("title", "link", "wp:base_site_url", "wp:base_blog_url"):
            self.header.setdefault(name, _text(element))
        elif name == "wp:author":
            fields = _fields(element)
            return records.Author(
                wp_id=_int(fields.get("wp:author_id"), None),
                login=fields.get("wp:author_login", "").strip(),
                email=fields.get("wp:author_email", "").strip(),
                display_name=fields.get("wp:author_display_name", "").strip(),
                first_name=fields.get("wp:author_first_name", "").strip(),
                last_name=fields.get("wp:author_last_name", "").strip(),
            )
        elif name in ("wp:category", "wp:tag", "wp:term"):
            return self._term(name, _fields(element))
        return None

    def _term(self, name: str, fields: dict[str, str]) -> records.Term | None:
        """A `wp:category`, `wp:tag`, or `wp:term` of either taxonomy."""
        kind = name.removeprefix("wp:")
        slug, label, parent = (fields.get(key or "", "") for key in TERM_FIELDS[kind])
        if kind == "term":
            kind = KIND_OF_TAXONOMY.get(fields.get("wp:term_taxonomy", "").strip())
        slug = unquote(slug.strip())
        if kind is None or not slug:
            return None
        label = self._cdata(label).strip()
        self.slug_of[kind].setdefault(label, slug)
        parent_slug = ""
        if kind == "category":
            parent_slug = unquote(parent.strip())
            if parent_slug and parent_slug not in self.category_slugs:
                # WXR 1.0 names the parent by its name.
                parent_slug = self.slug_of[kind].get(parent.strip(), parent_slug)
            self.category_slugs.add(slug)
        return records.Term(
            kind=kind,
            wp_id=_int(fields.get("wp:term_id"), None),
            slug=slug,
            name=label,
            parent_slug=parent_slug,
        )

    def _item_child(self, name: str, element: Element) -> None:
        item = self.item
        if name in ITEM_FIELDS:
            item.setdefault(name, _text(element))
        elif name == "category":
            self._item_term(item, element)
        elif name == "wp:postmeta":
            fields = _fields(element)
            key = fields.get("wp:meta_key", "").strip()
            if key:
                item["meta"].setdefault(
                    key, self._cdata(fields.get("wp:meta_value", ""))
                )
        elif name == "wp:comment":
            item["comments"].append(self._comment(_fields(element)))

    def _item_term(self, item: dict, element: Element) -> None:
        """`<category domain="category|post_tag" nicename="slug">Name</…>`;
        WXR 1.0 also writes tags as domain "tag", and each term once more
        without a nicename, found here by its name."""
        kind = KIND_OF_DOMAIN.get(element.get("domain", "category"))
        if kind is None:
            return
        nicename = element.get("nicename")
        if nicename is None:
            slug = self.slug_of[kind].get(self._cdata(_text(element)).strip())
        else:
            slug = unquote(nicename.strip())
        found = item["categories" if kind == "category" else "tags"]
        if slug and slug not in found:
            found.append(slug)

    def _comment(self, fields: dict[str, str]) -> records.Comment:
        get = fields.get
        return records.Comment(
            wp_id=_int(get("wp:comment_id")),
            parent_wp_id=_int(get("wp:comment_parent")),
            author_name=self._cdata(get("wp:comment_author", "")).strip(),
            author_email=get("wp:comment_author_email", "").strip(),
            author_url=get("wp:comment_author_url", "").strip(),
            author_ip=get("wp:comment_author_IP", "").strip(),
            date_gmt=_date(get("wp:comment_date_gmt")) or _date(get("wp:comment_date")),
            content=self._cdata(get("wp:comment_content", "")),
            approved=get("wp:comment_approved", "").strip(),
            type=get("wp:comment_type", "").strip(),
        )

    def _item(self, item: dict) -> records.Item:
        get = item.get
        return records.Item(
            wp_id=_int(get("wp:post_id")),
            post_type=get("wp:post_type", "").strip() or "post",
            title=self._cdata(get("title", "")).strip(),
            link=get("link", "").strip(),
            guid=get("guid", "").strip(),
            creator=self._cdata(get("dc:creator", "")).strip(),
            content=self._cdata(get("content:encoded", "")),
            excerpt=self._cdata(get("excerpt:encoded", "")),
            date_gmt=_date(get("wp:post_date_gmt")) or _date(get("wp:post_date")),
            status=get("wp:status", "").strip() or "draft",
            slug=unquote(get("wp:post_name", "").strip()),
            parent_wp_id=_int(get("wp:post_parent")),
            menu_order=_int(get("wp:menu_order")),
            sticky=get("wp:is_sticky", "").strip() == "1",
            attachment_url=get("wp:attachment_url", "").strip(),
            categories=item["categories"],
            tags=item["tags"],
            meta=item["meta"],
            comments=item["comments"],
        )
