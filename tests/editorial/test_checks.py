from types import SimpleNamespace

import pytest

from demo import sample
from editorial.checks import MIN_WORDS, check_article, check_body, link_scheme
from tests.factories import ArticleFactory

LONG_TEXT = "<p>" + "word " * MIN_WORDS + "</p>"
SIDE_EFFECTS = "Understanding the Potential Side Effects of Klonopin"


def fields(**kwargs):
    values = {"body": LONG_TEXT, "summary": "A summary.", "cover": "", "cover_alt": ""}
    return SimpleNamespace(**{**values, **kwargs})


def codes(warnings):
    return [warning.code for warning in warnings]


def body_warnings(body, **kwargs):
    return check_body(body + LONG_TEXT, **kwargs)


@pytest.mark.django_db
def test_sample_article_gets_exactly_one_warning_for_its_repeated_heading():
    article = ArticleFactory(body_source=sample.BODY, summary="A summary.")
    [warning] = check_article(article)
    assert warning.code == "repeated-heading"
    assert SIDE_EFFECTS in warning.message
    assert "3 times" in warning.message


@pytest.mark.django_db
def test_sample_warning_names_the_third_fourth_and_fifth_headings():
    article = ArticleFactory(body_source=sample.BODY, summary="A summary.")
    [warning] = check_article(article)
    assert warning.where == "headings 3, 4 and 5"


def test_sample_body_as_written_gets_the_same_single_warning():
    article = fields(body=sample.BODY)
    assert codes(check_article(article)) == ["repeated-heading"]


def test_a_well_formed_article_gets_no_warnings():
    body = "<h2>One</h2>" + LONG_TEXT + "<h3>Two</h3><p>Text.</p><h2>Three</h2><p>x</p>"
    assert check_article(fields(body=body)) == []


def test_repeated_heading_is_found_whatever_its_case_and_spacing():
    body = "<h2>Side  effects</h2><p>a</p><h3>side effects</h3><p>b</p>"
    assert codes(body_warnings(body)) == ["repeated-heading"]


def test_warning_reads_as_where_then_what():
    [warning] = body_warnings("<h2></h2>")
    assert str(warning) == "heading 1: The heading is empty."


def test_skipped_heading_level_names_the_heading():
    [warning] = body_warnings("<h2>Top</h2><p>a</p><h4>Deep</h4><p>b</p>")
    assert (warning.code, warning.where) == ("skipped-heading-level", "heading 2")
    assert "h4 after an h2" in warning.message


def test_a_first_heading_below_h2_skips_a_level_under_the_title():
    assert codes(body_warnings("<h3>Start</h3><p>a</p>")) == ["skipped-heading-level"]


def test_going_back_up_several_levels_is_not_a_skip():
    body = "<h2>A</h2><h3>B</h3><h4>C</h4><p>c</p><h2>D</h2><p>d</p>"
    assert body_warnings(body) == []


def test_empty_heading_is_flagged():
    assert codes(body_warnings("<h2> </h2><p>a</p>")) == ["empty-heading"]


def test_heading_holding_only_an_image_with_alt_text_is_not_empty():
    body = '<h2><img src="/logo.png" alt="Our logo"></h2><p>a</p>'
    assert body_warnings(body) == []


def test_heading_followed_by_a_heading_of_the_same_level_is_an_empty_section():
    [warning] = body_warnings("<h2>Nothing here</h2><h2>Next</h2>")
    assert (warning.code, warning.where) == ("empty-section", "heading 1")


def test_heading_followed_by_a_higher_heading_is_an_empty_section():
    body = "<h2>A</h2><p>a</p><h3>Empty</h3><h2>B</h2>"
    assert codes(body_warnings(body)) == ["empty-section"]


def test_heading_followed_by_its_subsection_is_not_an_empty_section():
    assert body_warnings("<h2>Part</h2><h3>Chapter</h3>") == []


def test_heading_at_the_end_is_an_empty_section():
    [warning] = check_body(LONG_TEXT + "<h2>The end</h2>")
    assert warning.code == "empty-section"
    assert "before the end" in warning.message


def test_an_image_is_enough_to_fill_a_section():
    body = '<h2>Gallery</h2><img src="/a.png" alt="A"><h2>Next</h2>'
    assert body_warnings(body) == []


def test_image_without_alt_text_is_named_by_number_and_source():
    body = '<p><img src="/a.png" alt="A"><img src="/media/b.png"></p>'
    [warning] = body_warnings(body)
    assert warning.code == "image-without-alt"
    assert warning.where == "image 2 (/media/b.png)"


def test_image_with_blank_alt_text_is_flagged():
    assert codes(body_warnings('<img src="/a.png" alt="  ">')) == ["image-without-alt"]


def test_long_image_source_is_shortened_in_the_warning():
    [warning] = body_warnings(f'<img src="/{"x" * 200}.png">')
    assert len(warning.where) < 80


def test_javascript_link_in_the_raw_body_is_flagged():
    raw = '<p><a href="javascript:alert(1)">click</a></p>'
    [warning] = body_warnings("<p>click</p>", raw=raw)
    assert warning.code == "unsafe-link"
    assert warning.where == "link 1 (javascript:alert(1))"


def test_link_scheme_hidden_by_entities_and_whitespace_is_found():
    raw = '<a href=" java&#9;Script:alert(1)">x</a>'
    assert codes(check_body(LONG_TEXT, raw=raw)) == ["unsafe-link"]


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/",
        "http://example.org/",
        "mailto:ed@example.org",
        "/accounts/register/",
        "../other/",
        "#section",
        "page?x=a:b",
    ],
)
def test_web_mail_and_relative_links_are_fine(href):
    raw = f'<a href="{href}">x</a>'
    assert check_body(LONG_TEXT, raw=raw) == []


@pytest.mark.parametrize(
    ("href", "scheme"),
    [("ftp://x", "ftp"), ("data:text/html,x", "data"), ("TEL:123", "tel")],
)
def test_link_scheme_is_read_as_a_browser_would(href, scheme):
    assert link_scheme(href) == scheme


def test_check_article_reads_links_from_the_raw_body_when_given():
    raw = '<p><a href="vbscript:x">x</a></p>' + LONG_TEXT
    assert codes(check_article(fields(), raw_body=raw)) == ["unsafe-link"]


def test_scripts_in_the_raw_body_are_not_counted_as_words():
    raw = "<script>" + "word " * MIN_WORDS + "</script><p>Short.</p>"
    assert codes(check_article(fields(), raw_body=raw)) == ["short-body"]


def test_body_under_the_minimum_gives_its_word_count():
    [warning] = check_body("<p>Only four words here.</p>")
    assert (warning.code, warning.where) == ("short-body", "body")
    assert "4 words" in warning.message


def test_body_of_exactly_the_minimum_is_long_enough():
    assert check_body(LONG_TEXT) == []


def test_missing_summary_is_flagged():
    [warning] = check_article(fields(summary="  "))
    assert (warning.code, warning.where) == ("missing-summary", "summary")


def test_cover_without_alt_text_is_flagged():
    [warning] = check_article(fields(cover="covers/a.jpg", cover_alt=""))
    assert (warning.code, warning.where) == ("cover-without-alt", "cover")


def test_cover_with_alt_text_is_fine():
    assert check_article(fields(cover="covers/a.jpg", cover_alt="A harbour")) == []


def test_heading_warnings_come_in_the_order_of_the_headings():
    body = "<h2></h2><p>a</p><h2>X</h2><p>b</p><h4>Deep</h4><p>c</p><h2>X</h2><p>d</p>"
    assert [w.where for w in body_warnings(body)] == [
        "heading 1",
        "headings 2 and 4",
        "heading 3",
    ]


def test_unclosed_tags_in_a_broken_body_do_not_stop_the_checks():
    warnings = check_article(fields(body="<h2>Open <p>text <img src=x.png><h3"))
    assert "image-without-alt" in codes(warnings)
