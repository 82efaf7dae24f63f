import pytest

from blog.body import (
    add_heading_ids,
    html_to_text,
    reading_minutes,
    sanitize_html,
)


def test_sanitize_removes_script_elements_and_their_code():
    cleaned = sanitize_html("<p>Hi</p><script>alert('x')</script>")
    assert cleaned == "<p>Hi</p>"


def test_sanitize_removes_event_handlers():
    cleaned = sanitize_html(
        '<p onclick="steal()">Hi</p><img src="/a.png" onerror="x()">'
    )
    assert "onclick" not in cleaned
    assert "onerror" not in cleaned


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
    ],
)
def test_sanitize_removes_links_with_unsafe_protocols(href):
    cleaned = sanitize_html(f'<a href="{href}">click</a>')
    assert "href" not in cleaned


def test_sanitize_keeps_mailto_links():
    assert 'href="mailto:a@example.com"' in sanitize_html(
        '<a href="mailto:a@example.com">mail</a>'
    )


def test_sanitize_marks_outbound_links_nofollow_noopener():
    cleaned = sanitize_html('<a href="https://example.com/">out</a>')
    assert 'rel="nofollow noopener"' in cleaned


def test_sanitize_leaves_relative_links_without_rel():
    assert "rel=" not in sanitize_html('<a href="/articles/x/">in</a>')


def test_sanitize_keeps_the_allowed_structure():
    html = (
        "<h2>T</h2><ul><li><em>a</em></li></ul><blockquote>q</blockquote>"
        '<figure><img src="/m.png" alt="m"><figcaption>c</figcaption></figure>'
        "<table><tr><td>1</td></tr></table><pre><code>x</code></pre>"
    )
    cleaned = sanitize_html(html)
    for tag in ("h2", "ul", "li", "em", "blockquote", "figure", "img", "td", "code"):
        assert f"<{tag}" in cleaned


def test_sanitize_drops_h1_but_keeps_its_text():
    assert sanitize_html("<h1>Big</h1>") == "Big"


def test_sanitize_removes_nul_bytes():
    assert "\x00" not in sanitize_html("<p>a\x00b</p>")


def test_sanitize_removes_inline_styles():
    assert "style" not in sanitize_html('<p style="color:red">x</p>')


def test_heading_ids_are_unique_for_repeated_headings():
    html, toc = add_heading_ids("<h2>Side effects</h2><h2>Side effects</h2>")
    assert [entry["id"] for entry in toc] == ["side-effects", "side-effects-2"]
    assert '<h2 id="side-effects-2">' in html


def test_table_of_contents_keeps_levels_and_titles():
    _, toc = add_heading_ids("<h2>One</h2><h3>One &amp; a half</h3><h4>Deep</h4>")
    assert toc == [
        {"level": 2, "id": "one", "title": "One"},
        {"level": 3, "id": "one-a-half", "title": "One & a half"},
        {"level": 4, "id": "deep", "title": "Deep"},
    ]


def test_heading_ids_never_take_an_id_the_page_layout_uses():
    _, toc = add_heading_ids("<h2>Comments</h2>")
    assert toc[0]["id"] == "comments-2"


def test_empty_headings_stay_out_of_the_table_of_contents():
    _, toc = add_heading_ids("<h2> </h2><h2>Real</h2>")
    assert [entry["title"] for entry in toc] == ["Real"]


def test_plain_text_separates_blocks_and_unescapes_entities():
    assert html_to_text("<p>Fish &amp; chips</p><p>Next</p>") == "Fish & chips Next"


def test_reading_time_is_at_least_one_minute():
    assert reading_minutes("") == 1


def test_reading_time_rounds_up_at_230_words_a_minute():
    assert reading_minutes("word " * 231) == 2
