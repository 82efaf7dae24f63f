"""Issue 9's images in the body, in a real browser: an author drops a picture
into the editor, describes it, and readers get a figure served by Folio alone.
"""

import base64
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from blog.models import Article
from editorial.workflow import publish
from tests.factories import AuthorFactory, UserFactory
from tests.imaging.images import image_bytes

pytestmark = pytest.mark.browser

NEW_URL = "/dashboard/articles/new/"
# Drops `name` (bytes given in base64, or `size` zero bytes) on the body, as
# a file dragged from the desktop would be.
DROP = """([data, name, type, size]) => {
    const bytes = data
        ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
        : new Uint8Array(size);
    const files = new DataTransfer();
    files.items.add(new File([bytes], name, { type }));
    document.getElementById("id_body_source").dispatchEvent(
        new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true })
    );
}"""


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
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
def editor_page(page, live_server):
    writer = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    sign_in(page.context, live_server, writer.user)
    page.goto(NEW_URL)
    expect(page.get_by_role("button", name="Insert image")).to_be_visible()
    return page


def drop_photo(page):
    photo = base64.b64encode(image_bytes("PNG", size=(1400, 700), color="teal"))
    page.evaluate(DROP, [photo.decode(), "harbour.png", "image/png", 0])


def test_a_dropped_image_is_uploaded_described_and_shown_to_readers_as_a_figure(
    editor_page, browser, live_server
):
    page = editor_page
    page.get_by_role("textbox", name="Title").fill("The harbour at dawn")
    page.get_by_role("textbox", name="Body").fill("Boats come in before six.")
    drop_photo(page)
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.get_by_label("Description for readers").fill("Fishing boats at the quay")
    dialog.get_by_label("Caption").fill("The quay at six")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(page.get_by_role("textbox", name="Body")).to_have_value(
        re.compile(
            r"^Boats come in before six\.\n\n"
            r'!\[Fishing boats at the quay\]\(image:\d+ "The quay at six"\)\n\n$'
        )
    )
    preview = page.locator("#live-preview figure img")
    expect(preview).to_have_attribute("alt", "Fishing boats at the quay")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Status: Draft")).to_be_visible()

    article = Article.objects.get()
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    publish(article, by=editor)

    reader = browser.new_context(base_url=live_server.url).new_page()
    requested = []
    reader.on("request", lambda request: requested.append(request.url))
    reader.goto(article.get_absolute_url())
    figure = reader.locator("article figure.body-image")
    expect(figure.locator("figcaption")).to_have_text("The quay at six")
    image = figure.locator("img")
    expect(image).to_have_attribute("width", "1400")
    expect(image).to_have_attribute("height", "700")
    expect(image).to_have_attribute("srcset", re.compile(r"320w, .*\.webp 1400w$"))
    assert all(url.startswith(live_server.url) for url in requested), requested


def test_an_image_without_a_description_is_not_inserted(editor_page):
    page = editor_page
    drop_photo(page)
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Describe the image before inserting it."
    )
    expect(page.get_by_role("textbox", name="Body")).to_have_value("")


def test_a_file_over_the_limit_is_refused_before_it_is_sent(editor_page):
    page = editor_page
    page.evaluate(DROP, [None, "huge.jpg", "image/jpeg", 50 * 1024 * 1024])
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.get_by_label("Description for readers").fill("Far too big")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "This image is 50.0 MB; the limit is 10 MB."
    )
