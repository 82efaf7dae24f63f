"""Autosave: the editor's text kept in one slot per writer and article."""

import pytest
from django.urls import reverse

from blog.models import Article
from editorial.autosave import autosave_for
from editorial.models import ArticleAutosave
from editorial.views.autosave import MAX_AUTOSAVE_REQUEST
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
URL = reverse("editorial:autosave")
DISCARD_URL = reverse("editorial:autosave_discard")
NEW_URL = reverse("editorial:article_create")


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        draft=True, author=writer, title="Draft", body_source="Old words."
    )


def edit_url(article):
    return reverse("editorial:article_edit", args=[article.pk])


def typed(article=None, **changes):
    data = {
        "title": "Draft",
        "summary": "",
        "body_source": "New words, typed.",
        "tag_names": "",
        "category": "",
        "loaded_version": "0",
        **changes,
    }
    if article is not None:
        data["article"] = str(article.pk)
    return data


def test_autosave_keeps_the_typed_text_and_says_when(signed_in, writer, draft):
    response = signed_in.post(URL, typed(draft))
    assert response.status_code == 200
    slot = autosave_for(user=writer.user, article=draft)
    assert slot.body_source == "New words, typed."
    assert response.json()["saved_at"] == slot.saved_at.isoformat()


def test_autosave_leaves_the_article_and_its_revisions_alone(signed_in, draft):
    signed_in.post(URL, typed(draft))
    draft.refresh_from_db()
    assert draft.body_source == "Old words."
    assert not draft.revisions.exists()


def test_saving_again_replaces_the_one_slot(signed_in, writer, draft):
    signed_in.post(URL, typed(draft, body_source="First."))
    signed_in.post(URL, typed(draft, body_source="Second."))
    slots = ArticleAutosave.objects.filter(user=writer.user)
    assert [slot.body_source for slot in slots] == ["Second."]


def test_a_new_article_has_one_slot_of_its_own(signed_in, writer):
    signed_in.post(URL, typed(body_source="First."))
    signed_in.post(URL, typed(body_source="Second."))
    slot = ArticleAutosave.objects.get(user=writer.user)
    assert slot.article is None
    assert slot.body_source == "Second."


def test_the_slot_keeps_the_category_tags_and_version(signed_in, writer, draft):
    category = CategoryFactory()
    data = typed(draft, category=category.pk, tag_names="sleep, rest")
    signed_in.post(URL, {**data, "loaded_version": "7"})
    slot = autosave_for(user=writer.user, article=draft)
    assert (slot.category, slot.tag_names, slot.loaded_version) == (
        category,
        "sleep, rest",
        7,
    )


def test_another_authors_article_is_not_found(signed_in):
    theirs = ArticleFactory(draft=True)
    response = signed_in.post(URL, typed(theirs))
    assert response.status_code == 404
    assert "error" in response.json()
    assert not ArticleAutosave.objects.exists()


def test_an_article_in_review_is_refused_with_the_reason(signed_in, writer):
    submitted = ArticleFactory(author=writer, status=Status.SUBMITTED)
    response = signed_in.post(URL, typed(submitted))
    assert response.status_code == 403
    assert "only editors" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_a_published_article_is_refused(signed_in, writer):
    published = ArticleFactory(author=writer)
    assert signed_in.post(URL, typed(published)).status_code == 403


def test_a_body_over_the_limit_is_a_clear_error_and_nothing_is_kept(signed_in):
    response = signed_in.post(URL, typed(body_source="x" * 200_001))
    assert response.status_code == 400
    assert response.json()["error"].startswith("Body:")
    assert not ArticleAutosave.objects.exists()


def test_a_huge_request_is_refused_from_its_length_before_reading_it(signed_in):
    response = signed_in.generic(
        "POST",
        URL,
        "x" * (MAX_AUTOSAVE_REQUEST + 1),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "too long" in response.json()["error"]


@pytest.mark.parametrize("field", ["title", "summary", "body_source", "tag_names"])
def test_a_nul_byte_is_refused_and_nothing_is_kept(signed_in, field):
    response = signed_in.post(URL, typed(**{field: "before\x00after"}))
    assert response.status_code == 400
    assert "Null characters" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_a_title_over_its_limit_is_refused(signed_in):
    response = signed_in.post(URL, typed(title="t" * 201))
    assert response.status_code == 400
    assert response.json()["error"].startswith("Title:")


def test_an_unknown_category_is_refused(signed_in):
    assert signed_in.post(URL, typed(category="999999")).status_code == 400


@pytest.mark.parametrize("field", ["article", "category", "loaded_version"])
def test_a_number_too_large_for_the_database_is_refused(signed_in, field):
    response = signed_in.post(URL, {**typed(), field: "9" * 30})
    assert response.status_code == 400
    assert not ArticleAutosave.objects.exists()


@pytest.mark.parametrize("article", ["abc", "-1", "0", "1e9", "²"])
def test_a_malformed_article_id_is_refused(signed_in, article):
    response = signed_in.post(URL, {**typed(), "article": article})
    assert response.status_code == 400


def test_html_and_scripts_are_kept_as_text(signed_in, writer):
    hostile = '<script>alert(1)</script><img src=x onerror="x()">'
    signed_in.post(URL, typed(title=hostile, body_source=hostile))
    assert ArticleAutosave.objects.get(user=writer.user).body_source == hostile


def test_the_slot_is_checked_against_csrf(writer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(writer.user)
    assert client.post(URL, typed()).status_code == 403
    assert not ArticleAutosave.objects.exists()


def test_anonymous_visitors_are_told_they_are_signed_out(client):
    response = client.post(URL, typed())
    assert response.status_code == 403
    assert "signed out" in response.json()["error"]


def test_a_user_without_an_author_profile_is_refused(client):
    client.force_login(UserFactory())
    response = client.post(URL, typed())
    assert response.status_code == 403
    assert not ArticleAutosave.objects.exists()


def test_autosave_answers_only_posts(signed_in):
    assert signed_in.get(URL).status_code == 405


def test_saving_the_draft_empties_the_slot(signed_in, writer, draft):
    signed_in.post(URL, typed(draft))
    data = {**typed(), "body_source": "Saved words.", "save": ""}
    assert signed_in.post(edit_url(draft), data).status_code == 302
    assert autosave_for(user=writer.user, article=draft) is None


def test_saving_a_new_article_empties_the_new_articles_slot(signed_in, writer):
    signed_in.post(URL, typed())
    data = {**typed(), "save": ""}
    assert signed_in.post(NEW_URL, data).status_code == 302
    assert not ArticleAutosave.objects.filter(user=writer.user).exists()


def test_saving_a_draft_keeps_the_slot_of_another_article(signed_in, writer, draft):
    signed_in.post(URL, typed())  # a new article, typed in another tab
    signed_in.post(edit_url(draft), {**typed(), "save": ""})
    assert autosave_for(user=writer.user, article=None) is not None


def test_a_preview_keeps_the_slot(signed_in, writer, draft):
    signed_in.post(URL, typed(draft))
    signed_in.post(edit_url(draft), {**typed(), "preview": ""})
    assert autosave_for(user=writer.user, article=draft) is not None


def test_slots_of_other_writers_are_their_own(signed_in, writer, draft):
    other = AuthorFactory(user__groups=["Authors"])
    ArticleAutosave.objects.create(user=other.user, body_source="Theirs.")
    signed_in.post(URL, typed(body_source="Mine."))
    assert ArticleAutosave.objects.get(user=other.user).body_source == "Theirs."
    assert autosave_for(user=writer.user, article=None).body_source == "Mine."
