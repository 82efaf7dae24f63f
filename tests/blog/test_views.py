from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from blog.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_public_articles_with_summary_and_author(client):
    article = ArticleFactory(title="Visible", summary="In short.")
    response = client.get("/")
    assert response.status_code == 200
    assert article.title in response.text
    assert "In short." in response.text
    assert article.author.display_name in response.text


def test_home_leaves_out_drafts(client):
    ArticleFactory(title="Secret draft", draft=True)
    assert "Secret draft" not in client.get("/").text


def test_home_shows_the_approved_comment_count(client):
    article = ArticleFactory()
    CommentFactory.create_batch(2, article=article)
    CommentFactory(article=article, pending=True)
    assert "2 comments" in client.get("/").text


@pytest.mark.parametrize("page", ["abc", "0", "99999", "-1", "1.5", "%00"])
def test_home_answers_a_bad_page_number_with_404(client, page):
    ArticleFactory()
    assert client.get("/", {"page": page}).status_code == 404


def test_home_second_page_lists_older_articles(client, settings):
    ArticleFactory.create_batch(settings.FOLIO_ARTICLES_PER_PAGE + 1)
    response = client.get("/", {"page": 2})
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 1


def test_article_page_shows_byline_linking_to_the_author(client):
    article = ArticleFactory(author__display_name="Happy Sharer")
    response = client.get(article.get_absolute_url())
    author_url = article.author.get_absolute_url()
    assert f'By <a href="{author_url}" rel="author">Happy Sharer</a>' in response.text


def test_article_page_links_the_table_of_contents_to_the_headings(client):
    article = ArticleFactory(body_source="<h2>First part</h2><p>a</p><h3>Detail</h3>")
    response = client.get(article.get_absolute_url())
    assert '<a href="#first-part">First part</a>' in response.text
    assert '<h2 id="first-part">' in response.text


def test_article_page_shows_the_author_box_with_bio(client):
    article = ArticleFactory(author__bio="I love sharing knowledge.")
    response = client.get(article.get_absolute_url())
    assert "About " + article.author.display_name in response.text
    assert "I love sharing knowledge." in response.text


def test_article_page_shows_category_and_tags(client):
    tag = TagFactory(name="anxiety")
    article = ArticleFactory(category=CategoryFactory(name="Health"), tags=[tag])
    response = client.get(article.get_absolute_url())
    assert "Health" in response.text
    assert f'href="{tag.get_absolute_url()}"' in response.text


def test_article_page_lists_related_articles_sharing_tags(client):
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    related = ArticleFactory(title="Kindred piece", tags=[tag])
    ArticleFactory(title="Unrelated piece")
    response = client.get(article.get_absolute_url())
    related_reading = response.text.split('id="related"')[1].split("</section>")[0]
    assert related.title in related_reading
    assert "Unrelated piece" not in related_reading


def test_article_page_links_previous_and_next_articles(client):
    older, middle, newer = ArticleFactory.create_batch(3)
    for days_ago, article in zip((3, 2, 1), (older, middle, newer), strict=True):
        article.published_at = timezone.now() - timedelta(days=days_ago)
        article.save()
    response = client.get(middle.get_absolute_url())
    assert f'<a href="{older.get_absolute_url()}" rel="prev">' in response.text
    assert f'<a href="{newer.get_absolute_url()}" rel="next">' in response.text


def test_article_page_threads_approved_replies_under_their_comment(client):
    comment = CommentFactory(body="Top level")
    reply = CommentFactory(article=comment.article, parent=comment, body="A reply")
    response = client.get(comment.article.get_absolute_url())
    [node] = response.context["comments"]
    assert [child.comment for child in node.replies] == [reply]


def test_article_page_hides_pending_comments(client):
    comment = CommentFactory(pending=True, body="Not yet approved")
    response = client.get(comment.article.get_absolute_url())
    assert "Not yet approved" not in response.text


def test_article_page_never_shows_a_commenters_email(client):
    comment = CommentFactory(email="private@example.org")
    response = client.get(comment.article.get_absolute_url())
    assert "private@example.org" not in response.text


def test_unknown_article_slug_is_404(client):
    assert client.get("/articles/no-such-thing/").status_code == 404


def test_old_slug_redirects_permanently_to_the_new_one(client):
    article = ArticleFactory(slug="old-slug")
    article.slug = "new-slug"
    article.save()
    response = client.get("/articles/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-slug/"


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_anonymous_reader_gets_404_for_an_unpublished_article(client, trait):
    article = ArticleFactory(**{trait: True})
    assert client.get(article.get_absolute_url()).status_code == 404


def test_anonymous_reader_gets_404_for_a_submitted_article(client):
    article = ArticleFactory(status="submitted")
    assert client.get(article.get_absolute_url()).status_code == 404


def test_author_can_preview_their_own_draft(client):
    article = ArticleFactory(draft=True)
    client.force_login(article.author.user)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Preview" in response.text


def test_another_author_gets_404_for_someone_elses_draft(client):
    article = ArticleFactory(draft=True)
    client.force_login(AuthorFactory().user)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_can_preview_a_scheduled_article(client, editor):
    article = ArticleFactory(scheduled=True)
    client.force_login(editor)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_moderator_cannot_preview_a_draft(client):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.get(ArticleFactory(draft=True).get_absolute_url()).status_code == 404


def test_category_page_lists_only_its_public_articles(client):
    category = CategoryFactory()
    mine = ArticleFactory(category=category)
    ArticleFactory(category=category, draft=True)
    ArticleFactory()
    response = client.get(category.get_absolute_url())
    assert list(response.context["page_obj"].object_list) == [mine]


def test_unknown_category_is_404(client):
    assert client.get("/category/nope/").status_code == 404


def test_tag_page_lists_its_public_articles(client):
    tag = TagFactory()
    tagged = ArticleFactory(tags=[tag])
    ArticleFactory()
    response = client.get(tag.get_absolute_url())
    assert list(response.context["page_obj"].object_list) == [tagged]


def test_unknown_tag_is_404(client):
    assert client.get("/tag/nope/").status_code == 404


def test_authors_page_lists_only_authors_with_public_articles(client):
    published = ArticleFactory().author
    AuthorFactory(display_name="Nothing yet")
    ArticleFactory(draft=True, author__display_name="Only drafts")
    response = client.get("/authors/")
    assert list(response.context["page_obj"].object_list) == [published]


def test_author_page_shows_bio_and_public_articles(client):
    article = ArticleFactory(author__bio="Writes about sleep.")
    ArticleFactory(author=article.author, draft=True, title="Hidden draft")
    response = client.get(article.author.get_absolute_url())
    assert "Writes about sleep." in response.text
    assert list(response.context["page_obj"].object_list) == [article]


def test_author_without_public_articles_has_no_page(client):
    author = AuthorFactory()
    assert client.get(author.get_absolute_url()).status_code == 404


def test_unknown_author_is_404(client):
    assert client.get("/authors/nobody/").status_code == 404


@pytest.fixture
def listed(db):
    """An article whose author, category and tag each have a list page."""
    article = ArticleFactory(category=CategoryFactory(), tags=[TagFactory()])
    return {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "tag": article.tags.get().get_absolute_url(),
        "author": article.author.get_absolute_url(),
    }


@pytest.mark.parametrize("page", ["home", "category", "tag", "author"])
def test_a_list_page_asks_a_signed_in_reader_only_for_the_user_once_warm(
    client, listed, page, django_assert_num_queries
):
    client.force_login(UserFactory())
    client.get(listed[page])
    with django_assert_num_queries(1):
        assert client.get(listed[page]).status_code == 200


def test_a_list_page_counts_a_new_article_at_once_for_a_signed_in_reader(
    client, listed, settings
):
    settings.FOLIO_ARTICLES_PER_PAGE = 1
    author = Article.objects.get().author
    client.force_login(UserFactory())
    assert 'aria-label="Pages"' not in client.get(listed["author"]).text
    ArticleFactory(author=author)
    assert '?page=2"><span class="visually-hidden">Page </span>2</a>' in (
        client.get(listed["author"]).text
    )
