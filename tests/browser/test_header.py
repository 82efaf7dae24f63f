"""The header on a phone (a folded menu) and the colour mode a reader picks."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    ArticleFactory(title="Tides and the moon")
    page.set_viewport_size(PHONE)
    page.goto("/")
    return page


def test_the_header_takes_under_an_eighth_of_a_phone_screen(phone):
    height = phone.locator("header.site-header").bounding_box()["height"]
    assert height < 0.12 * PHONE["height"]


def test_the_phone_menu_opens_from_its_button(phone):
    menu = phone.get_by_role("button", name="Menu")
    expect(phone.get_by_role("link", name="Authors")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(phone.get_by_role("link", name="Authors")).to_be_visible()
    expect(phone.get_by_role("searchbox", name="Search articles")).to_be_visible()


def test_a_wide_screen_shows_the_menu_without_a_button(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.get_by_role("link", name="Authors")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()


def test_nothing_is_wider_than_a_320_pixel_screen(page):
    ArticleFactory(title="A rather long title that must wrap on the smallest phones")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    page.get_by_role("button", name="Menu").click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320


def colour_mode(page):
    return page.evaluate("document.documentElement.dataset.bsTheme")


def test_the_colour_mode_follows_the_system_by_default(page):
    page.emulate_media(color_scheme="dark")
    page.goto("/")
    assert colour_mode(page) == "dark"
    expect(page.get_by_role("button", name="Colours: Auto")).to_be_visible()


def test_a_chosen_colour_mode_is_kept_across_pages(page):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    page.get_by_role("button", name="Colours: Auto").click()  # → light
    page.get_by_role("button", name="Colours: Light").click()  # → dark
    assert colour_mode(page) == "dark"
    page.goto("/authors/")
    assert colour_mode(page) == "dark"
    expect(page.get_by_role("button", name="Colours: Dark")).to_be_visible()


def test_choosing_auto_again_forgets_the_choice(page):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    for name in ("Colours: Auto", "Colours: Light", "Colours: Dark"):
        page.get_by_role("button", name=name).click()
    assert page.evaluate("localStorage.length") == 0
    assert colour_mode(page) == "light"


def test_an_unknown_stored_colour_mode_counts_as_auto(page):
    page.emulate_media(color_scheme="dark")
    page.goto("/")
    page.evaluate("localStorage.setItem('folio-colour-mode', 'neon')")
    page.reload()
    assert colour_mode(page) == "dark"
    expect(page.get_by_role("button", name="Colours: Auto")).to_be_visible()
