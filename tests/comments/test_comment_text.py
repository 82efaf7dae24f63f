"""The comment body filter: plain text in, escaped paragraphs and links out."""

from comments.templatetags.comments import comment_text


def test_html_is_escaped():
    assert comment_text("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


def test_blank_lines_separate_paragraphs():
    assert comment_text("One\n\nTwo") == "<p>One</p>\n<p>Two</p>"


def test_single_newline_is_a_line_break():
    assert comment_text("One\nTwo") == "<p>One<br>Two</p>"


def test_url_becomes_a_link_marked_as_user_content():
    html = comment_text("See https://example.org/page now")
    assert (
        '<a href="https://example.org/page" rel="nofollow ugc noopener">'
        "https://example.org/page</a>" in html
    )


def test_quotes_in_a_url_cannot_break_out_of_the_link():
    html = comment_text('https://example.org/"onmouseover="alert(1)')
    assert 'onmouseover="' not in html


def test_typed_rel_attribute_stays_text():
    html = comment_text('x rel="nofollow" y')
    assert html == "<p>x rel=&quot;nofollow&quot; y</p>"


def test_javascript_url_is_not_linked():
    assert "<a" not in comment_text("javascript:alert(1)")


def test_empty_body_renders_nothing():
    assert comment_text("  \n ") == ""
