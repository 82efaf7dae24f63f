"""A WordPress post's text and structure come across as Folio Markdown that
renders like the old page: paragraphs, headings, lists, quotes, code, tables."""

import re
import time
from html import escape, unescape

from blog.body import render_body
from wordpress.content import convert_body

OLD = "https://old.example/wp-content/uploads"


class FakeImages:
    """The importer's lookup: addresses and attachments it has stored."""

    def __init__(self, urls=None, attachments=None):
        self.urls = urls or {}
        self.attachments = attachments or {}

    def by_url(self, url):
        return self.urls.get(url)

    def by_attachment(self, wp_id):
        return self.attachments.get(wp_id)


def convert(content, **lookup):
    return convert_body(content, images=FakeImages(**lookup))


def rendered(content, **lookup):
    return render_body(convert(content, **lookup).source).html


def test_empty_content_gives_an_empty_source():
    assert convert("").source == ""


def test_content_of_only_whitespace_and_block_comments_gives_an_empty_source():
    assert convert("\n <!-- wp:paragraph -->\n\n<!-- /wp:paragraph -->\n").source == ""


def test_text_separated_by_a_blank_line_becomes_two_paragraphs():
    assert rendered("One paragraph.\n\nAnother one.") == (
        "<p>One paragraph.</p>\n<p>Another one.</p>"
    )


def test_a_single_newline_inside_a_paragraph_becomes_a_line_break():
    assert rendered("Roses are red,\nviolets are blue.") == (
        "<p>Roses are red,<br>\nviolets are blue.</p>"
    )


def test_windows_newlines_make_paragraphs_like_unix_ones():
    assert rendered("One.\r\n\r\nTwo.") == "<p>One.</p>\n<p>Two.</p>"


def test_a_list_between_lines_of_text_is_not_wrapped_in_a_paragraph():
    html = rendered("Before\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\nAfter")
    assert html == (
        "<p>Before</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>After</p>"
    )


def test_a_nested_list_stays_nested():
    html = rendered("<ul><li>fruit<ul><li>apple</li></ul></li><li>bread</li></ul>")
    assert "<li>fruit<ul>\n<li>apple</li>\n</ul>\n</li>" in html
    assert "<li>bread</li>" in html


def test_an_ordered_list_keeps_its_numbering_from_its_start():
    source = convert('<ol start="3"><li>three</li><li>four</li></ol>').source
    assert source == "3. three\n4. four"


def test_a_blockquote_keeps_its_paragraphs():
    html = rendered("<blockquote>First.\n\nSecond.</blockquote>")
    assert html == "<blockquote>\n<p>First.</p>\n<p>Second.</p>\n</blockquote>"


def test_the_title_level_heading_becomes_a_section_heading():
    assert convert("<h1>Chapter</h1>").source == "## Chapter"


def test_headings_keep_their_levels_down_to_the_fourth():
    source = convert("<h2>Two</h2><h3>Three</h3><h4>Four</h4><h6>Six</h6>").source
    assert source == "## Two\n\n### Three\n\n#### Four\n\n#### Six"


def test_bold_italic_and_links_survive():
    html = rendered(
        'A <strong>bold</strong>, <em>slanted</em> <a href="https://a.org/">link</a>.'
    )
    assert html == (
        '<p>A <strong>bold</strong>, <em>slanted</em> <a href="https://a.org/" '
        'rel="nofollow noopener">link</a>.</p>'
    )


def test_strike_through_and_underline_stay_as_their_tags():
    html = rendered("<del>old</del> and <u>underlined</u>")
    assert html == "<p><s>old</s> and <u>underlined</u></p>"


def test_a_pre_block_keeps_its_text_exactly_blank_lines_tabs_and_markup_included():
    code = "def f():\n\tif a < b:\n\n\n        return '*x*' & [y]"
    html = rendered(f"Intro\n<pre>{escape(code, quote=False)}</pre>")
    shown = re.search(r"<pre><code>(.*)</code></pre>", html, re.DOTALL).group(1)
    assert unescape(shown) == code


def test_shortcodes_and_addresses_inside_a_pre_block_are_left_alone():
    result = convert('<pre>[gallery ids="1"]\nhttps://youtu.be/x</pre>')
    assert result.source == (
        '<pre><code>[gallery ids="1"]\nhttps://youtu.be/x</code></pre>'
    )
    assert result.warnings == []


def test_inline_code_becomes_a_code_span():
    assert rendered("Run <code>ls -l</code> now") == "<p>Run <code>ls -l</code> now</p>"


def test_a_table_stays_a_table_without_its_styles_or_handlers():
    html = rendered(
        '<table class="wide" style="color:red"><tr><th onclick="x()">Year</th></tr>'
        '<tr><td colspan="2"><span style="x">2019</span></td></tr></table>'
    )
    assert html == (
        "<table>\n<tbody><tr>\n<th>Year</th>\n</tr>\n<tr>\n"
        '<td colspan="2">2019</td>\n</tr>\n</tbody></table>'
    )


def test_text_that_looks_like_markdown_renders_as_the_same_text():
    content = "# not a heading\n\n1. not a list\n\n*not emphasis* and [not](a link)"
    assert rendered(content) == (
        "<p># not a heading</p>\n<p>1. not a list</p>\n"
        "<p>*not emphasis* and [not](a link)</p>"
    )


def test_escaped_html_in_text_stays_visible_text():
    assert rendered("Use the &lt;em&gt; tag &amp;amp; more") == (
        "<p>Use the &lt;em&gt; tag &amp;amp; more</p>"
    )


def test_non_ascii_text_comes_across_unchanged():
    content = "Ça déménage — «naïve» 日本語の文章 🙂\n\nΚαλημέρα"
    assert (
        rendered(content)
        == "<p>Ça déménage — «naïve» 日本語の文章 🙂</p>\n<p>Καλημέρα</p>"
    )


def test_an_empty_paragraph_of_a_non_breaking_space_is_dropped():
    assert convert("<p>&nbsp;</p>\n<p>Text</p>").source == "Text"


def test_a_long_post_converts_in_linear_time():
    """200 KB takes about 0.4 s: the bound catches work that grows with the
    square of the length (minutes here), not a slow machine."""
    paragraph = (
        'Some <em>text</em> [sic] with a <a href="https://a.org">link</a>.\n'
        "A second line.\n\n<ul><li>an item</li></ul>\n\n"
    )
    content = paragraph * (200_000 // len(paragraph))
    started = time.perf_counter()
    result = convert(content)
    assert time.perf_counter() - started < 5
    assert result.source.count("- an item") == content.count("<li>")
