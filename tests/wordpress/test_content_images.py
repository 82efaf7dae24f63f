"""Images in a WordPress post become library images, with their captions as
figures; one that is not in the uploads is left out and its alt text kept."""

import pytest

from blog.body import markdown_html, render_body
from tests.factories import UserFactory
from tests.imaging.images import store_image_for
from tests.wordpress.test_content import OLD, convert

MAP = f"{OLD}/2019/05/a.jpg"


@pytest.fixture
def stored(db):
    return store_image_for(UserFactory(), alt="Stored")


def test_an_uploads_image_becomes_a_library_image_with_its_alt_text():
    result = convert(f'<img src="{MAP}" alt="A map">', urls={MAP: 42})
    assert result.source == "![A map](image:42)"
    assert result.warnings == []


def test_the_address_is_passed_to_the_lookup_as_it_is_size_suffix_included():
    sized = f"{OLD}/2019/05/a-300x200.jpg"
    assert convert(f'<img src="{sized}" alt="">', urls={sized: 7}).source == (
        "![](image:7)"
    )


def test_an_image_missing_from_the_uploads_is_left_out_keeping_its_alt_text():
    result = convert(f'<p>See <img src="{MAP}" alt="A map"> here.</p>')
    assert result.source == "See A map here."
    assert result.warnings == [
        f'Image {MAP} is not in the uploads: left out, its alt text "A map" kept.'
    ]


def test_an_image_from_another_address_is_left_out_with_a_warning():
    result = convert('<img src="https://cdn.example.com/b.png" alt="Chart">')
    assert result.source == "Chart"
    assert result.warnings == [
        "Image https://cdn.example.com/b.png is not from the old site's uploads: "
        'left out, its alt text "Chart" kept.'
    ]


def test_an_image_already_naming_a_library_image_is_not_trusted():
    result = convert('<img src="image:5" alt="">')
    assert result.source == ""
    assert "image:5" in result.warnings[0]


def test_a_link_to_the_media_file_around_an_image_is_dropped():
    content = f'<a href="{MAP}"><img src="{OLD}/2019/05/a-300x200.jpg" alt="A"></a>'
    source = convert(content, urls={f"{OLD}/2019/05/a-300x200.jpg": 3}).source
    assert source == "![A](image:3)"


def test_a_link_elsewhere_around_an_image_is_kept():
    content = f'<a href="https://a.org/"><img src="{MAP}" alt="A"></a>'
    assert convert(content, urls={MAP: 3}).source == "[![A](image:3)](https://a.org/)"


def test_a_caption_shortcode_becomes_the_image_with_its_caption_as_title():
    content = (
        '[caption id="attachment_12" align="alignnone" width="300"]'
        f'<a href="{MAP}"><img class="size-medium" src="{MAP}" alt="A map" '
        'width="300" height="200" /></a> The old town, 1900[/caption]'
    )
    result = convert(content, urls={MAP: 42})
    assert result.source == '![A map](image:42 "The old town, 1900")'
    assert result.warnings == []


def test_a_caption_shortcode_renders_as_a_figure_with_its_figcaption(stored):
    content = (
        f'[caption width="300"]<img src="{MAP}" alt="A map"> The old town[/caption]'
    )
    html = render_body(convert(content, urls={MAP: stored.pk}).source).html
    assert html.startswith('<figure class="body-image"><img src="')
    assert html.endswith("<figcaption>The old town</figcaption></figure>")


def test_an_old_style_caption_attribute_is_the_caption():
    content = f'[caption caption="Tom &amp; Jerry"]<img src="{MAP}" alt="">[/caption]'
    assert convert(content, urls={MAP: 1}).source == '![](image:1 "Tom & Jerry")'


def test_quotes_in_a_caption_survive_rendering(stored):
    content = f'[caption]<img src="{MAP}" alt="">He said "hi"[/caption]'
    html = render_body(convert(content, urls={MAP: stored.pk}).source).html
    assert "<figcaption>He said &quot;hi&quot;</figcaption>" in html


def test_a_captioned_image_missing_from_the_uploads_keeps_its_alt_and_caption():
    content = f'[caption]<img src="{MAP}" alt="A map"> The old town[/caption]'
    assert convert(content).source == "A map\n\nThe old town"


def test_a_block_editor_figure_becomes_the_image_with_its_figcaption():
    content = (
        '<!-- wp:image {"id":12,"sizeSlug":"large"} -->\n'
        f'<figure class="wp-block-image size-large"><img src="{MAP}" alt="A map" '
        'class="wp-image-12"/><figcaption>The <em>old</em> town</figcaption></figure>\n'
        "<!-- /wp:image -->"
    )
    assert convert(content, urls={MAP: 42}).source == (
        '![A map](image:42 "The old town")'
    )


def test_a_link_to_another_page_around_a_captioned_image_is_dropped_with_a_warning():
    content = (
        f'[caption]<a href="https://a.org/"><img src="{MAP}" alt=""></a> Cap[/caption]'
    )
    result = convert(content, urls={MAP: 1})
    assert result.source == '![](image:1 "Cap")'
    assert result.warnings == [
        "The link around a captioned image (to https://a.org/) was left out: "
        "in Folio a captioned image is not a link."
    ]


def test_a_gallery_becomes_a_run_of_images_each_on_its_own_line():
    result = convert('[gallery ids="3,1,2"]', attachments={1: 11, 2: 12, 3: 13})
    assert result.source == "![](image:13)\n\n![](image:11)\n\n![](image:12)"


def test_a_gallerys_images_render_as_figures(stored):
    source = convert('[gallery ids="5"]', attachments={5: stored.pk}).source
    assert render_body(source).html.startswith('<figure class="body-image"><img ')


def test_a_gallerys_images_are_described_by_the_librarys_alt_text(stored):
    source = convert('[gallery ids="5"]', attachments={5: stored.pk}).source
    assert 'alt="Stored"' in render_body(source).html


def test_a_gallery_image_missing_from_the_uploads_is_left_out_with_a_warning():
    result = convert('[gallery ids="1,2"]', attachments={1: 11})
    assert result.source == "![](image:11)"
    assert result.warnings == [
        "Gallery image (attachment 2) is not in the uploads: left out."
    ]


def test_a_gallery_without_a_list_of_images_is_left_out_with_a_warning():
    result = convert("[gallery columns=2]")
    assert result.source == ""
    assert "without a list of images" in result.warnings[0]


def test_a_block_editor_gallery_keeps_each_captioned_image():
    content = (
        '<figure class="wp-block-gallery"><ul>'
        f'<li><figure><img src="{OLD}/1.jpg" alt=""><figcaption>One</figcaption>'
        "</figure></li>"
        f'<li><figure><img src="{OLD}/2.jpg" alt=""><figcaption>Two</figcaption>'
        "</figure></li>"
        "</ul><figcaption>Both</figcaption></figure>"
    )
    source = convert(content, urls={f"{OLD}/1.jpg": 1, f"{OLD}/2.jpg": 2}).source
    assert source == '- ![](image:1 "One")\n- ![](image:2 "Two")\n\nBoth'


def test_brackets_in_alt_text_do_not_break_the_image():
    source = convert(f'<img src="{MAP}" alt="A [big] map">', urls={MAP: 4}).source
    assert '<img alt="A [big] map" src="image:4" />' in markdown_html(source)
