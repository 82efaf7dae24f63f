"""What a WordPress export (WXR) says, as plain records.

`wxr.read_export()` turns the file into these, one at a time and in the
file's order (the channel's site, authors and terms before its items);
`importer` turns them into Folio's rows. Keeping the two apart means the
importer is tested with records built in Python, and the reader with XML
alone. Every string is as WordPress wrote it (unescaped, not yet trusted);
dates are aware datetimes in UTC, or None where WordPress wrote
`0000-00-00 00:00:00` or nothing usable.
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Site:
    """The channel: which WordPress site the export came from."""

    title: str
    link: str  # the site's address, e.g. "https://example.org"
    base_site_url: str  # wp:base_site_url; keys every item of this site
    base_blog_url: str  # wp:base_blog_url
    wxr_version: str  # "1.0", "1.1" or "1.2"


@dataclass
class Author:
    """A `wp:author` of the channel."""

    wp_id: int | None  # wp:author_id (absent in WXR 1.0)
    login: str  # wp:author_login; items name their author by it (dc:creator)
    email: str
    display_name: str
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category (`wp:category`) or tag (`wp:tag`) of the channel."""

    kind: str  # "category" or "tag"
    wp_id: int | None  # wp:term_id
    slug: str  # wp:category_nicename / wp:tag_slug, URL-decoded
    name: str  # wp:cat_name / wp:tag_name
    parent_slug: str = ""  # categories only


@dataclass
class Comment:
    """A `wp:comment` of an item."""

    wp_id: int
    parent_wp_id: int  # 0 for a top-level comment
    author_name: str
    author_email: str
    author_url: str
    author_ip: str
    date_gmt: datetime | None
    content: str
    approved: str  # wp:comment_approved: "1", "0", "spam", "trash" or "post-trashed"
    type: str  # "" or "comment" for comments, "pingback", "trackback"


@dataclass
class Item:
    """An `item`: a post, a page, an attachment, or something else we skip."""

    wp_id: int  # wp:post_id
    post_type: str  # "post", "page", "attachment", "nav_menu_item", ...
    title: str
    link: str  # the item's permalink on the old site
    guid: str
    creator: str  # dc:creator: an Author's login
    content: str  # content:encoded (HTML with wpautop paragraphs, shortcodes)
    excerpt: str  # excerpt:encoded
    date_gmt: datetime | None  # wp:post_date_gmt, or wp:post_date read as UTC
    status: str  # wp:status: publish, future, draft, pending, private, trash, inherit
    slug: str  # wp:post_name, URL-decoded (may be non-ASCII or empty)
    parent_wp_id: int  # wp:post_parent
    menu_order: int
    sticky: bool  # wp:is_sticky
    attachment_url: str = ""  # wp:attachment_url (attachments only)
    categories: list[str] = field(default_factory=list)  # slugs (domain="category")
    tags: list[str] = field(default_factory=list)  # slugs (domain="post_tag")
    meta: dict[str, str] = field(default_factory=dict)  # wp:postmeta key → value
    comments: list[Comment] = field(default_factory=list)

    @property
    def thumbnail_id(self) -> int | None:
        """The featured image's attachment id (`_thumbnail_id`), if any."""
        value = self.meta.get("_thumbnail_id", "")
        return int(value) if value.isdigit() else None

    @property
    def attachment_alt(self) -> str:
        return self.meta.get("_wp_attachment_image_alt", "")
