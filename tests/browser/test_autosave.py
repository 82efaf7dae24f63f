"""Autosave in a real browser: the typed text survives a reload."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from blog.models import Article
from editorial.models import ArticleAutosave
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.browser

NEW_URL = "/dashboard/articles/new/"
STATUS = "[data-autosave-status]"


def sign_in(page, live_server, writer):
    """Give the browser the session of `writer`."""
    client = Client()
    client.force_login(writer.user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session}
    page.context.add_cookies([{**cookie, "url": live_server.url}])


@pytest.fixture
def writer():
    return AuthorFactory(user__groups=["Authors"], user__email_verified=True)


@pytest.fixture
def editor(page, live_server, writer):
    """The new-article page of a signed-in author, its scripts ready."""
    sign_in(page, live_server, writer)
    page.goto(NEW_URL)
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    return page


def body(page):
    return page.get_by_role("textbox", name="Body")


def test_autosave_survives_a_page_reload(editor):
    dialogs = []
    editor.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    body(editor).click()
    body(editor).fill("Words I must not lose.")
    expect(editor.locator(STATUS)).to_contain_text("Saved just now", timeout=15_000)

    editor.reload()
    expect(editor.get_by_text("was never saved as a draft")).to_be_visible()
    expect(body(editor)).to_have_value("")
    editor.get_by_role("link", name="Restore it").click()
    expect(body(editor)).to_have_value("Words I must not lose.")
    assert dialogs == []  # everything typed was autosaved: no question asked


def test_an_autosaved_edit_of_a_draft_is_offered_after_a_reload_and_saved(
    page, live_server, writer
):
    draft = ArticleFactory(draft=True, author=writer, body_source="Saved text.")
    sign_in(page, live_server, writer)
    page.goto(f"/dashboard/articles/{draft.pk}/edit/")
    body(page).fill("Saved text, and more.")
    expect(page.locator(STATUS)).to_contain_text("Saved just now", timeout=15_000)

    page.reload()
    expect(page.get_by_text("is newer than the saved draft")).to_be_visible()
    expect(body(page)).to_have_value("Saved text.")
    page.get_by_role("link", name="Restore it").click()
    expect(body(page)).to_have_value("Saved text, and more.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    expect(page.get_by_text("is newer than the saved draft")).to_have_count(0)
    assert Article.objects.get(pk=draft.pk).body_source == "Saved text, and more."
    assert not ArticleAutosave.objects.exists()


def test_the_page_says_how_long_ago_it_saved(page, live_server, writer):
    sign_in(page, live_server, writer)
    page.clock.install()  # before the page's timers start
    page.goto(NEW_URL)
    body(page).fill("Words.")
    page.clock.run_for(3_500)
    expect(page.locator(STATUS)).to_contain_text("Saved just now")
    page.clock.run_for(20_000)
    expect(page.locator(STATUS)).to_contain_text("Saved 20 seconds ago")
    page.clock.run_for(60_000)
    expect(page.locator(STATUS)).to_contain_text("Saved 1 minute ago")


def test_leaving_the_page_loses_focus_saves_at_once(editor):
    body(editor).fill("Saved on blur.")
    editor.get_by_role("textbox", name="Title").focus()
    expect(editor.locator(STATUS)).to_contain_text("Saved just now", timeout=2_000)
    assert ArticleAutosave.objects.get().body_source == "Saved on blur."


def test_leaving_with_text_not_yet_autosaved_asks_first(editor):
    asked = []

    def on_dialog(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    editor.on("dialog", on_dialog)
    body(editor).click()  # browsers ask only on a page the user has touched
    body(editor).fill("Not autosaved yet.")
    editor.get_by_role("link", name="← Your articles").click()
    assert asked == ["beforeunload"]
    expect(body(editor)).to_have_value("Not autosaved yet.")


def test_saving_the_draft_does_not_ask_and_empties_the_slot(editor):
    editor.on("dialog", lambda dialog: pytest.fail(f"asked: {dialog.message}"))
    editor.get_by_role("textbox", name="Title").fill("A title")
    body(editor).fill("Saved for real.")
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.get_by_text("Draft saved.")).to_be_visible()
    assert not ArticleAutosave.objects.exists()


def test_a_locked_article_is_not_autosaved_and_the_page_says_why(
    page, live_server, writer, browser_problems
):
    draft = ArticleFactory(draft=True, author=writer, title="Mine")
    sign_in(page, live_server, writer)
    page.goto(f"/dashboard/articles/{draft.pk}/edit/")
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.SUBMITTED)
    body(page).fill("Too late.")
    page.get_by_role("textbox", name="Title").focus()
    status = page.locator(STATUS)
    expect(status).to_contain_text("Not saved: This article is submitted")
    assert not ArticleAutosave.objects.exists()
    # The browser reports the refused request; that refusal is the point here.
    browser_problems[:] = [p for p in browser_problems if "403" not in p]
