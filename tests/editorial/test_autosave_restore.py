"""Reopening the editor: the autosaved text offered, restored or discarded."""

import pytest
from django.urls import reverse

from blog.models import Article
from editorial.autosave import autosave_for
from editorial.models import ArticleAutosave
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    RevisionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Status = Article.Status
DISCARD_URL = reverse("editorial:autosave_discard")
NEW_URL = reverse("editorial:article_create")
OFFER = "is newer than the saved draft"


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        draft=True, author=writer, title="Draft", summary="", body_source="Old."
    )


def edit_url(article, **query):
    url = reverse("editorial:article_edit", args=[article.pk])
    return url + ("?restore=autosave" if query.get("restore") else "")


def slot_for(article, **fields):
    values = {
        "title": article.title if article else "",
        "summary": "",
        "body_source": "Typed, never saved.",
        **fields,
    }
    user = article.author.user if article else fields.pop("user")
    return ArticleAutosave.objects.create(user=user, article=article, **values)


def test_the_edit_page_offers_autosaved_text_newer_than_the_draft(signed_in, draft):
    slot_for(draft)
    response = signed_in.get(edit_url(draft))
    assert OFFER in response.text
    assert 'href="?restore=autosave"' in response.text
    assert DISCARD_URL in response.text


def test_no_offer_when_the_slot_holds_what_is_saved(signed_in, draft):
    slot_for(draft, body_source="Old.")
    assert OFFER not in signed_in.get(edit_url(draft)).text


def test_tags_in_another_order_or_case_are_the_same_text(signed_in, draft):
    draft.tags.add(TagFactory(name="Sleep"), TagFactory(name="rest"))
    slot_for(draft, body_source="Old.", tag_names="Rest,  sleep")
    assert OFFER not in signed_in.get(edit_url(draft)).text


def test_another_category_is_newer_text(signed_in, draft):
    slot_for(draft, body_source="Old.", category=CategoryFactory())
    assert OFFER in signed_in.get(edit_url(draft)).text


def test_the_new_article_page_offers_any_slot_of_its_own(signed_in, writer):
    ArticleAutosave.objects.create(user=writer.user, body_source="Typed.")
    response = signed_in.get(NEW_URL)
    assert "was never saved as a draft" in response.text


def test_restoring_fills_the_form_and_saves_nothing(signed_in, draft):
    category = CategoryFactory()
    slot_for(draft, title="New title", tag_names="a, b", category=category)
    form = signed_in.get(edit_url(draft, restore=True)).context["form"]
    assert form.initial["body_source"] == "Typed, never saved."
    assert form.initial["title"] == "New title"
    assert form.initial["tag_names"] == "a, b"
    assert form.initial["category"] == category.pk
    draft.refresh_from_db()
    assert draft.body_source == "Old."


def test_restoring_says_the_text_is_not_saved_yet(signed_in, draft):
    slot_for(draft)
    response = signed_in.get(edit_url(draft, restore=True))
    assert "It is not saved as a draft until you save it" in response.text
    assert 'href="?restore=autosave"' not in response.text


def test_restoring_keeps_the_version_the_text_was_typed_on(signed_in, draft):
    typed_on = RevisionFactory(article=draft)
    RevisionFactory(article=draft)  # saved by someone since
    slot_for(draft, loaded_version=typed_on.pk)
    form = signed_in.get(edit_url(draft, restore=True)).context["form"]
    assert form["loaded_version"].value() == typed_on.pk


def test_a_restored_text_typed_on_an_older_version_is_not_saved_over_it(
    signed_in, draft
):
    typed_on = RevisionFactory(article=draft)
    RevisionFactory(article=draft, body="<p>Someone else's.</p>")
    slot_for(draft, loaded_version=typed_on.pk)
    form = signed_in.get(edit_url(draft, restore=True)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "cover"}
    response = signed_in.post(edit_url(draft), {**data, "save": ""})
    assert response.status_code != 302
    draft.refresh_from_db()
    assert draft.body_source == "Old."


def test_restoring_without_a_slot_says_so(signed_in, draft):
    response = signed_in.get(edit_url(draft, restore=True))
    assert "There is no autosaved text to restore." in response.text
    assert response.context["form"].initial["body_source"] == "Old."


def test_a_locked_article_offers_nothing(signed_in, writer):
    submitted = ArticleFactory(author=writer, status=Status.SUBMITTED)
    slot_for(submitted)
    assert OFFER not in signed_in.get(edit_url(submitted)).text


def test_discarding_empties_the_slot_and_goes_back_to_the_article(
    signed_in, writer, draft
):
    slot_for(draft)
    response = signed_in.post(DISCARD_URL, {"article": draft.pk})
    assert response.url == edit_url(draft)
    assert autosave_for(user=writer.user, article=draft) is None


def test_discarding_the_new_articles_slot_goes_back_to_a_new_article(signed_in, writer):
    ArticleAutosave.objects.create(user=writer.user, body_source="Typed.")
    response = signed_in.post(DISCARD_URL)
    assert response.url == NEW_URL
    assert not ArticleAutosave.objects.exists()


def test_discarding_another_authors_slot_is_not_found(signed_in):
    theirs = ArticleFactory(draft=True)
    slot_for(theirs)
    assert signed_in.post(DISCARD_URL, {"article": theirs.pk}).status_code == 404
    assert ArticleAutosave.objects.exists()


@pytest.mark.parametrize("article", ["abc", "²", "1\x00"])
def test_discarding_with_a_malformed_id_is_not_found(signed_in, article):
    assert signed_in.post(DISCARD_URL, {"article": article}).status_code == 404


def test_discarding_is_a_post(signed_in):
    assert signed_in.get(DISCARD_URL).status_code == 405


def test_discarding_sends_anonymous_visitors_to_sign_in(client):
    assert client.post(DISCARD_URL).status_code == 302


def test_discarding_is_refused_to_a_user_without_an_author_profile(client):
    client.force_login(UserFactory())
    assert client.post(DISCARD_URL).status_code == 403
