"""Writing and saving an article from the dashboard."""

import pytest
from django.urls import reverse

from blog.models import Article, Tag
from editorial.forms import MAX_BODY_CHARS, DashboardArticleForm
from editorial.models import ArticleRevision, ArticleTransition
from editorial.workflow import save_draft
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory
from tests.imaging.images import store_image_for, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
Status = Article.Status
NEW_URL = reverse("editorial:article_create")


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        draft=True, author=writer, title="Draft", body_source="Old words."
    )


def edit_url(article):
    return reverse("editorial:article_edit", args=[article.pk])


def form_data(**changes):
    return {
        "title": "Sleep, explained",
        "summary": "Why we sleep.",
        "body_source": "## First\n\nSome *words*.\n\n## Second\n\n- one\n- two",
        "cover_alt": "",
        "category": "",
        "tag_names": "",
        "loaded_version": "0",  # the factories' articles have no revisions
        "save": "",
        **changes,
    }


def test_new_article_page_shows_the_form(signed_in):
    response = signed_in.get(NEW_URL)
    assert response.status_code == 200
    assert 'name="body_source"' in response.text


def test_saving_a_new_article_stores_a_draft_by_the_signed_in_author(signed_in, writer):
    signed_in.post(NEW_URL, form_data())
    article = Article.objects.get()
    assert (article.author, article.status) == (writer, Status.DRAFT)


def test_saving_redirects_to_the_articles_edit_page(signed_in):
    response = signed_in.post(NEW_URL, form_data())
    assert response.url == edit_url(Article.objects.get())


def test_markdown_is_rendered_into_the_stored_body(signed_in):
    signed_in.post(NEW_URL, form_data())
    body = Article.objects.get().body
    assert '<h2 id="first">First</h2>' in body
    assert "<em>words</em>" in body and "<li>one</li>" in body


def test_the_markdown_source_is_kept_for_the_next_edit(signed_in):
    signed_in.post(NEW_URL, form_data(body_source="> A quote"))
    article = Article.objects.get()
    assert article.body_source == "> A quote"
    assert "&gt; A quote" in signed_in.get(edit_url(article)).text


def test_saving_records_a_revision_by_the_author(signed_in, writer):
    signed_in.post(NEW_URL, form_data())
    assert ArticleRevision.objects.get().created_by == writer.user


def test_tags_are_matched_by_name_or_created(signed_in):
    TagFactory(name="Sleep")
    signed_in.post(NEW_URL, form_data(tag_names="sleep, Dreams, , dreams"))
    names = sorted(Article.objects.get().tags.values_list("name", flat=True))
    assert names == ["Dreams", "Sleep"]
    assert Tag.objects.count() == 2


def test_a_category_can_be_chosen(signed_in):
    category = CategoryFactory()
    signed_in.post(NEW_URL, form_data(category=category.pk))
    assert Article.objects.get().category == category


def test_editing_a_draft_changes_it(signed_in, draft):
    signed_in.post(edit_url(draft), form_data(title="Better title"))
    draft.refresh_from_db()
    assert draft.title == "Better title"


def test_edit_page_shows_the_editorial_warnings(signed_in, draft):
    response = signed_in.get(edit_url(draft))
    assert any(w.code == "short-body" for w in response.context["warnings"])


def test_edit_page_warns_of_a_typed_link_the_sanitiser_removed(signed_in):
    signed_in.post(NEW_URL, form_data(body_source="[x](javascript:alert(1))"))
    warnings = signed_in.get(edit_url(Article.objects.get())).context["warnings"]
    assert [w.where for w in warnings if w.code == "unsafe-link"] == [
        "link 1 (javascript:alert(1))"
    ]


def test_edit_page_shows_the_editors_latest_request(signed_in, writer):
    article = ArticleFactory(draft=True, author=writer, status=Status.CHANGES_REQUESTED)
    ArticleTransition.objects.create(
        article=article, to_status=Status.CHANGES_REQUESTED, note="Add sources."
    )
    assert "Add sources." in signed_in.get(edit_url(article)).text


def test_edit_page_links_the_preview_as_readers_see_it(signed_in, draft):
    assert draft.get_absolute_url() in signed_in.get(edit_url(draft)).text


def test_preview_button_shows_the_sanitised_html(signed_in, draft):
    response = signed_in.post(
        edit_url(draft),
        {**form_data(body_source="## Seen <script>x()</script>"), "preview": ""},
    )
    assert response.status_code == 200
    assert '<h2 id="seen">Seen' in response.context["preview"]
    assert "<script>" not in response.context["preview"]


def test_preview_does_not_change_the_article(signed_in, draft):
    data = {**form_data(title="Not yet"), "preview": ""}
    del data["save"]
    signed_in.post(edit_url(draft), data)
    draft.refresh_from_db()
    assert draft.title == "Draft"


def test_changes_requested_article_can_be_edited(signed_in, writer):
    article = ArticleFactory(draft=True, author=writer, status=Status.CHANGES_REQUESTED)
    signed_in.post(edit_url(article), form_data(title="Revised"))
    article.refresh_from_db()
    assert article.title == "Revised"


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED])
def test_article_in_review_or_published_shows_why_it_is_read_only(
    signed_in, writer, status
):
    article = ArticleFactory(author=writer, status=status)
    response = signed_in.get(edit_url(article))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "only editors" in response.text or "in review" in response.text


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED])
def test_post_to_an_article_in_review_or_published_is_refused_unchanged(
    signed_in, writer, status
):
    article = ArticleFactory(author=writer, status=status, title="Kept")
    response = signed_in.post(edit_url(article), form_data(title="Changed"))
    article.refresh_from_db()
    assert response.status_code == 403
    assert article.title == "Kept"


def test_another_authors_article_is_not_found(signed_in):
    other = ArticleFactory(draft=True)
    assert signed_in.get(edit_url(other)).status_code == 404


def test_a_post_to_another_authors_article_is_not_found_and_changes_nothing(
    signed_in,
):
    other = ArticleFactory(draft=True, title="Theirs")
    response = signed_in.post(edit_url(other), form_data(title="Mine now"))
    other.refresh_from_db()
    assert (response.status_code, other.title) == (404, "Theirs")


def test_a_nonexistent_article_is_not_found(signed_in):
    url = reverse("editorial:article_edit", args=[999_999])
    assert signed_in.get(url).status_code == 404


# Bad input


def test_a_body_over_the_limit_is_a_clear_error_and_nothing_is_saved(signed_in):
    response = signed_in.post(
        NEW_URL, form_data(body_source="a" * (MAX_BODY_CHARS + 1))
    )
    assert "the most is 200,000" in response.context["form"].errors["body_source"][0]
    assert not Article.objects.exists()


def test_a_100000_character_body_is_accepted(signed_in):
    body = ("word " * 20_000).strip()
    signed_in.post(NEW_URL, form_data(body_source=body))
    assert Article.objects.get().body_text.count("word") == 20_000


def test_scripts_and_event_handlers_are_stored_sanitised(signed_in):
    source = (
        '<script>alert(1)</script><abbr title="x" onmouseover="evil()">x</abbr>'
        '\n\n<a href="javascript:evil()" onclick="evil()">link</a>'
    )
    signed_in.post(NEW_URL, form_data(body_source=source))
    body = Article.objects.get().body
    assert "<script" not in body
    assert "onmouseover" not in body and "onclick" not in body
    assert "javascript:" not in body


def test_scripts_in_the_source_are_shown_as_text_in_the_editor(signed_in):
    signed_in.post(NEW_URL, form_data(body_source="Hi <script>alert(1)</script>"))
    text = signed_in.get(edit_url(Article.objects.get())).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)" not in text


def test_a_cover_needs_alt_text(signed_in):
    response = signed_in.post(NEW_URL, form_data(cover=upload()))
    assert "cover_alt" in response.context["form"].errors
    assert not Article.objects.exists()


def test_a_cover_with_alt_text_is_stored_with_renditions(signed_in):
    signed_in.post(NEW_URL, form_data(cover=upload(), cover_alt="A red square"))
    article = Article.objects.get()
    assert article.cover and article.cover_widths


def test_a_broken_cover_is_a_form_error_and_nothing_is_saved(signed_in):
    broken = upload(b"<html></html>", "page.jpg")
    response = signed_in.post(NEW_URL, form_data(cover=broken, cover_alt="x"))
    assert response.context["form"].errors["cover"]
    assert not Article.objects.exists()


def test_an_oversized_cover_is_a_form_error(signed_in, monkeypatch):
    monkeypatch.setattr("imaging.processing.MAX_BYTES", 100)
    response = signed_in.post(NEW_URL, form_data(cover=upload(), cover_alt="x"))
    assert response.context["form"].errors["cover"]
    assert not Article.objects.exists()


def test_a_missing_title_is_a_form_error(signed_in):
    response = signed_in.post(NEW_URL, form_data(title=""))
    assert response.context["form"].errors["title"]
    assert not Article.objects.exists()


def test_an_unusable_tag_is_a_form_error(signed_in):
    response = signed_in.post(NEW_URL, form_data(tag_names="ok, !!!"))
    assert response.context["form"].errors["tag_names"]
    assert not Tag.objects.exists()


def test_a_draft_submitted_meanwhile_is_not_overwritten(draft):
    form = DashboardArticleForm(form_data(title="Stale"), instance=draft)
    assert form.is_valid()
    Article.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    assert save_draft(form, by=draft.author.user) is None
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Draft", Status.PUBLISHED)


def test_an_image_from_another_address_is_refused_with_a_clear_message(signed_in):
    response = signed_in.post(
        NEW_URL, form_data(body_source="![A chart](https://x.test/c.png)")
    )
    assert "Image 1 comes from another address" in response.text
    assert not Article.objects.exists()


def test_a_library_image_is_stored_as_a_figure_with_its_renditions(signed_in, writer):
    image = store_image_for(writer.user, alt="A chart")
    signed_in.post(NEW_URL, form_data(body_source=f"{image.markdown('Sales')}"))
    body = Article.objects.get().body
    assert f'<figure class="body-image"><img src="{image.file.url}"' in body
    assert 'srcset="' in body and 'width="800" height="600"' in body
    assert "<figcaption>Sales</figcaption>" in body


def test_an_image_of_another_authors_library_is_refused(signed_in):
    image = store_image_for(AuthorFactory().user, alt="Theirs")
    response = signed_in.post(NEW_URL, form_data(body_source=image.markdown()))
    assert "in another author&#x27;s library" in response.text
    assert not Article.objects.exists()


def test_an_image_that_does_not_exist_is_refused(signed_in):
    response = signed_in.post(NEW_URL, form_data(body_source="![Gone](image:999)"))
    assert "Image 1 (image:999) does not exist" in response.text


def test_the_authors_markdown_is_offered_while_it_matches_the_body(signed_in):
    signed_in.post(NEW_URL, form_data(body_source="## Part\n\nText"))
    article = Article.objects.get()
    form = signed_in.get(edit_url(article)).context["form"]
    assert form.initial["body_source"] == "## Part\n\nText"


def test_a_body_changed_in_the_admin_is_offered_as_the_same_markdown(signed_in, draft):
    draft.body_source = "An editor's *fix*."
    draft.save()
    form = signed_in.get(edit_url(draft)).context["form"]
    assert form.initial["body_source"] == "An editor's *fix*."


def test_opening_the_editor_sanitises_nothing_and_runs_markdown_at_most_once(
    signed_in, draft, monkeypatch
):
    import bleach
    import markdown

    calls = {"sanitize": 0, "markdown": 0}
    real_clean, real_markdown = bleach.Cleaner.clean, markdown.markdown

    def clean(self, text):
        calls["sanitize"] += 1
        return real_clean(self, text)

    def render(*args, **kwargs):
        calls["markdown"] += 1
        return real_markdown(*args, **kwargs)

    monkeypatch.setattr(bleach.Cleaner, "clean", clean)
    monkeypatch.setattr(markdown, "markdown", render)
    assert signed_in.get(edit_url(draft)).status_code == 200
    # The checks read the stored body; Markdown only finds the links as typed.
    assert calls["sanitize"] == 0
    assert calls["markdown"] <= 1


def test_the_formatting_toolbar_sits_right_above_the_body(signed_in):
    text = signed_in.get(NEW_URL).text
    assert text.count("data-editor-toolbar") == 1
    toolbar = text.index("data-editor-toolbar")
    assert text.index('name="summary"') < toolbar < text.index('name="body_source"')
