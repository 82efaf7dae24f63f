"""Images in the body from the editors' admin, in a real browser: an editor
signs in, inserts an image into an article with Insert image, saves, and
readers get a figure served by Folio alone.
"""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from blog.models import Article
from editorial.workflow import publish
from tests.factories import ArticleFactory, UserFactory, totp_code
from tests.imaging.images import image_bytes

pytestmark = pytest.mark.browser

PASSWORD = "correct horse"  # UserFactory's


@pytest.fixture
def editor():
    user = UserFactory(is_staff=True, groups=["Editors"])
    user.app = TOTPDevice.objects.create(user=user, name="Phone")
    return user


@pytest.fixture
def article():
    return ArticleFactory(
        draft=True, title="The harbour at dawn", body_source="Boats come in early."
    )


@pytest.fixture
def admin_page(page, editor, article):
    """The article's admin change page, the editor signed in through the form
    and the code from their authenticator app."""
    change_url = f"/admin/blog/article/{article.pk}/change/"
    page.goto(f"/admin/login/?next={change_url}")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code(editor.app))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(change_url) + "$"))
    return page


def choose_image(page, name="harbour.png", data=None):
    """Open the dialog with Insert image and choose a file in it."""
    page.get_by_role("button", name="Insert image").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    expect(dialog).to_be_visible()
    photo = image_bytes("PNG", size=(1400, 700), color="teal") if data is None else data
    dialog.get_by_label("Image (JPEG, PNG, WebP or GIF").set_input_files(
        {"name": name, "mimeType": "image/png", "buffer": photo}
    )
    return dialog


def test_an_editor_inserts_an_image_in_the_admin_and_readers_see_a_figure(
    admin_page, article, editor, browser, live_server
):
    page = admin_page
    body = page.get_by_role("textbox", name="Body")
    body.press("End")
    dialog = choose_image(page)
    dialog.get_by_label("Description for readers").fill("Fishing boats at the quay")
    dialog.get_by_label("Caption").fill("The quay at six")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog).to_be_hidden()
    expect(body).to_have_value(
        re.compile(
            r"^Boats come in early\.\n\n"
            r'!\[Fishing boats at the quay\]\(image:\d+ "The quay at six"\)\n\n$'
        )
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    article.refresh_from_db()
    assert re.search(r"\(image:\d+ ", article.body_source)
    publish(Article.objects.get(pk=article.pk), by=editor)

    reader = browser.new_context(base_url=live_server.url).new_page()
    requested = []
    reader.on("request", lambda request: requested.append(request.url))
    reader.goto(article.get_absolute_url())
    figure = reader.locator("article figure.body-image")
    expect(figure.locator("figcaption")).to_have_text("The quay at six")
    image = figure.locator("img")
    expect(image).to_have_attribute("alt", "Fishing boats at the quay")
    expect(image).to_have_attribute("srcset", re.compile(r"320w, .*\.webp 1400w$"))
    assert all(url.startswith(live_server.url) for url in requested), requested
    reader.context.close()


def test_in_the_admin_an_image_without_a_description_is_not_uploaded(admin_page):
    page = admin_page
    dialog = choose_image(page)
    alt = dialog.get_by_label("Description for readers")
    expect(alt).to_have_attribute("required", "")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Describe the image before inserting it."
    )
    expect(alt).to_be_focused()
    expect(page.get_by_role("textbox", name="Body")).to_have_value(
        "Boats come in early."
    )


def test_in_the_admin_the_servers_refusal_of_a_hostile_file_is_shown(
    admin_page, browser_problems
):
    page = admin_page
    dialog = choose_image(page, name="page.png", data=b"<html><script>x()</script>")
    dialog.get_by_label("Description for readers").fill("Not a picture")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.get_by_role("alert")).to_contain_text(
        "Upload a JPEG, PNG, WebP or GIF image."
    )
    expect(page.get_by_role("textbox", name="Body")).to_have_value(
        "Boats come in early."
    )
    # The browser logs the expected 400 as a failed resource.
    browser_problems[:] = [p for p in browser_problems if "status of 400" not in p]


def test_the_admins_cancel_closes_the_dialog_and_inserts_nothing(admin_page):
    page = admin_page
    dialog = choose_image(page)
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("textbox", name="Body")).to_have_value(
        "Boats come in early."
    )
