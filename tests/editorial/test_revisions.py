import pytest
from django import forms
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Article
from editorial.diff import diff_revisions
from editorial.models import ArticleRevision
from editorial.revisions import record_revision, restore_revision
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    RevisionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:blog_article_change", args=[article.pk])


def revisions_url(article):
    return reverse("admin:blog_article_revisions", args=[article.pk])


def diff_url(article, revision):
    return reverse("admin:blog_article_revision_diff", args=[article.pk, revision.pk])


def restore_url(article, revision):
    return reverse(
        "admin:blog_article_revision_restore", args=[article.pk, revision.pk]
    )


def bound_data(form):
    """What a browser posts back for a form as the admin rendered it."""
    data = {}
    for bound in form:
        value, widget = bound.value(), bound.field.widget
        if isinstance(widget, forms.MultiWidget):  # split date and time
            for i, part in enumerate(widget.decompress(value)):
                data[f"{bound.html_name}_{i}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif value is not None and not isinstance(value, FieldFile):
            data[bound.html_name] = value
    return data


def admin_save(client, article, **changes):
    """Post the article's change form, as shown, with some values changed."""
    page = client.get(change_url(article)).context
    data = bound_data(page["adminform"].form)
    for inline in page["inline_admin_formsets"]:
        data |= bound_data(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= bound_data(form)
    return client.post(change_url(article), data | changes)


def author_in_admin(client):
    author = AuthorFactory(user__is_staff=True)
    author.user.groups.add(Group.objects.get(name="Authors"))
    client.force_login(author.user)
    return author


def test_saving_an_article_in_the_admin_records_a_revision(client, editor):
    article = ArticleFactory(title="Old title")
    client.force_login(editor)
    response = admin_save(client, article, title="New title")
    assert response.status_code == 302
    revision = article.revisions.get()
    assert (revision.title, revision.created_by) == ("New title", editor)


def test_saving_again_without_changes_records_no_new_revision(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    admin_save(client, article, title="Changed once")
    admin_save(client, article)
    assert article.revisions.count() == 1


def test_a_revision_keeps_category_tags_and_cover_alt():
    category, tags = CategoryFactory(), TagFactory.create_batch(2)
    article = ArticleFactory(category=category, tags=tags, cover_alt="A red field")
    revision = record_revision(article, by=None)
    assert (revision.category, sorted(revision.tag_ids), revision.cover_alt) == (
        category,
        sorted(tag.pk for tag in tags),
        "A red field",
    )


def test_a_changed_tag_alone_records_a_new_revision():
    article = ArticleFactory()
    record_revision(article, by=None)
    article.tags.add(TagFactory())
    assert record_revision(article, by=None) is not None


def test_diff_marks_removed_and_added_words():
    old = ArticleRevision(title="A quick fox", body="<p>One.</p>")
    new = ArticleRevision(title="A slow fox", body="<p>One.</p>")
    title = diff_revisions(old, new).fields[0]
    assert "<del>quick</del><ins>slow</ins>" in title.html


def test_diff_of_a_body_with_a_script_shows_it_as_text(client, editor):
    revision = RevisionFactory(body="<p>Hi</p><script>alert(1)</script>")
    client.force_login(editor)
    response = client.get(diff_url(revision.article, revision))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert(1)" not in response.text


def test_diff_of_a_100000_character_body_is_shown(client, editor):
    paragraphs = [f"<p>Paragraph {n} {'word ' * 15}</p>" for n in range(1200)]
    old = RevisionFactory(body="".join(paragraphs)[:100_000])
    paragraphs[600] = "<p>A changed paragraph.</p>"
    new = RevisionFactory(article=old.article, body="".join(paragraphs)[:100_000])
    client.force_login(editor)
    response = client.get(diff_url(new.article, new))
    assert response.status_code == 200
    assert "<ins>&lt;p&gt;A changed paragraph.&lt;/p&gt;</ins>" in response.text


def test_diff_of_a_huge_body_says_it_is_too_large(client, editor):
    old = RevisionFactory(body="<p>x</p>" * 20_000)
    new = RevisionFactory(article=old.article, body="<p>y</p>" * 20_000)
    client.force_login(editor)
    response = client.get(diff_url(new.article, new))
    assert "This diff is too large to show." in response.text


def test_restore_brings_back_the_old_content():
    category, tag = CategoryFactory(), TagFactory()
    article = ArticleFactory(title="First", category=category, tags=[tag])
    first = record_revision(article, by=None)
    Article.objects.filter(pk=article.pk).update(title="Second", category=None)
    article.tags.clear()
    restore_revision(first, by=None)
    article.refresh_from_db()
    assert (article.title, article.category, list(article.tags.all())) == (
        "First",
        category,
        [tag],
    )


def test_restore_records_a_new_revision_pointing_at_the_restored_one(editor):
    article = ArticleFactory(title="First")
    first = record_revision(article, by=None)
    article.title = "Second"
    article.save()
    record_revision(article, by=None)
    restored = restore_revision(first, by=editor)
    assert article.revisions.first() == restored
    assert (restored.title, restored.restored_from, restored.created_by) == (
        "First",
        first,
        editor,
    )


def test_restore_leaves_the_status_alone():
    article = ArticleFactory(draft=True)
    revision = RevisionFactory(article=article, title="Back")
    article.status = Article.Status.SUBMITTED
    article.save()
    restore_revision(revision, by=None)
    article.refresh_from_db()
    assert article.status == Article.Status.SUBMITTED


def test_restore_keeps_the_current_cover_when_the_old_file_is_gone():
    article = ArticleFactory()
    revision = RevisionFactory(article=article, cover="covers/gone.jpg", cover_alt="x")
    restore_revision(revision, by=None)
    article.refresh_from_db()
    assert (article.cover.name, article.cover_alt) == ("", "")


def test_editor_restores_a_revision_by_posting_the_confirmation(client, editor):
    article = ArticleFactory(title="Now")
    revision = RevisionFactory(article=article, title="Then")
    client.force_login(editor)
    response = client.post(restore_url(article, revision))
    article.refresh_from_db()
    assert response.status_code == 302
    assert article.title == "Then"


def test_restore_page_asks_first_and_changes_nothing(client, editor):
    article = ArticleFactory(title="Now")
    revision = RevisionFactory(article=article, title="Then")
    client.force_login(editor)
    response = client.get(restore_url(article, revision))
    article.refresh_from_db()
    assert "Yes, restore this revision" in response.text
    assert article.title == "Now"


def test_author_gets_403_when_restoring_a_revision_of_their_article(client):
    author = author_in_admin(client)
    article = ArticleFactory(author=author, title="Now")
    revision = RevisionFactory(article=article, title="Then")
    response = client.post(restore_url(article, revision))
    article.refresh_from_db()
    assert response.status_code == 403
    assert article.title == "Now"


def test_staff_without_article_permissions_gets_403_for_revisions(client):
    moderator = UserFactory(is_staff=True, groups=["Moderators"])
    revision = RevisionFactory()
    client.force_login(moderator)
    assert client.get(revisions_url(revision.article)).status_code == 403


@pytest.mark.parametrize("url", [diff_url, restore_url])
def test_a_revision_of_another_article_is_404(client, editor, url):
    article = ArticleFactory()
    foreign = RevisionFactory()
    client.force_login(editor)
    assert client.post(url(article, foreign)).status_code == 404
    assert client.get(url(article, foreign)).status_code == 404


def test_diff_compares_with_the_revision_saved_before(client, editor):
    first = RevisionFactory(title="Alpha")
    RevisionFactory(article=first.article, title="Beta")
    third = RevisionFactory(article=first.article, title="Gamma")
    client.force_login(editor)
    response = client.get(diff_url(third.article, third))
    diff = response.context["diff"].fields[0].html
    assert ("<del>Beta</del>" in diff, "<ins>Gamma</ins>" in diff) == (True, True)
    assert "Alpha" not in diff


def test_revisions_page_costs_the_same_queries_however_many_revisions(
    client, editor, django_assert_num_queries
):
    article = ArticleFactory()
    RevisionFactory.create_batch(2, article=article)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as few:
        client.get(revisions_url(article))
    RevisionFactory.create_batch(10, article=article)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(revisions_url(article))
    assert len(response.context["page"].object_list) == 12


def test_change_page_links_to_the_article_revisions(client, editor):
    revision = RevisionFactory()
    client.force_login(editor)
    response = client.get(change_url(revision.article))
    assert diff_url(revision.article, revision) in response.text
    assert revisions_url(revision.article) in response.text


def test_restoring_a_hostile_body_stores_it_sanitised():
    revision = RevisionFactory(
        body_source='<p onclick="x()">Hi</p><script>alert(1)</script>'
    )
    restore_revision(revision, by=None)
    revision.article.refresh_from_db()
    assert revision.article.body == "<p>Hi</p>"


def test_restore_brings_back_the_markdown_the_author_typed():
    article = ArticleFactory(body_source="Some *words*")
    revision = record_revision(article, by=None)
    Article.objects.filter(pk=article.pk).update(body_source="Other words")
    restore_revision(revision, by=None)
    article.refresh_from_db()
    assert article.body_source == "Some *words*"


def test_an_author_given_staff_status_cannot_see_revisions_in_the_admin(client):
    author = author_in_admin(client)
    revision = RevisionFactory(article__author=author)
    assert client.get(revisions_url(revision.article)).status_code == 403
