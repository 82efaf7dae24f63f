"""The reading design in a real browser: the column's measure, the contents
rail and its folded form, no overflow on the smallest phones, copying the
article's address, and text contrast in both colour modes."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PARAGRAPH = (
    "Sleep is when the body repairs itself and the day's memories settle into "
    "place; without enough of it, attention frays, moods darken and even simple "
    "sums take longer than they should. "
)
BODY = "".join(
    f"<h2>Part {n}: on resting well</h2>" + f"<p>{PARAGRAPH * 6}</p>" * 4
    for n in range(1, 5)
)

# Characters a line: the column's width over the average width of a
# character of its own text, measured on the first paragraph in the body font.
# (A "0" is wider than the average letter, so a row of zeros would undercount.)
CHARACTERS_A_LINE = """() => {
  const body = document.querySelector(".article-body");
  const probe = document.createElement("span");
  probe.textContent = body.querySelector("p").textContent.replace(/\\s+/g, " ");
  probe.style.whiteSpace = "nowrap";
  body.append(probe);
  const average = probe.getBoundingClientRect().width / probe.textContent.length;
  probe.remove();
  return body.getBoundingClientRect().width / average;
}"""

# The lowest WCAG contrast among the page's visible text: each element's
# colour over the first opaque background behind it (alpha blended).
LOWEST_CONTRAST = """(selector) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const blend = (fg, bg) => {
    const a = fg.length > 3 ? fg[3] : 1;
    return [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a));
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length && (c.length < 4 || c[3] > 0)) layers.push(c);
      if (c.length && (c.length < 4 || c[3] === 1)) break;
    }
    let bg = [255, 255, 255];
    for (const layer of layers.reverse()) bg = blend(layer, bg);
    return bg;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let lowest = { ratio: 99 };
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || !el.textContent.trim()) continue;
    const bg = background(el);
    const fg = blend(parse(getComputedStyle(el).color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const text = el.textContent.trim().slice(0, 40);
    if (ratio < lowest.ratio) lowest = { ratio, text };
  }
  return lowest;
}"""
TEXT = (
    "main p, main li, main a, main h1, main h2, main time, main summary, "
    "main button, main span, main label, header a, header button, footer p, footer a"
)


@pytest.fixture
def article():
    return ArticleFactory(
        title="A guide to better sleep",
        summary="Why rest matters, and how to get more of it.",
        body_source=BODY,
    )


def test_the_reading_column_holds_65_to_75_characters_at_1280_px(page, article):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(article.get_absolute_url())
    assert 65 <= page.evaluate(CHARACTERS_A_LINE) <= 75


def test_the_reading_column_is_centred_at_1280_px(page, article):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(article.get_absolute_url())
    box = page.locator(".article-body").bounding_box()
    middle = box["x"] + box["width"] / 2
    assert abs(middle - 640) < 16


def test_the_contents_stay_in_view_beside_the_text_while_reading(page, article):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(article.get_absolute_url())
    toc = page.get_by_role("navigation", name="Table of contents")
    expect(toc).to_be_visible()
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(200)
    assert page.evaluate("window.scrollY") > 3000
    expect(toc).to_be_in_viewport()
    toc_box = toc.bounding_box()
    body_box = page.locator(".article-body").bounding_box()
    assert toc_box["x"] + toc_box["width"] <= body_box["x"]  # a rail to its left


def test_the_contents_fold_into_a_closed_details_at_390_px(page, article):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(article.get_absolute_url())
    details = page.locator("details.toc-top")
    expect(details).to_be_visible()
    expect(details).not_to_have_attribute("open", "")
    expect(page.locator("#toc")).to_be_hidden()
    link = details.get_by_role("link", name="Part 2: on resting well")
    expect(link).to_be_hidden()
    details.locator("summary").click()
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("h2#part-2-on-resting-well")).to_be_in_viewport()


@pytest.mark.parametrize("path", ["home", "article"])
def test_nothing_overflows_a_320_px_screen(page, article, path, settings):
    settings.FOLIO_ARTICLES_PER_PAGE = 1
    ArticleFactory.create_batch(12, title="Another rather long title to wrap")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/" if path == "home" else article.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_copy_link_puts_the_canonical_address_on_the_clipboard(page, article):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(article.get_absolute_url() + "?utm_source=feed")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied.")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url.split("?")[0]


def test_copy_link_shows_the_address_selected_when_the_clipboard_refuses(page, article):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {})")
    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="Copy link").click()
    field = page.get_by_label("The article’s address")
    expect(field).to_be_focused()
    assert field.input_value() == page.url
    assert page.evaluate("getSelection().toString() || 'x'")  # the field's text


def test_the_share_button_hands_the_canonical_address_to_the_web_share_api(
    page, article
):
    page.add_init_script(
        "navigator.share = (data) => (window.shared = data) && Promise.resolve();"
    )
    page.goto(article.get_absolute_url() + "?utm_source=feed")
    page.get_by_role("button", name="Share…").click()
    shared = page.evaluate("window.shared")
    assert shared == {"title": article.title, "url": page.url.split("?")[0]}


def test_the_share_button_stays_hidden_without_the_web_share_api(page, article):
    page.add_init_script("delete Navigator.prototype.share")
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    expect(page.locator("[data-share-native]")).to_be_hidden()


def test_without_scripts_the_plain_share_links_remain(browser, live_server, article):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    share = page.get_by_role("region", name="Share this article")
    for name in ("Mastodon", "Bluesky", "LinkedIn", "Email"):
        expect(share.get_by_role("link", name=name)).to_be_visible()
    expect(share.get_by_role("button", name="Copy link")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["home", "article"])
def test_text_meets_contrast_in_both_colour_modes(page, article, scheme, path):
    ArticleFactory.create_batch(2)
    page.emulate_media(color_scheme=scheme)
    page.goto("/" if path == "home" else article.get_absolute_url())
    assert page.evaluate("document.documentElement.dataset.bsTheme") == scheme
    lowest = page.evaluate(LOWEST_CONTRAST, TEXT)
    assert lowest["ratio"] >= 4.5, lowest
