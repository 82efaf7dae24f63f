from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Article, SlugRedirect
from demo import sample
from editorial.models import ArticleTransition
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = "/admin/blog/article/"


def change_url(article):
    return f"/admin/blog/article/{article.pk}/change/"


def in_review(days_ago, **kwargs):
    """An article submitted `days_ago`, its submission recorded."""
    article = ArticleFactory(draft=True, status=Status.SUBMITTED, **kwargs)
    ArticleTransition.objects.create(
        article=article,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        created_at=timezone.now() - timedelta(days=days_ago),
    )
    return article


def act(client, action, *articles, **data):
    selected = [article.pk for article in articles]
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": selected, **data}
    )


def stored(article):
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def writer(client):
    author = AuthorFactory(user__is_staff=True, user__groups=["Authors"])
    return author


# The review queue


def test_editor_changelist_lists_submitted_articles_first_oldest_first(client, editor):
    ArticleFactory(title="Public")
    newer, older = in_review(1, title="Newer"), in_review(5, title="Older")
    client.force_login(editor)
    results = list(client.get(CHANGELIST).context["cl"].result_list)
    assert results[:2] == [older, newer]


def test_review_queue_is_the_submitted_filter_in_submission_order(client, editor):
    ArticleFactory(draft=True)
    newer, older = in_review(1), in_review(3)
    client.force_login(editor)
    response = client.get(f"{CHANGELIST}?status__exact=submitted")
    assert list(response.context["cl"].result_list) == [older, newer]


def test_resubmission_queues_from_the_latest_submission(client, editor):
    first = in_review(10)
    ArticleTransition.objects.create(
        article=first, to_status=Status.SUBMITTED, created_at=timezone.now()
    )
    second = in_review(2)
    client.force_login(editor)
    response = client.get(f"{CHANGELIST}?status__exact=submitted")
    assert list(response.context["cl"].result_list) == [second, first]


def test_editor_changelist_shows_when_each_article_was_submitted(client, editor):
    in_review(1)
    client.force_login(editor)
    assert "column-submitted" in client.get(CHANGELIST).text


def test_changelist_sorts_by_the_submitted_column(client, editor):
    in_review(1)
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}?o=5").status_code == 200


# Actions


def test_publish_now_is_recorded_as_a_transition(client, editor):
    article = in_review(1)
    client.force_login(editor)
    act(client, "publish_now", article)
    step = ArticleTransition.objects.filter(to_status=Status.PUBLISHED).get()
    assert (step.article, step.actor) == (article, editor)


def test_publish_now_reports_an_article_already_public_and_leaves_it(client, editor):
    article = ArticleFactory(title="Old news")
    published_at = article.published_at
    client.force_login(editor)
    response = act(client, "publish_now", article)
    response = client.get(response.url)
    assert "“Old news”: This article is already published." in response.text
    assert stored(article).published_at == published_at


def test_schedule_first_asks_for_the_time_and_changes_nothing(client, editor):
    article = in_review(1)
    client.force_login(editor)
    response = act(client, "schedule", article)
    assert response.status_code == 200
    assert 'type="datetime-local"' in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert stored(article).status == Status.SUBMITTED


def test_schedule_with_a_future_time_schedules_the_article(client, editor):
    article = in_review(1)
    when = timezone.localtime() + timedelta(days=2)
    client.force_login(editor)
    act(client, "schedule", article, apply="yes", when=when.strftime("%Y-%m-%dT%H:%M"))
    assert stored(article).is_scheduled


@pytest.mark.parametrize("when", ["", "tomorrow", "2001-01-01T10:00"])
def test_schedule_with_a_missing_bad_or_past_time_shows_an_error(client, editor, when):
    article = in_review(1)
    client.force_login(editor)
    response = act(client, "schedule", article, apply="yes", when=when)
    assert response.status_code == 200
    assert 'class="errorlist' in response.text
    assert stored(article).status == Status.SUBMITTED


def test_request_changes_first_asks_for_the_note(client, editor):
    article = in_review(1)
    client.force_login(editor)
    response = act(client, "request_changes", article)
    assert '<textarea name="note"' in response.text
    assert '<label for="id_note"' in response.text


def test_request_changes_without_a_note_is_an_error_and_changes_nothing(client, editor):
    article = in_review(1)
    client.force_login(editor)
    response = act(client, "request_changes", article, apply="yes", note="  ")
    assert "This field is required." in response.text
    assert stored(article).status == Status.SUBMITTED


def test_request_changes_sends_the_article_back_with_the_note(
    client, editor, mailoutbox, django_capture_on_commit_callbacks
):
    article = in_review(1, author__user__email="w@example.com")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, "request_changes", article, apply="yes", note="Add sources.")
    assert stored(article).status == Status.CHANGES_REQUESTED
    assert "Add sources." in mailoutbox[0].body


def test_request_changes_on_a_draft_is_refused_with_a_message(client, editor):
    article = ArticleFactory(draft=True, title="Draft")
    client.force_login(editor)
    response = act(client, "request_changes", article, apply="yes", note="More.")
    response = client.get(response.url)
    assert "“Draft”: Only an article in review" in response.text
    assert stored(article).status == Status.DRAFT


def test_unpublish_is_recorded_as_a_transition(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    act(client, "unpublish", article)
    assert ArticleTransition.objects.filter(to_status=Status.DRAFT).exists()


@pytest.mark.parametrize("action", ["schedule", "request_changes"])
def test_author_is_not_offered_the_editors_actions(client, writer, action):
    client.force_login(writer.user)
    assert f'value="{action}"' not in client.get(CHANGELIST).text


def test_author_cannot_send_their_article_back_by_posting_the_action(client, writer):
    article = in_review(1, author=writer)
    client.force_login(writer.user)
    act(client, "request_changes", article, apply="yes", note="Self-review.")
    assert stored(article).status == Status.SUBMITTED


# The change page


def test_change_page_shows_the_editorial_warnings(client, editor):
    article = ArticleFactory(body_source=sample.BODY)
    client.force_login(editor)
    response = client.get(change_url(article))
    assert "headings 3, 4 and 5" in response.text
    assert "appears 3 times" in response.text


def test_change_page_shows_the_transition_history_with_the_note(client, editor):
    article = in_review(1)
    ArticleTransition.objects.create(
        article=article,
        from_status=Status.SUBMITTED,
        to_status=Status.CHANGES_REQUESTED,
        actor=editor,
        note="Tighten the <intro>.",
    )
    client.force_login(editor)
    response = client.get(change_url(article))
    assert "Submitted → Changes requested" in response.text
    assert "<blockquote><p>Tighten the &lt;intro&gt;.</p></blockquote>" in response.text


def test_change_page_history_shows_when_a_publication_was_scheduled(client, editor):
    article = ArticleFactory(scheduled=True)
    ArticleTransition.objects.create(
        article=article,
        from_status=Status.SUBMITTED,
        to_status=Status.PUBLISHED,
        actor=editor,
        scheduled_for=article.published_at,
    )
    client.force_login(editor)
    response = client.get(change_url(article))
    assert "Submitted → Published (scheduled for " in response.text


def test_editor_change_form_has_no_status_field(client, editor):
    client.force_login(editor)
    response = client.get(change_url(ArticleFactory()))
    assert 'name="status"' not in response.text


def test_author_cannot_edit_their_article_while_it_is_in_review(client, writer):
    article = in_review(1, author=writer, title="Under review")
    client.force_login(writer.user)
    client.post(change_url(article), {"title": "Sneaky edit"})
    assert stored(article).title == "Under review"


def test_author_cannot_edit_their_published_article_unreviewed(client, writer):
    article = ArticleFactory(author=writer, title="Live")
    client.force_login(writer.user)
    client.post(change_url(article), {"title": "Changed live"})
    assert stored(article).title == "Live"


def test_editor_changing_a_published_slug_leaves_a_redirect(client, editor):
    article = ArticleFactory(slug="old-slug", title="Tides")
    client.force_login(editor)
    response = client.get(change_url(article))
    data = response.context["adminform"].form.initial
    form = {
        key: value
        for key, value in data.items()
        if value is not None and key not in ("tags", "cover")
    }
    form.update(
        {
            "slug": "new-slug",
            "author": article.author.pk,
            "slug_redirects-TOTAL_FORMS": 0,
            "slug_redirects-INITIAL_FORMS": 0,
        }
    )
    response = client.post(change_url(article), form)
    assert response.status_code == 302
    assert SlugRedirect.objects.filter(old_slug="old-slug", article=article).exists()


def test_editor_publishes_from_the_articles_own_change_page(client, editor):
    article = in_review(1)
    client.force_login(editor)
    response = client.post(
        change_url(article),
        {"CHANGE_FORM-action": "publish_now", "_selected_action": [article.pk]},
    )
    assert response.url == change_url(article)
    assert stored(article).is_public


def test_request_changes_from_the_change_page_asks_for_the_note(client, editor):
    article = in_review(1)
    client.force_login(editor)
    response = client.post(
        change_url(article),
        {"CHANGE_FORM-action": "request_changes", "_selected_action": [article.pk]},
    )
    assert '<textarea name="note"' in response.text
    assert f'action="{CHANGELIST}"' in response.text


def test_author_change_page_offers_no_editors_actions(client, writer):
    article = ArticleFactory(author=writer, draft=True)
    client.force_login(writer.user)
    assert "publish_now" not in client.get(change_url(article)).text
