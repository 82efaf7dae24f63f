"""Hostile bodies cost little: refused in every form and in the live preview,
the worst accepted one saved in under a second and shown in under 100 ms,
sanitised only when its source changes, and the preview throttled per author.
"""

import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

import blog.body
from blog.body_limits import MAX_DEPTH, MAX_ELEMENTS
from blog.models import Article
from editorial import workflow
from editorial.revisions import record_revision
from editorial.versions import current_version
from editorial.views import articles as article_views
from tests.blog.test_body_limits import ACCEPTED, REFUSED
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

NESTED = "<b>" * (MAX_DEPTH + 5) + "x"
TOO_DEEP = f"nests {MAX_DEPTH + 5 + 1} levels deep; the most is {MAX_DEPTH}"
TOO_MANY = "<span>x</span>" * (MAX_ELEMENTS + 50)
PREVIEW = "/dashboard/preview/"


def best_of_3(function):
    """The shortest of three runs in processor time, and the last run's result.

    Processor time, not the clock: on a busy machine a request waits for a
    processor as long as other work holds it, which says nothing of its own
    cost. A body costs Markdown, the sanitiser and templates, all in this
    process (SQLite's work too; PostgreSQL's is left out).
    """
    times, result = [], None
    for _ in range(3):
        blog.body.markdown_html.cache_clear()
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return min(times), result


def dashboard_data(body_source, **changes):
    return {
        "title": "Hostile",
        "summary": "A summary.",
        "body_source": body_source,
        "cover_alt": "",
        "category": "",
        "tag_names": "",
        "loaded_version": "0",
        "save": "",
        **changes,
    }


def admin_data(article, body_source):
    return {
        "title": article.title,
        "slug": article.slug,
        "author": article.author_id,
        "summary": article.summary,
        "body_source": body_source,
        "cover_alt": "",
        "comments_enabled": "on",
        "loaded_version": current_version(article),
        "slug_redirects-TOTAL_FORMS": "0",
        "slug_redirects-INITIAL_FORMS": "0",
    }


def admin_url(article):
    return f"/admin/blog/article/{article.pk}/change/"


@pytest.fixture
def sanitised(monkeypatch):
    """Every call to the sanitiser, counted."""
    calls = []
    original = blog.body.sanitize_html

    def counting(raw):
        calls.append(raw)
        return original(raw)

    monkeypatch.setattr(blog.body, "sanitize_html", counting)
    monkeypatch.setattr("editorial.checks.sanitize_html", counting)
    return calls


# Refused with the limit named, in every form and in the preview.


def test_the_dashboard_refuses_a_body_nested_too_deeply(signed_in):
    response = signed_in.post(
        reverse("editorial:article_create"), dashboard_data(NESTED)
    )
    assert response.status_code == 200
    assert TOO_DEEP in response.text
    assert not Article.objects.exists()


def test_the_dashboard_refuses_a_body_with_too_many_elements(signed_in):
    response = signed_in.post(
        reverse("editorial:article_create"), dashboard_data(TOO_MANY)
    )
    assert f"the most is {MAX_ELEMENTS:,}" in response.text
    assert not Article.objects.exists()


def test_the_admin_refuses_a_body_nested_too_deeply(client, editor):
    article = ArticleFactory(body_source="Kept.")
    client.force_login(editor)
    response = client.post(admin_url(article), admin_data(article, NESTED))
    assert response.status_code == 200
    assert TOO_DEEP in response.text
    article.refresh_from_db()
    assert article.body_source == "Kept."


def test_a_proposed_update_nested_too_deeply_is_refused(signed_in, writer):
    article = ArticleFactory(author=writer, body_source="Live.")
    record_revision(article, by=writer.user)
    url = reverse("editorial:proposal_edit", args=[article.pk])
    data = {"title": "T", "summary": "S", "body_source": NESTED, "save": ""}
    response = signed_in.post(url, data)
    assert TOO_DEEP in response.text
    assert not article.proposals.filter(body_source=NESTED).exists()


def test_the_preview_refuses_a_body_nested_too_deeply_saying_why(signed_in):
    response = signed_in.post(PREVIEW, {"source": NESTED})
    assert response.status_code == 400
    assert TOO_DEEP in response.text
    assert response["Content-Type"].startswith("text/plain")


# The live preview, throttled per author.


def test_the_preview_answers_429_past_its_limit_a_minute(signed_in, monkeypatch):
    monkeypatch.setattr(article_views, "PREVIEWS_PER_MINUTE", 3)
    codes = [signed_in.post(PREVIEW, {"source": "x"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_refused_preview_says_when_to_expect_it_again(signed_in, monkeypatch):
    monkeypatch.setattr(article_views, "PREVIEWS_PER_MINUTE", 0)
    response = signed_in.post(PREVIEW, {"source": "x"})
    assert response["Retry-After"] == "60"
    assert "pauses for a minute" in response.text


def test_one_authors_previews_do_not_count_against_another(
    client, signed_in, monkeypatch
):
    monkeypatch.setattr(article_views, "PREVIEWS_PER_MINUTE", 1)
    signed_in.post(PREVIEW, {"source": "x"})
    other = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    second = Client()
    second.force_login(other.user)
    assert second.post(PREVIEW, {"source": "x"}).status_code == 200


def test_the_preview_goes_on_unthrottled_when_the_cache_fails(signed_in, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(article_views.cache, "add", broken)
    monkeypatch.setattr(article_views, "PREVIEWS_PER_MINUTE", 0)
    assert signed_in.post(PREVIEW, {"source": "x"}).status_code == 200


# Sanitised once, when the source changes.


def test_the_dashboard_edit_page_sanitises_nothing(signed_in, writer, sanitised):
    article = ArticleFactory(draft=True, author=writer, body_source="## Hi\n\nText.")
    sanitised.clear()
    signed_in.get(reverse("editorial:article_edit", args=[article.pk]))
    signed_in.get(reverse("editorial:dashboard"))
    assert sanitised == []


def test_the_admin_change_page_sanitises_nothing(client, editor, sanitised):
    article = ArticleFactory(body_source="## Hi\n\nText.")
    client.force_login(editor)
    sanitised.clear()
    assert client.get(admin_url(article)).status_code == 200
    assert sanitised == []


def test_viewing_a_proposed_update_again_sanitises_nothing(
    signed_in, writer, sanitised
):
    article = ArticleFactory(author=writer, body_source="Live.")
    record_revision(article, by=writer.user)
    url = reverse("editorial:proposal_edit", args=[article.pk])
    data = {"title": "T", "summary": "S", "body_source": "## New\n\nText."}
    signed_in.post(url, {**data, "save": ""})
    signed_in.get(url)
    sanitised.clear()
    signed_in.get(url)
    assert sanitised == []


def test_status_changes_sanitise_nothing(editor, sanitised):
    article = ArticleFactory(draft=True, body_source="## Hi\n\nText.")
    sanitised.clear()
    workflow.publish(article, by=editor)
    workflow.unpublish(article, by=editor)
    assert sanitised == []


def test_saving_a_changed_body_sanitises_it_once(signed_in, writer, sanitised):
    article = ArticleFactory(draft=True, author=writer, body_source="Old.")
    sanitised.clear()
    signed_in.post(
        reverse("editorial:article_edit", args=[article.pk]),
        dashboard_data("## New\n\nText."),
    )
    assert len(sanitised) == 1


# The worst accepted body: saved in under a second, shown in under 100 ms.


SAVE_TIMES = {}  # each accepted body's best save time, measured once a run


def save_times(client, writer) -> dict[str, float]:
    """How long saving each body of the corpus through the dashboard takes."""
    if not SAVE_TIMES:
        for name, source in ACCEPTED.items():
            article = ArticleFactory(draft=True, author=writer, body_source="")
            url = reverse("editorial:article_edit", args=[article.pk])

            def save(url=url, source=source, article=article):
                Article.objects.filter(pk=article.pk).update(body_source="")
                version = current_version(article)
                return client.post(url, dashboard_data(source, loaded_version=version))

            seconds, response = best_of_3(save)
            assert response.status_code == 302, name
            SAVE_TIMES[name] = seconds
    return SAVE_TIMES


def worst_body(client, writer) -> str:
    times = save_times(client, writer)
    return ACCEPTED[max(times, key=times.get)]


def test_the_worst_accepted_body_saves_in_under_a_second(signed_in, writer):
    times = save_times(signed_in, writer)
    name = max(times, key=times.get)
    assert times[name] < 1.0, name


def test_every_page_shows_the_worst_stored_body_in_under_100_ms(
    client, signed_in, writer, editor
):
    article = ArticleFactory(
        draft=True, author=writer, body_source=worst_body(signed_in, writer)
    )
    seconds, response = best_of_3(
        lambda: client.get(reverse("editorial:article_edit", args=[article.pk]))
    )
    assert response.status_code == 200
    assert seconds < 0.1, "dashboard"
    client.force_login(editor)
    seconds, response = best_of_3(lambda: client.get(admin_url(article)))
    assert response.status_code == 200
    assert seconds < 0.1, "admin"
    workflow.publish(article, by=editor)
    client.logout()

    def read():
        caches["pages"].clear()  # the page itself, not its cached copy
        return client.get(article.get_absolute_url())

    seconds, response = best_of_3(read)
    assert response.status_code == 200
    assert seconds < 0.1, "public"


@pytest.mark.parametrize("source", REFUSED.values(), ids=REFUSED.keys())
def test_each_hostile_body_is_refused_by_the_dashboard_in_under_a_second(
    signed_in, source
):
    url = reverse("editorial:article_create")
    seconds, response = best_of_3(lambda: signed_in.post(url, dashboard_data(source)))
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert seconds < 1.0
