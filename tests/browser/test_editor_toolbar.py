"""Issue 9's toolbar that keeps what it inserts, in a real browser.

The dashboard editor's formatting buttons and shortcuts leave the caret
where the author types next, the browser's undo takes an insertion back,
and the live preview sits beside the body and follows the caret.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import AuthorFactory

pytestmark = pytest.mark.browser

NEW_URL = "/dashboard/articles/new/"


def sign_in_an_author(context, live_server):
    """Give the browser context the session of a new, approved author."""
    writer = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    client = Client()
    client.force_login(writer.user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def new_article(page, live_server):
    """The new-article page, open for a signed-in author, its toolbar ready."""
    sign_in_an_author(page.context, live_server)
    page.goto(NEW_URL)
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    return page


def body(page):
    return page.get_by_role("textbox", name="Body")


def write(page, text, *, select=None):
    """Type the body, then put the caret (or the selection) at `select`."""
    body(page).fill(text)
    start, end = select if select else (len(text), len(text))
    body(page).evaluate("(area, [s, e]) => area.setSelectionRange(s, e)", [start, end])


def selection(page):
    return body(page).evaluate("area => [area.selectionStart, area.selectionEnd]")


def press_button(page, name):
    page.get_by_role("toolbar", name="Formatting").get_by_role(
        "button", name=name, exact=True
    ).click()


# Whether an element lies within the visible part of the live preview.
IN_PREVIEW_VIEW = """element => {
    const view = document.querySelector("#live-preview .article-body")
        .getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
}"""


@pytest.mark.parametrize(
    "button, before, after_typing",
    [
        ("Heading", "Intro", "Intro\n\n## word"),
        ("Bold", "Intro ", "Intro **word**"),
        ("Emphasis", "Intro ", "Intro *word*"),
        ("Link", "Intro ", "Intro [word](url)"),
        ("List", "Intro", "Intro\n\n- word"),
        ("Quote", "Intro", "Intro\n\n> word"),
    ],
)
def test_with_nothing_selected_a_button_leaves_the_caret_where_the_author_types(
    new_article, button, before, after_typing
):
    write(new_article, before)
    press_button(new_article, button)
    caret = after_typing.index("word")
    assert selection(new_article) == [caret, caret]
    new_article.keyboard.type("word")
    expect(body(new_article)).to_have_value(after_typing)


def test_a_heading_asked_for_inside_a_line_gets_a_line_of_its_own(new_article):
    write(new_article, "Before.After.", select=(7, 7))
    press_button(new_article, "Heading")
    new_article.keyboard.type("Title")
    expect(body(new_article)).to_have_value("Before.\n\n## Title\n\nAfter.")


def test_bold_wraps_the_selection_and_keeps_it_selected(new_article):
    write(new_article, "a big deal", select=(2, 5))
    press_button(new_article, "Bold")
    expect(body(new_article)).to_have_value("a **big** deal")
    assert selection(new_article) == [4, 7]


def test_bold_leaves_spaces_selected_at_the_ends_outside_the_stars(new_article):
    write(new_article, "a big deal", select=(1, 6))
    press_button(new_article, "Bold")
    expect(body(new_article)).to_have_value("a **big** deal")


def test_link_wraps_the_selection_and_selects_the_address_to_type(new_article):
    write(new_article, "Read the docs.", select=(9, 13))
    press_button(new_article, "Link")
    expect(body(new_article)).to_have_value("Read the [docs](url).")
    assert selection(new_article) == [16, 19]
    new_article.keyboard.type("https://example.org")
    expect(body(new_article)).to_have_value("Read the [docs](https://example.org).")


def test_list_turns_each_selected_line_into_an_item(new_article):
    write(new_article, "Buy:\n\nflour\nyeast", select=(6, 17))
    press_button(new_article, "List")
    expect(body(new_article)).to_have_value("Buy:\n\n- flour\n- yeast")


def test_a_list_item_asked_for_after_another_continues_the_list(new_article):
    write(new_article, "- flour")
    press_button(new_article, "List")
    new_article.keyboard.type("yeast")
    expect(body(new_article)).to_have_value("- flour\n- yeast")


def test_ctrl_b_does_what_the_bold_button_does(new_article):
    write(new_article, "a big deal", select=(2, 5))
    body(new_article).press("Control+b")
    expect(body(new_article)).to_have_value("a **big** deal")
    assert selection(new_article) == [4, 7]


def test_ctrl_i_and_ctrl_k_emphasise_and_link(new_article):
    write(new_article, "one two", select=(0, 3))
    body(new_article).press("Control+i")
    expect(body(new_article)).to_have_value("*one* two")
    body(new_article).evaluate("area => area.setSelectionRange(6, 9)")
    body(new_article).press("Control+k")
    expect(body(new_article)).to_have_value("*one* [two](url)")


def test_other_ctrl_keys_keep_their_browser_meaning(new_article):
    write(new_article, "all of it", select=(0, 0))
    body(new_article).press("Control+a")
    assert selection(new_article) == [0, len("all of it")]
    expect(body(new_article)).to_have_value("all of it")


def test_ctrl_z_after_an_insertion_restores_the_previous_text(new_article):
    write(new_article, "Plain words", select=(6, 11))
    press_button(new_article, "Bold")
    expect(body(new_article)).to_have_value("Plain **words**")
    body(new_article).press("ControlOrMeta+z")
    expect(body(new_article)).to_have_value("Plain words")


def test_ctrl_z_takes_back_a_heading_in_one_step(new_article):
    write(new_article, "Intro")
    press_button(new_article, "Heading")
    new_article.keyboard.type("Method")
    body(new_article).press("ControlOrMeta+z")  # the typing
    body(new_article).press("ControlOrMeta+z")  # the heading's syntax
    expect(body(new_article)).to_have_value("Intro")


def test_the_preview_shows_the_heading_typed_after_the_button(new_article):
    write(new_article, "Intro")
    press_button(new_article, "Heading")
    new_article.keyboard.type("Method")
    live = new_article.locator("#live-preview")
    expect(live.get_by_role("heading", name="Method")).to_be_visible()


def test_the_toolbar_offers_no_outside_image_but_a_slot_for_one(new_article):
    toolbar = new_article.get_by_role("toolbar", name="Formatting")
    expect(toolbar.locator("[data-md=image]")).to_have_count(0)
    expect(toolbar.get_by_role("button", name="Image", exact=True)).to_have_count(0)
    expect(toolbar.locator("[data-editor-image-slot]")).to_have_count(1)


def test_on_a_wide_screen_the_preview_sits_beside_the_body(new_article):
    new_article.set_viewport_size({"width": 1280, "height": 800})
    text = body(new_article).bounding_box()
    pane = new_article.locator("#live-preview").bounding_box()
    assert pane["x"] >= text["x"] + text["width"]
    assert pane["y"] < text["y"] + text["height"]
    assert pane["y"] + pane["height"] > text["y"]


def test_on_a_narrow_screen_the_preview_sits_right_below_the_body(new_article):
    new_article.set_viewport_size({"width": 600, "height": 900})
    text = body(new_article).bounding_box()
    pane = new_article.locator("#live-preview").bounding_box()
    cover = new_article.get_by_label("Cover image").bounding_box()
    assert text["y"] + text["height"] <= pane["y"] < cover["y"]


def test_the_preview_scrolls_to_the_section_the_caret_is_in(new_article):
    new_article.set_viewport_size({"width": 1280, "height": 800})
    paragraph = "Words that fill the section. " * 12
    sections = [f"## Part {n}\n\n{paragraph}\n\n{paragraph}" for n in range(1, 13)]
    source = "\n\n".join(sections)
    body(new_article).fill(source)
    live = new_article.locator("#live-preview")
    last = live.get_by_role("heading", name="Part 12")
    expect(last).to_be_attached()

    body(new_article).press("Control+End")
    new_article.wait_for_function(IN_PREVIEW_VIEW, arg=last.element_handle())

    third = source.index("## Part 3")
    body(new_article).evaluate("(area, at) => area.setSelectionRange(at, at)", third)
    body(new_article).press("ArrowRight")
    part_3 = live.get_by_role("heading", name="Part 3", exact=True)
    new_article.wait_for_function(IN_PREVIEW_VIEW, arg=part_3.element_handle())
    assert not last.evaluate(IN_PREVIEW_VIEW)


def test_without_javascript_the_form_keeps_one_column_and_no_toolbar(
    browser, live_server
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    sign_in_an_author(context, live_server)
    page = context.new_page()
    page.goto(NEW_URL)
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_hidden()
    expect(page.locator("#live-preview")).to_be_hidden()
    text = page.get_by_role("textbox", name="Body").bounding_box()
    title = page.get_by_role("textbox", name="Title").bounding_box()
    assert text["width"] == title["width"]
    context.close()
