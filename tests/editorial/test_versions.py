"""No silent overwrites: a save over a newer version is refused with a diff."""

import re

import pytest
from django.urls import reverse

from blog.models import Article
from editorial.forms import DashboardArticleForm
from editorial.revisions import record_revision
from editorial.versions import current_version
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def draft(writer):
    article = ArticleFactory(
        draft=True,
        author=writer,
        title="Tides",
        summary="",
        body_source="The moon pulls the sea.\n\nTwice a day.",
    )
    record_revision(article, by=writer.user)
    return article


def edit_url(article):
    return reverse("editorial:article_edit", args=[article.pk])


def dashboard_data(article, version, **changes):
    return {
        "title": article.title,
        "summary": article.summary,
        "body_source": article.body_source,
        "cover_alt": "",
        "category": "",
        "tag_names": "",
        "loaded_version": str(version),
        "save": "",
        **changes,
    }


def someone_else_saves(article, **changes):
    """Another person's save of the article, recorded as a revision."""
    other = UserFactory(username="colleague")
    for name, value in changes.items():
        setattr(article, name, value)
    article.save()
    return record_revision(article, by=other)


def loaded_version_in(html):
    return int(re.search(r'name="loaded_version" value="(\d+)"', html).group(1))


def test_an_article_without_revisions_is_at_version_zero():
    assert current_version(ArticleFactory()) == 0


def test_the_version_is_the_latest_revision(draft):
    revision = someone_else_saves(draft, title="Tides, again")
    assert current_version(draft) == revision.pk


def test_the_edit_page_carries_the_version_it_was_loaded_from(signed_in, draft):
    response = signed_in.get(edit_url(draft))
    assert loaded_version_in(response.text) == current_version(draft)


def test_saving_from_the_current_version_goes_through(signed_in, draft):
    version = current_version(draft)
    signed_in.post(edit_url(draft), dashboard_data(draft, version, title="Moons"))
    draft.refresh_from_db()
    assert draft.title == "Moons"


def test_saving_over_a_newer_version_is_refused_with_a_conflict_status(
    signed_in, draft
):
    loaded = current_version(draft)
    someone_else_saves(draft, title="Their title")
    response = signed_in.post(
        edit_url(draft), dashboard_data(draft, loaded, title="My title")
    )
    assert response.status_code == 409


def test_a_refused_save_leaves_the_other_persons_text_in_place(signed_in, draft):
    loaded = current_version(draft)
    someone_else_saves(draft, body_source="Their words.")
    signed_in.post(edit_url(draft), dashboard_data(draft, loaded, body_source="Mine."))
    draft.refresh_from_db()
    assert draft.body_source == "Their words."


def test_a_refused_save_keeps_the_writers_text_in_the_form(signed_in, draft):
    loaded = current_version(draft)
    someone_else_saves(draft, body_source="Their words.")
    response = signed_in.post(
        edit_url(draft), dashboard_data(draft, loaded, body_source="My own words.")
    )
    form = response.context["form"]
    assert form["body_source"].value() == "My own words."


def test_a_refused_save_says_who_saved_in_between(signed_in, draft):
    loaded = current_version(draft)
    someone_else_saves(draft, title="Their title")
    response = signed_in.post(edit_url(draft), dashboard_data(draft, loaded))
    assert "colleague saved this article after you opened it" in response.text


def test_a_refused_save_shows_what_changed_since_as_a_diff(signed_in, draft):
    loaded = current_version(draft)
    someone_else_saves(draft, body_source="The moon pulls the ocean.\n\nTwice a day.")
    response = signed_in.post(edit_url(draft), dashboard_data(draft, loaded))
    assert "<del>sea.</p></del><ins>ocean.</p></ins>" in response.text.replace(
        "&lt;", "<"
    ).replace("&gt;", ">")


def test_a_refused_save_shows_the_other_body_to_copy_from(signed_in, draft):
    loaded = current_version(draft)
    someone_else_saves(draft, body_source="Their <b>words</b>.")
    response = signed_in.post(edit_url(draft), dashboard_data(draft, loaded))
    assert 'id="conflict-their-body"' in response.text
    assert "Their &lt;b&gt;words&lt;/b&gt;." in response.text


def test_the_refused_form_carries_the_newer_version(signed_in, draft):
    loaded = current_version(draft)
    theirs = someone_else_saves(draft, title="Their title")
    response = signed_in.post(edit_url(draft), dashboard_data(draft, loaded))
    assert loaded_version_in(response.text) == theirs.pk


def test_saving_again_after_merging_keeps_both_versions_in_the_revisions(
    signed_in, draft
):
    loaded = current_version(draft)
    theirs = someone_else_saves(draft, body_source="Their words.")
    merged = "Their words.\n\nAnd mine."
    signed_in.post(edit_url(draft), dashboard_data(draft, loaded, body_source="Mine"))
    signed_in.post(
        edit_url(draft), dashboard_data(draft, theirs.pk, body_source=merged)
    )
    draft.refresh_from_db()
    sources = list(draft.revisions.values_list("body_source", flat=True))
    assert draft.body_source == merged
    assert sources[:2] == [merged, "Their words."]


def test_a_form_without_its_version_is_refused_with_a_clear_message(draft):
    data = dashboard_data(draft, 0)
    del data["loaded_version"]
    form = DashboardArticleForm(data, instance=draft)
    assert not form.is_valid()
    assert "missing the version it was loaded from" in str(form.non_field_errors())


def test_a_version_too_large_for_the_database_is_a_form_error(draft):
    form = DashboardArticleForm(dashboard_data(draft, 2**64), instance=draft)
    assert not form.is_valid()
    assert "loaded_version" in form.errors


def test_a_new_article_needs_no_version(signed_in):
    data = dashboard_data(Article(title="New", summary="", body_source="Hi."), 0)
    del data["loaded_version"]
    signed_in.post(reverse("editorial:article_create"), data)
    assert Article.objects.filter(title="New").exists()


def test_a_save_that_changes_nothing_keeps_the_version(signed_in, draft):
    version = current_version(draft)
    signed_in.post(edit_url(draft), dashboard_data(draft, version))
    assert current_version(draft) == version


def test_a_preview_over_a_newer_version_shows_the_conflict_too(signed_in, draft):
    loaded = current_version(draft)
    someone_else_saves(draft, title="Their title")
    data = dashboard_data(draft, loaded, preview="")
    del data["save"]
    response = signed_in.post(edit_url(draft), data)
    assert response.status_code == 409


# The editors' admin


def admin_data(article, version, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "author": article.author_id,
        "summary": article.summary,
        "body_source": article.body_source,
        "cover_alt": "",
        "comments_enabled": "on",
        "loaded_version": str(version),
        "slug_redirects-TOTAL_FORMS": "0",
        "slug_redirects-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def admin_url(article):
    return reverse("admin:blog_article_change", args=[article.pk])


def test_the_admin_change_form_carries_the_version(client, editor, draft):
    client.force_login(editor)
    response = client.get(admin_url(draft))
    assert loaded_version_in(response.text) == current_version(draft)


def test_the_admin_saves_from_the_current_version(client, editor, draft):
    client.force_login(editor)
    data = admin_data(draft, current_version(draft), title="Edited")
    response = client.post(admin_url(draft), data)
    assert response.status_code == 302


def test_the_admin_refuses_a_save_over_a_newer_version(client, editor, draft):
    loaded = current_version(draft)
    someone_else_saves(draft, body_source="Their words.")
    client.force_login(editor)
    response = client.post(admin_url(draft), admin_data(draft, loaded, title="Mine"))
    draft.refresh_from_db()
    assert (response.status_code, draft.title) == (200, "Tides")
    assert "colleague saved this article after you opened it" in response.text


def test_the_admin_shows_the_diff_and_the_other_body_after_a_refusal(
    client, editor, draft
):
    loaded = current_version(draft)
    someone_else_saves(draft, body_source="Their words.")
    client.force_login(editor)
    response = client.post(admin_url(draft), admin_data(draft, loaded, title="Mine"))
    assert 'class="version-conflict"' in response.text
    assert ">Their words.</textarea>" in response.text
