"""The WXR reader: every field of WordPress's own export, versions 1.0 to 1.2.

Hand-written exports stand for what WordPress writes (each as its
`export.php` of that version does); the round trips go through the test
writer (`wxr_builder`); the last test reads a large export in little memory.
"""

import io
import tracemalloc
from datetime import UTC, datetime

import pytest

from wordpress.records import Author, Comment, Item, Site, Term
from wordpress.wxr import ExportError, read_export

from .wxr_builder import write_wxr, wxr_bytes

NAMESPACES = """
	xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/{v}/"
"""


def export(body: str, version: str = "1.2", header: str | None = None) -> bytes:
    """A WXR file around `body` (the channel's terms and items)."""
    if header is None:
        header = """
	<title>Old Blog</title>
	<link>https://old.example</link>
	<wp:base_site_url>https://old.example</wp:base_site_url>
	<wp:base_blog_url>https://old.example/blog</wp:base_blog_url>"""
    return (
        f'<?xml version="1.0" encoding="UTF-8" ?>\n'
        f'<rss version="2.0"{NAMESPACES.format(v=version)}>\n'
        f"<channel>{header}\n{body}\n</channel>\n</rss>\n"
    ).encode()


def read(data: bytes) -> list:
    return list(read_export(io.BytesIO(data)))


def items(data: bytes) -> list[Item]:
    return [record for record in read(data) if isinstance(record, Item)]


def item_xml(inner: str, post_id: int = 1) -> str:
    return f"<item><wp:post_id>{post_id}</wp:post_id>{inner}</item>"


def when(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# As WordPress 6.x writes it (WXR 1.2), trimmed to one of each thing.
WORDPRESS_1_2 = export(
    """
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[marie]]></wp:author_login><wp:author_email><![CDATA[marie@old.example]]></wp:author_email><wp:author_display_name><![CDATA[Marie Curie]]></wp:author_display_name><wp:author_first_name><![CDATA[Marie]]></wp:author_first_name><wp:author_last_name><![CDATA[Curie]]></wp:author_last_name></wp:author>
	<wp:category>
		<wp:term_id>3</wp:term_id>
		<wp:category_nicename><![CDATA[science]]></wp:category_nicename>
		<wp:category_parent><![CDATA[]]></wp:category_parent>
		<wp:cat_name><![CDATA[Science & Co]]></wp:cat_name>
	</wp:category>
	<wp:category>
		<wp:term_id>4</wp:term_id>
		<wp:category_nicename><![CDATA[%d1%84%d0%b8%d0%b7%d0%b8%d0%ba%d0%b0]]></wp:category_nicename>
		<wp:category_parent><![CDATA[science]]></wp:category_parent>
		<wp:cat_name><![CDATA[Физика]]></wp:cat_name>
		<wp:termmeta>
			<wp:meta_key><![CDATA[colour]]></wp:meta_key>
			<wp:meta_value><![CDATA[blue]]></wp:meta_value>
		</wp:termmeta>
	</wp:category>
	<wp:tag>
		<wp:term_id>5</wp:term_id>
		<wp:tag_slug><![CDATA[radium]]></wp:tag_slug>
		<wp:tag_name><![CDATA[Radium]]></wp:tag_name>
	</wp:tag>
	<wp:term><wp:term_id>6</wp:term_id><wp:term_taxonomy><![CDATA[nav_menu]]></wp:term_taxonomy><wp:term_slug><![CDATA[main]]></wp:term_slug><wp:term_name><![CDATA[Main]]></wp:term_name></wp:term>
	<wp:term><wp:term_id>7</wp:term_id><wp:term_taxonomy><![CDATA[post_tag]]></wp:term_taxonomy><wp:term_slug><![CDATA[polonium]]></wp:term_slug><wp:term_name><![CDATA[Polonium]]></wp:term_name></wp:term>
	<generator>https://wordpress.org/?v=6.5.2</generator>

	<item>
		<title><![CDATA[On “Radioactivity” & more]]></title>
		<link>https://old.example/2024/03/on-radioactivity/?a=1&#038;b=2</link>
		<pubDate>Sat, 09 Mar 2024 10:30:00 +0000</pubDate>
		<dc:creator><![CDATA[marie]]></dc:creator>
		<guid isPermaLink="false">https://old.example/?p=10</guid>
		<description></description>
		<content:encoded><![CDATA[<p>Rays]]]]><![CDATA[>everything.</p>

[caption id="attachment_11" width="300"]<img src="https://old.example/wp-content/uploads/2024/03/lab.jpg" /> The lab[/caption]]]></content:encoded>
		<excerpt:encoded><![CDATA[Short.]]></excerpt:encoded>
		<wp:post_id>10</wp:post_id>
		<wp:post_date><![CDATA[2024-03-09 11:30:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2024-03-09 10:30:00]]></wp:post_date_gmt>
		<wp:post_modified><![CDATA[2024-03-10 08:00:00]]></wp:post_modified>
		<wp:post_modified_gmt><![CDATA[2024-03-10 07:00:00]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[on-radioactivity]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>1</wp:is_sticky>
		<category domain="category" nicename="%d1%84%d0%b8%d0%b7%d0%b8%d0%ba%d0%b0"><![CDATA[Физика]]></category>
		<category domain="post_format" nicename="post-format-aside"><![CDATA[Aside]]></category>
		<category domain="post_tag" nicename="radium"><![CDATA[Radium]]></category>
		<wp:postmeta>
		<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>
		<wp:meta_value><![CDATA[2]]></wp:meta_value>
		</wp:postmeta>
		<wp:postmeta>
		<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>
		<wp:meta_value><![CDATA[11]]></wp:meta_value>
		</wp:postmeta>
		<wp:comment>
			<wp:comment_id>20</wp:comment_id>
			<wp:comment_author><![CDATA[Pierre]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[pierre@example.org]]></wp:comment_author_email>
			<wp:comment_author_url>https://pierre.example/?x=1&amp;y=2</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.7]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2024-03-09 12:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2024-03-09 11:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Splendid.
Truly.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
			<wp:commentmeta>
				<wp:meta_key><![CDATA[akismet_result]]></wp:meta_key>
				<wp:meta_value><![CDATA[false]]></wp:meta_value>
			</wp:commentmeta>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>21</wp:comment_id>
			<wp:comment_author><![CDATA[Marie]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[marie@old.example]]></wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[::1]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2024-03-09 13:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2024-03-09 12:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Thank you!]]></wp:comment_content>
			<wp:comment_approved><![CDATA[0]]></wp:comment_approved>
			<wp:comment_type><![CDATA[]]></wp:comment_type>
			<wp:comment_parent>20</wp:comment_parent>
			<wp:comment_user_id>2</wp:comment_user_id>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>22</wp:comment_id>
			<wp:comment_author><![CDATA[A Blog &raquo; Links]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[]]></wp:comment_author_email>
			<wp:comment_author_url>https://a-blog.example/links/</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[198.51.100.1]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2024-03-10 09:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2024-03-10 08:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[[&#8230;] read this [&#8230;]]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[pingback]]></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
	</item>
	<item>
		<title><![CDATA[lab]]></title>
		<link>https://old.example/2024/03/on-radioactivity/lab/</link>
		<pubDate>Sat, 09 Mar 2024 10:00:00 +0000</pubDate>
		<dc:creator><![CDATA[marie]]></dc:creator>
		<guid isPermaLink="false">https://old.example/wp-content/uploads/2024/03/lab.jpg</guid>
		<description></description>
		<content:encoded><![CDATA[]]></content:encoded>
		<excerpt:encoded><![CDATA[The lab]]></excerpt:encoded>
		<wp:post_id>11</wp:post_id>
		<wp:post_date><![CDATA[2024-03-09 11:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2024-03-09 10:00:00]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[closed]]></wp:ping_status>
		<wp:post_name><![CDATA[lab]]></wp:post_name>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:post_parent>10</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<wp:attachment_url><![CDATA[https://old.example/wp-content/uploads/2024/03/lab.jpg]]></wp:attachment_url>
		<wp:postmeta>
		<wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key>
		<wp:meta_value><![CDATA[2024/03/lab.jpg]]></wp:meta_value>
		</wp:postmeta>
		<wp:postmeta>
		<wp:meta_key><![CDATA[_wp_attachment_metadata]]></wp:meta_key>
		<wp:meta_value><![CDATA[a:1:{s:5:"width";i:1200;}]]></wp:meta_value>
		</wp:postmeta>
		<wp:postmeta>
		<wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key>
		<wp:meta_value><![CDATA[Bottles on a bench]]></wp:meta_value>
		</wp:postmeta>
	</item>
	<item>
		<title><![CDATA[Not yet]]></title>
		<link>https://old.example/?p=12</link>
		<pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>
		<dc:creator><![CDATA[marie]]></dc:creator>
		<guid isPermaLink="false">https://old.example/?p=12</guid>
		<description></description>
		<content:encoded><![CDATA[Draft.]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>12</wp:post_id>
		<wp:post_date><![CDATA[2024-04-01 09:15:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[]]></wp:post_name>
		<wp:status><![CDATA[draft]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>3</wp:menu_order>
		<wp:post_type><![CDATA[page]]></wp:post_type>
		<wp:is_sticky>0</wp:is_sticky>
	</item>
"""  # noqa: E501
)


def test_the_site_comes_first_then_authors_terms_and_items_in_order():
    kinds = [type(record).__name__ for record in read(WORDPRESS_1_2)]
    assert kinds == ["Site", "Author", "Term", "Term", "Term", "Term"] + ["Item"] * 3


def test_the_site():
    assert read(WORDPRESS_1_2)[0] == Site(
        title="Old Blog",
        link="https://old.example",
        base_site_url="https://old.example",
        base_blog_url="https://old.example/blog",
        wxr_version="1.2",
    )


def test_authors():
    assert read(WORDPRESS_1_2)[1] == Author(
        wp_id=2,
        login="marie",
        email="marie@old.example",
        display_name="Marie Curie",
        first_name="Marie",
        last_name="Curie",
    )


def test_categories_and_tags_with_decoded_slugs_and_parents():
    terms = [record for record in read(WORDPRESS_1_2) if isinstance(record, Term)]
    assert terms == [
        Term("category", 3, "science", "Science & Co"),
        Term("category", 4, "физика", "Физика", parent_slug="science"),
        Term("tag", 5, "radium", "Radium"),
        Term("tag", 7, "polonium", "Polonium"),  # a wp:term of post_tag
    ]  # the nav_menu term is left out


def test_a_post_with_every_field():
    post = items(WORDPRESS_1_2)[0]
    assert post.wp_id == 10
    assert post.post_type == "post"
    assert post.title == "On “Radioactivity” & more"
    assert post.link == "https://old.example/2024/03/on-radioactivity/?a=1&b=2"
    assert post.guid == "https://old.example/?p=10"
    assert post.creator == "marie"
    assert post.content.startswith("<p>Rays]]>everything.</p>\n\n[caption ")
    assert post.excerpt == "Short."
    assert post.date_gmt == when(2024, 3, 9, 10, 30)
    assert post.status == "publish"
    assert post.slug == "on-radioactivity"
    assert (post.parent_wp_id, post.menu_order, post.sticky) == (0, 0, True)
    assert post.categories == ["физика"]  # post_format is not a category
    assert post.tags == ["radium"]
    assert post.meta == {"_edit_last": "2", "_thumbnail_id": "11"}
    assert post.thumbnail_id == 11


def test_comments_with_parents_types_and_statuses():
    first, reply, pingback = items(WORDPRESS_1_2)[0].comments
    assert first == Comment(
        wp_id=20,
        parent_wp_id=0,
        author_name="Pierre",
        author_email="pierre@example.org",
        author_url="https://pierre.example/?x=1&y=2",
        author_ip="192.0.2.7",
        date_gmt=when(2024, 3, 9, 11),
        content="Splendid.\nTruly.",
        approved="1",
        type="comment",
    )
    assert (reply.wp_id, reply.parent_wp_id, reply.approved, reply.type) == (
        21,
        20,
        "0",
        "",
    )
    assert pingback.type == "pingback"
    assert pingback.author_name == "A Blog &raquo; Links"  # as WordPress wrote it
    assert pingback.content == "[&#8230;] read this [&#8230;]"


def test_an_attachment_with_its_address_and_alt_text():
    image = items(WORDPRESS_1_2)[1]
    assert image.post_type == "attachment"
    assert image.status == "inherit"
    assert image.parent_wp_id == 10
    assert image.attachment_url == (
        "https://old.example/wp-content/uploads/2024/03/lab.jpg"
    )
    assert image.attachment_alt == "Bottles on a bench"
    assert image.meta["_wp_attached_file"] == "2024/03/lab.jpg"
    assert image.meta["_wp_attachment_metadata"] == 'a:1:{s:5:"width";i:1200;}'


def test_a_draft_without_gmt_date_takes_its_local_date_as_utc():
    page = items(WORDPRESS_1_2)[2]
    assert page.post_type == "page"
    assert page.date_gmt == when(2024, 4, 1, 9, 15)
    assert (page.slug, page.menu_order, page.comments) == ("", 3, [])


@pytest.mark.parametrize(
    ("gmt", "local", "expected"),
    [
        ("2020-02-29 23:59:59", "2020-03-01 01:59:59", when(2020, 2, 29, 23, 59, 59)),
        ("0000-00-00 00:00:00", "2021-05-06 07:08:09", when(2021, 5, 6, 7, 8, 9)),
        ("0000-00-00 00:00:00", "0000-00-00 00:00:00", None),
        ("", "", None),
        ("2020-13-45 99:00:00", "yesterday", None),
        ("2020-02-30 00:00:00", "", None),
    ],
)
def test_dates_of_posts_and_comments(gmt, local, expected):
    dates = (
        f"<wp:post_date>{local}</wp:post_date>"
        f"<wp:post_date_gmt>{gmt}</wp:post_date_gmt>"
    )
    comment = (
        f"<wp:comment><wp:comment_date>{local}</wp:comment_date>"
        f"<wp:comment_date_gmt>{gmt}</wp:comment_date_gmt></wp:comment>"
    )
    (item,) = items(export(item_xml(dates + comment)))
    assert item.date_gmt == expected
    assert item.comments[0].date_gmt == expected


def test_numbers_that_are_not_numbers_read_as_zero_or_none():
    body = """
	<wp:author><wp:author_id>two</wp:author_id><wp:author_login>x</wp:author_login></wp:author>
	<wp:category><wp:term_id>-3</wp:term_id><wp:category_nicename>c</wp:category_nicename></wp:category>
	<wp:tag><wp:term_id>99999999999999999999999</wp:term_id><wp:tag_slug>t</wp:tag_slug></wp:tag>
	<item><wp:post_id>1e3</wp:post_id><wp:post_parent>٣</wp:post_parent>
	<wp:menu_order> 7 </wp:menu_order><wp:is_sticky>yes</wp:is_sticky>
	<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>x1</wp:meta_value></wp:postmeta>
	<wp:comment><wp:comment_id></wp:comment_id><wp:comment_parent>1.5</wp:comment_parent></wp:comment>
	<wp:comment><wp:comment_id>DIGITS</wp:comment_id></wp:comment>
	</item>"""  # noqa: E501
    body = body.replace("DIGITS", "9" * 5000)  # more digits than int() takes
    _, author, category, tag, item = read(export(body))
    assert (author.wp_id, category.wp_id, tag.wp_id) == (None, None, None)
    assert (item.wp_id, item.parent_wp_id, item.menu_order) == (0, 0, 7)
    assert item.sticky is False
    assert item.thumbnail_id is None
    assert (item.comments[0].wp_id, item.comments[0].parent_wp_id) == (0, 0)
    assert item.comments[1].wp_id == 0


def test_an_item_with_almost_nothing_is_a_draft_post():
    (item,) = items(export("<item></item>"))
    assert (item.wp_id, item.post_type, item.status, item.title) == (
        0,
        "post",
        "draft",
        "",
    )
    assert (item.date_gmt, item.categories, item.meta) == (None, [], {})


def test_slugs_are_url_decoded_whatever_the_case_of_their_escapes():
    body = item_xml(
        "<wp:post_name>%D0%BF%d1%80%D0%B8-%e2%9c%93</wp:post_name>"
        '<category domain="post_tag" nicename="caf%C3%A9"><![CDATA[Café]]></category>'
    )
    (item,) = items(export(body))
    assert (item.slug, item.tags) == ("при-✓", ["café"])


def test_a_missing_blog_address_is_the_site_address_and_that_the_link():
    header = "<title> Spaces </title><link> https://a.example </link>"
    site = read(export("", header=header))[0]
    assert (site.title, site.link) == ("Spaces", "https://a.example")
    assert site.base_site_url == site.base_blog_url == "https://a.example"


def test_cdata_sections_and_entities_are_joined_as_one_text():
    body = item_xml(
        "<content:encoded><![CDATA[a]]]]><![CDATA[>b]]>&amp;c&#233;"
        "<![CDATA[ <d>]]></content:encoded>"
    )
    assert items(export(body))[0].content == "a]]>b&cé <d>"


def test_the_first_postmeta_of_a_key_wins_and_terms_are_listed_once():
    body = item_xml(
        "<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>"
        "<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>2</wp:meta_value></wp:postmeta>"
        '<category domain="category" nicename="a">A</category>'
        '<category domain="category" nicename="a">A</category>'
        '<category domain="nav_menu" nicename="main">Main</category>'
    )  # noqa: E501
    (item,) = items(export(body))
    assert (item.meta, item.categories, item.tags) == ({"k": "1"}, ["a"], [])


# WXR 1.0, as WordPress 2.9 wrote it: no authors, no term ids, a category's
# parent by name, tags as domain="tag", terms twice, "] " before "]]>".
WORDPRESS_1_0 = export(
    """
	<wp:category><wp:category_nicename>uncategorized</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Uncategorized]]></wp:cat_name></wp:category>
	<wp:category><wp:category_nicename>kittens</wp:category_nicename><wp:category_parent>Uncategorized</wp:category_parent><wp:cat_name><![CDATA[Kittens]]></wp:cat_name></wp:category>
	<wp:tag><wp:tag_slug>fluffy</wp:tag_slug><wp:tag_name><![CDATA[Fluffy]]></wp:tag_name></wp:tag>
	<item>
		<title>Hello world!</title>
		<link>http://old.example/?p=1</link>
		<pubDate>Tue, 01 Dec 2009 10:00:00 +0000</pubDate>
		<dc:creator><![CDATA[admin]]></dc:creator>

		<category><![CDATA[Kittens]]></category>

		<category domain="category" nicename="kittens"><![CDATA[Kittens]]></category>

		<category domain="tag"><![CDATA[Fluffy]]></category>

		<category domain="tag" nicename="fluffy"><![CDATA[Fluffy]]></category>

		<guid isPermaLink="false">http://old.example/?p=1</guid>
		<description></description>
		<content:encoded><![CDATA[Welcome [gallery] ]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>1</wp:post_id>
		<wp:post_date>2009-12-01 11:00:00</wp:post_date>
		<wp:post_date_gmt>2009-12-01 10:00:00</wp:post_date_gmt>
		<wp:comment_status>open</wp:comment_status>
		<wp:ping_status>open</wp:ping_status>
		<wp:post_name>hello-world</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>post</wp:post_type>
		<wp:post_password></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<wp:comment>
		<wp:comment_id>1</wp:comment_id>
		<wp:comment_author><![CDATA[Mr WordPress]]></wp:comment_author>
		<wp:comment_author_email></wp:comment_author_email>
		<wp:comment_author_url>http://wordpress.org/</wp:comment_author_url>
		<wp:comment_author_IP></wp:comment_author_IP>
		<wp:comment_date>2009-12-01 11:00:00</wp:comment_date>
		<wp:comment_date_gmt>2009-12-01 10:00:00</wp:comment_date_gmt>
		<wp:comment_content><![CDATA[Hi, this is a comment.]]></wp:comment_content>
		<wp:comment_approved>1</wp:comment_approved>
		<wp:comment_type></wp:comment_type>
		<wp:comment_parent>0</wp:comment_parent>
		<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
	</item>
""",  # noqa: E501
    version="1.0",
)


def test_wxr_1_0():
    site, uncategorized, kittens, fluffy, post = read(WORDPRESS_1_0)
    assert site.wxr_version == "1.0"
    assert uncategorized == Term("category", None, "uncategorized", "Uncategorized")
    assert kittens == Term("category", None, "kittens", "Kittens", "uncategorized")
    assert fluffy == Term("tag", None, "fluffy", "Fluffy")
    assert (post.categories, post.tags) == (["kittens"], ["fluffy"])
    assert post.content == "Welcome [gallery]"
    assert post.creator == "admin"
    assert post.comments[0].author_name == "Mr WordPress"


def test_wxr_1_1_is_told_by_its_namespace():
    data = WORDPRESS_1_2.replace(b"/export/1.2/", b"/export/1.1/")
    records = read(data)
    assert records[0].wxr_version == "1.1"
    assert records[1:] == read(WORDPRESS_1_2)[1:]


# Round trips through the test writer.


def everything(version: str):
    """(site, authors, terms, items) using every field; for WXR 1.0, no
    authors and no term ids, which it cannot say."""
    site = Site("Ünïcode ]]> & <blog>", "https://o.example", "https://o.example",
                "https://o.example/blog", version)  # fmt: skip
    authors = [
        Author(1, "admin", "admin@o.example", "Admin", "Ada", "Lovelace"),
        Author(7, "jo-ë", "jo@o.example", "Jo Ë", "", ""),
    ]
    terms = [
        Term("category", 2, "news", "News & Views"),
        Term("category", 3, "новости", "Новости", parent_slug="news"),
        Term("category", 4, "deep", "Deep]", parent_slug="новости"),
        Term("tag", 5, "café", "Café"),
        Term("tag", 6, "x-y", "X <y>"),
    ]
    comments = [
        Comment(100, 0, "Ann", "ann@e.example", "https://ann.example/?a=1&b=2",
                "192.0.2.1", when(2023, 1, 2, 3, 4, 5), "Top ]]> level]", "1", ""),
        Comment(101, 100, "Bob", "", "", "2001:db8::1", when(2023, 1, 3),
                "Reply\n\n<b>bold</b>", "0", "comment"),
        Comment(102, 101, "Cy", "c@e.example", "", "", None, "Deeper", "spam", ""),
        Comment(103, 0, "Site", "", "https://site.example/", "198.51.100.2",
                when(2023, 2, 1), "[…] pinged […]", "1", "pingback"),
        Comment(104, 0, "T", "", "https://t.example/", "", when(2023, 2, 2),
                "tb", "trash", "trackback"),
    ]  # fmt: skip
    posts = [
        Item(
            wp_id=10, post_type="post", title="Ça & “quotes” <tag>",
            link="https://o.example/2023/01/ca/?x=1&y=2", guid="https://o.example/?p=10",
            creator="admin", content="<p>Body]]>end</p>\n\n[gallery ids=\"11\"]",
            excerpt="Short]", date_gmt=when(2023, 1, 1, 12), status="publish",
            slug="ça-va", parent_wp_id=0, menu_order=0, sticky=True,
            categories=["новости", "deep"], tags=["café", "x-y"],
            meta={"_thumbnail_id": "11", "_yoast": "a:1:{s:1:\"x\";}"},
            comments=comments,
        ),
        Item(
            wp_id=11, post_type="attachment", title="photo", link="https://o.example/p/",
            guid="https://o.example/wp-content/uploads/2023/01/photo.jpg",
            creator="jo-ë", content="", excerpt="A caption", date_gmt=when(2023, 1, 1),
            status="inherit", slug="photo", parent_wp_id=10, menu_order=0,
            sticky=False,
            attachment_url="https://o.example/wp-content/uploads/2023/01/photo.jpg",
            meta={"_wp_attached_file": "2023/01/photo.jpg",
                  "_wp_attachment_image_alt": "A photo"},
        ),
        Item(
            wp_id=12, post_type="page", title="About", link="https://o.example/about/",
            guid="https://o.example/?page_id=12", creator="admin", content="About.",
            excerpt="", date_gmt=None, status="draft", slug="", parent_wp_id=0,
            menu_order=4, sticky=False,
        ),
    ]  # fmt: skip
    if version == "1.0":
        authors = []
        terms = [Term(t.kind, None, t.slug, t.name, t.parent_slug) for t in terms]
    return site, authors, terms, posts


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_records_round_trip_through_xml(version):
    site, authors, terms, posts = everything(version)
    data = wxr_bytes(site, authors, terms, posts, version=version)
    assert read(data) == [site, *authors, *terms, *posts]


def test_the_writer_leaves_out_authors_and_ids_in_wxr_1_0():
    site, authors, terms, posts = everything("1.2")
    data = wxr_bytes(site, authors, terms, posts, version="1.0")
    assert b"wp:author" not in data and b"wp:term_id" not in data
    assert b'domain="tag"' in data


def test_paths_and_file_objects_are_read_alike(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(WORDPRESS_1_2)
    expected = read(WORDPRESS_1_2)
    assert list(read_export(path)) == expected
    assert list(read_export(str(path))) == expected
    with path.open("rb") as file:
        assert list(read_export(file)) == expected


def test_a_missing_file_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="Cannot open"):
        list(read_export(tmp_path / "nothing.xml"))


def test_blank_lines_before_the_declaration_are_forgiven():
    assert read(b"\n\n  \n" + WORDPRESS_1_2) == read(WORDPRESS_1_2)


def test_a_byte_order_mark_and_a_latin_1_declaration_are_read():
    latin = WORDPRESS_1_0.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    latin = latin.replace(b"Hello world!", "Déjà vu".encode("latin-1"))
    assert items(latin)[0].title == "Déjà vu"
    cp1252 = latin.replace(b"ISO-8859-1", b"windows-1252").replace(b"vu", b"\x93vu\x94")
    assert items(cp1252)[0].title == "Déjà “vu”"
    assert read(b"\xef\xbb\xbf" + WORDPRESS_1_0) == read(WORDPRESS_1_0)


def test_utf_16_with_its_byte_order_mark():
    data = WORDPRESS_1_2.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert read(data.encode("utf-16")) == read(WORDPRESS_1_2)


# Streaming.


def big_export(path, posts: int, comments_each: int) -> None:
    site = Site("Big", "https://b.example", "https://b.example", "https://b.example",
                "1.2")  # fmt: skip

    def generated():
        for n in range(1, posts + 1):
            comments = [
                Comment(n * 1000 + c, 0, "Reader", "r@e.example", "", "192.0.2.1",
                        when(2024, 1, 1), "A comment of some length. " * 8, "1", "")
                for c in range(comments_each)
            ]  # fmt: skip
            yield Item(n, "post", f"Post {n}", "", "", "admin", "<p>Text.</p>" * 40,
                       "", when(2024, 1, 1), "publish", f"post-{n}", 0, 0, False,
                       categories=["news"], meta={"_thumbnail_id": "1"},
                       comments=comments)  # fmt: skip

    with path.open("wb") as out:
        write_wxr(out, site, [], [Term("category", 1, "news", "News")], generated())


def peak_while_reading(path) -> tuple[list[int], int]:
    """The comments of each item read, and the peak of Python's allocations
    meanwhile (every record dropped as soon as counted)."""
    counts = []
    tracemalloc.start()
    try:
        for record in read_export(path):
            if isinstance(record, Item):
                counts.append(len(record.comments))
        return counts, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_export_is_read_in_little_memory(tmp_path):
    """25,000 comments on 2,500 posts, some 28 MB of XML: the reader's peak
    is about half a megabyte (without the clearing of elements read, 65 MB),
    so neither the file nor its tree is ever held whole."""
    path = tmp_path / "big.xml"
    big_export(path, posts=2_500, comments_each=10)
    assert path.stat().st_size > 25_000_000
    counts, peak = peak_while_reading(path)
    assert (len(counts), sum(counts)) == (2_500, 25_000)
    assert peak < 5_000_000, f"peak {peak / 1e6:.1f} MB"


def test_one_post_with_many_comments_keeps_no_tree_of_them(tmp_path):
    """10,000 comments of one post: their records take some 7 MB, which the
    tree of their elements would take to 27 MB."""
    path = tmp_path / "thread.xml"
    big_export(path, posts=1, comments_each=10_000)
    counts, peak = peak_while_reading(path)
    assert counts == [10_000]
    assert peak < 12_000_000, f"peak {peak / 1e6:.1f} MB"
