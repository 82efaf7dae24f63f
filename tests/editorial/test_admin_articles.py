import re

import pytest
from django.contrib.auth.models import Group

from blog.models import Article
from editorial.versions import current_version
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/blog/article/"


def author_in_admin(client):
    author = AuthorFactory(user__is_staff=True)
    author.user.groups.add(Group.objects.get(name="Authors"))
    client.force_login(author.user)
    return author


def test_editor_publishes_a_draft_now_with_the_admin_action(client, editor):
    draft = ArticleFactory(draft=True)
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]})
    assert Article.objects.published().filter(pk=draft.pk).exists()


def test_editor_unpublishes_an_article_with_the_admin_action(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]})
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_author_is_not_offered_the_publish_action(client):
    author_in_admin(client)
    response = client.get(CHANGELIST)
    assert "publish_now" not in response.text


def test_author_cannot_publish_by_posting_the_action(client):
    author = author_in_admin(client)
    draft = ArticleFactory(draft=True, author=author)
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_author_cannot_change_status_in_the_admin_form(client):
    author = author_in_admin(client)
    article = ArticleFactory(author=author, draft=True)
    response = client.get(f"/admin/blog/article/{article.pk}/change/")
    assert 'name="status"' not in response.text


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=draft",
        "category__id__exact=1",
        "q=klonopin",
        "published_at__year=2026",
    ],
)
def test_editor_changelist_filters_and_search_work(client, editor, query):
    CategoryFactory(pk=1)
    ArticleFactory()
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}?{query}").status_code == 200


@pytest.mark.parametrize("field", ["author", "tags"])
def test_editor_change_form_offers_autocomplete(client, editor, field):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.get(f"/admin/blog/article/{article.pk}/change/")
    assert re.search(
        rf'<select name="{field}"[^>]*class="admin-autocomplete"', response.text
    )


def test_changelist_links_each_article_to_its_page(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.get(CHANGELIST)
    assert f'href="{article.get_absolute_url()}"' in response.text


@pytest.mark.parametrize("field", ["comments_enabled", "comments_close_after_days"])
def test_editor_can_switch_comments_per_article(client, editor, field):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.get(f"/admin/blog/article/{article.pk}/change/")
    assert f'name="{field}"' in response.text


def test_an_author_given_staff_status_cannot_open_the_article_admin(client):
    author_in_admin(client)
    assert client.get(CHANGELIST).status_code == 403


def test_an_author_given_staff_status_cannot_open_their_own_article_there(client):
    author = author_in_admin(client)
    mine = ArticleFactory(author=author)
    response = client.get(f"/admin/blog/article/{mine.pk}/change/")
    assert response.status_code in (302, 403)
    assert mine.title not in response.text


def change_form_data(article, **changes):
    """The article's change form as the admin would send it back."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "author": article.author_id,
        "summary": article.summary,
        "body_source": article.body_source,
        "cover_alt": "",
        "comments_enabled": "on",
        "loaded_version": current_version(article),
        "slug_redirects-TOTAL_FORMS": "0",
        "slug_redirects-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_editor_edits_the_same_markdown_source_as_the_dashboard(client, editor):
    article = ArticleFactory(body_source="Old words.")
    client.force_login(editor)
    form = client.get(f"{CHANGELIST}{article.pk}/change/").context["adminform"].form
    assert form.initial["body_source"] == "Old words."


def test_editor_saving_markdown_in_the_admin_stores_its_sanitised_html(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    source = "## Fixed\n\nNew *words*.<script>alert(1)</script>"
    response = client.post(
        f"{CHANGELIST}{article.pk}/change/",
        change_form_data(article, body_source=source),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_source == source
    assert article.body == '<h2 id="fixed">Fixed</h2>\n<p>New <em>words</em>.</p>'


def test_the_list_shows_a_future_publication_as_scheduled(client, editor):
    ArticleFactory(scheduled=True, title="Coming soon")
    client.force_login(editor)
    assert '<td class="field-state">Scheduled for ' in client.get(CHANGELIST).text


def test_the_list_shows_a_public_article_as_published(client, editor):
    ArticleFactory(title="Out now")
    client.force_login(editor)
    assert '<td class="field-state">Published</td>' in client.get(CHANGELIST).text
