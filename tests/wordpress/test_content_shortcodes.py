"""Shortcodes, block comments, embeds and hostile HTML in a WordPress post."""

from blog.body import render_body
from tests.wordpress.test_content import convert


def rendered(content):
    return render_body(convert(content).source).html


def test_block_editor_comments_are_removed_and_their_content_stays():
    content = (
        "<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:heading {"level":3} -->\n<h3>Title</h3>\n<!-- /wp:heading -->'
    )
    assert convert(content).source == "Hello\n\n### Title"


def test_the_more_marker_leaves_no_trace():
    assert convert("Teaser\n\n<!--more-->\n\nRest").source == "Teaser\n\nRest"


def test_an_unknown_shortcode_is_kept_as_text_and_listed():
    result = convert('Write to us: [contact-form-7 id="4" title="Contact"]')
    assert rendered('Write to us: [contact-form-7 id="4" title="Contact"]') == (
        '<p>Write to us: [contact-form-7 id="4" title="Contact"]</p>'
    )
    assert result.unknown_shortcodes == ["contact-form-7"]
    assert result.warnings == ["Unknown shortcode [contact-form-7] kept as text."]


def test_an_unknown_enclosing_shortcode_keeps_its_content():
    result = convert('[su_box title="Note"]Be <em>kind</em>.[/su_box]')
    assert render_body(result.source).html == (
        '<p>[su_box title="Note"]Be <em>kind</em>.[/su_box]</p>'
    )
    assert result.unknown_shortcodes == ["su_box"]


def test_an_unknown_shortcode_used_twice_is_listed_once():
    result = convert("[toc /] and [toc /]")
    assert result.unknown_shortcodes == ["toc"]
    assert len(result.warnings) == 1


def test_brackets_in_prose_are_not_taken_for_shortcodes():
    result = convert("He wrote [sic] twice [1] and [citation needed].")
    assert render_body(result.source).html == (
        "<p>He wrote [sic] twice [1] and [citation needed].</p>"
    )
    assert result.warnings == []


def test_an_escaped_shortcode_prints_as_the_shortcode():
    result = convert('Type [[gallery ids="1,2"]] to show images.')
    assert render_body(result.source).html == (
        '<p>Type [gallery ids="1,2"] to show images.</p>'
    )
    assert result.warnings == []


def test_an_escaped_enclosing_shortcode_prints_as_the_shortcode():
    assert rendered("[[caption]A caption[/caption]]") == (
        "<p>[caption]A caption[/caption]</p>"
    )


def test_a_caption_without_its_closing_tag_is_kept_as_text_with_a_warning():
    result = convert("[caption] alone")
    assert result.source == r"\[caption\] alone"
    assert result.warnings == [
        "[caption] without its closing [/caption] was kept as text."
    ]


def test_an_embed_shortcode_becomes_a_plain_link():
    content = "[embed width=500]https://www.youtube.com/watch?v=x1[/embed]"
    assert convert(content).source == "<https://www.youtube.com/watch?v=x1>"


def test_a_bare_address_alone_on_its_line_becomes_a_plain_link():
    content = "Watch this:\n\nhttps://vimeo.com/123\n\nGood, no?"
    assert rendered(content) == (
        '<p>Watch this:</p>\n<p><a href="https://vimeo.com/123" '
        'rel="nofollow noopener">https://vimeo.com/123</a></p>\n<p>Good, no?</p>'
    )


def test_a_block_editor_embed_becomes_a_plain_link():
    content = (
        '<!-- wp:embed {"url":"https://youtu.be/x"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://youtu.be/x\n</div></figure>\n<!-- /wp:embed -->"
    )
    assert convert(content).source == "<https://youtu.be/x>"


def test_an_address_inside_a_sentence_stays_text():
    assert (
        convert("See https://a.org for more.").source == "See https://a.org for more."
    )


def test_an_audio_shortcode_becomes_a_link_to_its_file():
    content = '[audio mp3="https://old.example/wp-content/uploads/a.mp3"][/audio]'
    assert convert(content).source == "<https://old.example/wp-content/uploads/a.mp3>"


def test_a_video_shortcode_becomes_a_link_to_its_source():
    content = '[video src="https://old.example/v.mp4" width="640"]'
    assert convert(content).source == "<https://old.example/v.mp4>"


def test_a_video_shortcode_without_an_address_is_left_out_with_a_warning():
    result = convert('[video width="640"]')
    assert result.source == ""
    assert result.warnings == ["[video] without a web address was left out."]


def test_an_iframe_becomes_a_link_to_what_it_showed():
    content = '<iframe src="//www.youtube.com/embed/x" onload="steal()"></iframe>'
    assert convert(content).source == "<https://www.youtube.com/embed/x>"


def test_a_script_is_dropped_with_its_code():
    html = rendered("Before<script>alert('owned')</script>\n\nAfter")
    assert html == "<p>Before</p>\n<p>After</p>"


def test_a_style_block_is_dropped_with_its_rules():
    assert convert("<style>p { color: red }</style>Text").source == "Text"


def test_an_unclosed_script_hides_nothing_but_itself_from_the_sanitiser():
    html = rendered("Text\n\n<script>alert(1)")
    assert "alert" not in html
    assert html == "<p>Text</p>"


def test_an_event_handler_on_an_image_does_not_survive():
    html = rendered('<img src="https://old.example/x.png" onerror="alert(1)" alt="X">')
    assert "onerror" not in html
    assert html == "<p>X</p>"


def test_a_javascript_link_keeps_its_text_and_loses_its_address():
    html = rendered('Click <a href=" JavaScript:alert(1)">here</a>.')
    assert html == "<p>Click here.</p>"


def test_a_form_and_its_controls_are_dropped():
    content = '<form action="/x"><label>Name <input name="n"></label></form>Text'
    assert convert(content).source == "Text"


def test_an_html_comment_hiding_markup_is_removed():
    assert convert("A<!-- <script>x</script> -->B").source == "AB"
