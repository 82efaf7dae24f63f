"""Every vector of the injection corpus, typed where people type for others,
read back in Chromium: no script runs, and nothing unsafe is in the DOM.

Each vector is stored the way a person's input is stored (an article body
through its Markdown source, so the real sanitiser runs; a comment through
the comment service; names, bios, titles, summaries, category and tag
names, image descriptions as typed), then every public page that shows it is
opened with traps for script installed (tests/browser/injection.py).

The Content-Security-Policy is switched off here: it would stop most
injected script on its own, and these tests prove the markup is safe without
it. Requests that leave the test server are refused, and a refused or
missing resource (an `<img src=x>` that survived) is not a problem to report.
"""

from urllib.parse import quote, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.forms import URLField
from django.test import Client

from accounts.models import AuthorApplication
from blog.models import Article
from comments.models import Comment
from comments.services import post_comment
from imaging.processing import normalize_image, store_image
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    TagFactory,
    UserFactory,
)
from tests.imaging.images import store_image_for, upload
from tests.security.injection_corpus import STORABLE as VECTORS

from .injection import TRAPS, judge

pytestmark = pytest.mark.browser

VECTORS_PER_ARTICLE = 40


@pytest.fixture(autouse=True)
def no_policy_to_hide_behind(settings, tmp_path):
    settings.SECURE_CSP = {}
    settings.MEDIA_ROOT = tmp_path
    settings.FOLIO_COMMENTS_PER_MINUTE = 100_000


@pytest.fixture
def trapped(page, live_server, browser_problems):
    """The page with the traps set and the world outside the server refused."""
    host = urlsplit(live_server.url).netloc
    page.context.add_init_script(TRAPS)
    page.context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).netloc == host
            else route.abort()
        ),
    )
    page.on("dialog", lambda dialog: dialog.dismiss())
    yield page
    browser_problems[:] = [p for p in browser_problems if "Failed to load" not in p]


def judge_all(page, paths, *, staff=False):
    problems = []
    for path in paths:
        problems += judge(page, path, staff=staff)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def as_url(text):
    """`text` if the site's URL fields accept it, else blank (as a form would)."""
    try:
        return URLField(assume_scheme="https").clean(text)
    except ValidationError:
        return ""


def chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


def test_no_vector_in_an_article_body_runs_or_survives(trapped):
    author = AuthorFactory()
    image = store_image_for(author.user, alt=VECTORS[0])
    articles = []
    for number, chunk in enumerate(chunks(VECTORS, VECTORS_PER_ARTICLE)):
        vectors = [v.replace("image:1", f"image:{image.pk}") for v in chunk]
        figures = [f'![{v}](image:{image.pk} "{v}")' for v in vectors[:10]]
        articles.append(
            ArticleFactory(
                author=author,
                title=f"Body {number}",
                body_source="\n\n".join(vectors + figures),
            )
        )
    judge_all(trapped, [article.get_absolute_url() for article in articles])


def test_no_vector_in_a_comment_runs_or_survives(trapped):
    article = ArticleFactory()
    for number, vector in enumerate(VECTORS):
        post_comment(
            article=article,
            name=vector[:100] or "x",
            email=f"reader{number}@example.org",
            website=as_url(vector),
            body=vector[:5000],
        )
    Comment.objects.update(status=Comment.Status.APPROVED)
    pages = range(1, len(VECTORS) // 50 + 2)
    url = article.get_absolute_url()
    judge_all(trapped, [f"{url}?cpage={n}" for n in pages])


@pytest.fixture
def one_article_per_vector():
    """Each vector as an author's name, bio and website, an article's title,
    summary and cover description, a category's and a tag's name."""
    articles = []
    for number, vector in enumerate(VECTORS):
        author = AuthorFactory(
            display_name=vector[:100] or "x",
            bio=vector[:2000],
            website=as_url(vector),
        )
        articles.append(
            ArticleFactory(
                author=author,
                title=vector[:200] or "x",
                summary=vector[:500],
                body_source=vector,
                category=CategoryFactory(name=f"{vector[:90]} {number}"),
                tags=[TagFactory(name=f"{vector[:50]} {number}")],
                cover_alt=vector[:250],
            )
        )
    # One stored cover for all: the alt text is what is under test.
    first = articles[0]
    store_image(first, "cover", normalize_image(upload()))
    first.save()
    Article.objects.update(
        cover=first.cover.name,
        cover_widths=first.cover_widths,
        cover_width=first.cover_width,
        cover_height=first.cover_height,
    )
    return articles


def test_no_vector_on_the_listing_pages_runs_or_survives(
    trapped, one_article_per_vector
):
    home = range(1, len(VECTORS) // 10 + 2)
    authors = range(1, len(VECTORS) // 24 + 2)
    judge_all(
        trapped,
        [f"/?page={n}" for n in home] + [f"/authors/?page={n}" for n in authors],
    )


def test_no_vector_on_author_category_or_tag_pages_runs_or_survives(
    trapped, one_article_per_vector
):
    """Every fifth vector (each vector is already on a listing page)."""
    paths = []
    for article in one_article_per_vector[::5]:
        paths.append(article.author.get_absolute_url())
        paths.append(f"/category/{article.category.slug}/")
    for article in one_article_per_vector[2::5]:
        paths.append(article.get_absolute_url())
        paths.append(f"/tag/{article.tags.get().slug}/")
    judge_all(trapped, paths)


def test_no_vector_searched_for_runs_or_survives(trapped, one_article_per_vector):
    """Searched for in fives, each found in a title, a summary and a body."""
    searches = [" ".join(v[:200] for v in five) for five in chunks(VECTORS, 5)]
    judge_all(trapped, [f"/search/?q={quote(q)}" for q in searches])


def test_no_vector_reaches_editors_pages_unescaped(
    trapped, live_server, one_article_per_vector
):
    """Applications and comments waiting for an editor, and the articles in
    the admin and the dashboard, shown to staff."""
    for number, vector in enumerate(VECTORS[:60]):
        AuthorApplication.objects.create(
            user=UserFactory(username=f"applicant{number}"),
            bio=vector[:2000] or "x",
            topics=vector[:1000] or "x",
            sample_url=as_url(vector),
        )
        post_comment(
            article=one_article_per_vector[0],
            name=vector[:100] or "x",
            email=f"waiting{number}@example.org",
            body=vector[:5000] or "x",
        )
    editor = UserFactory(
        is_staff=True, is_superuser=True, groups=["Editors", "Moderators"]
    )
    client = Client()
    client.force_login(editor)
    trapped.context.add_cookies(
        [
            {"name": name, "value": cookie.value, "url": live_server.url}
            for name, cookie in client.cookies.items()
        ]
    )
    application = AuthorApplication.objects.first()
    article = one_article_per_vector[5]
    judge_all(
        trapped,
        [
            "/admin/accounts/authorapplication/",
            f"/admin/accounts/authorapplication/{application.pk}/change/",
            "/admin/blog/article/",
            f"/admin/blog/article/{article.pk}/change/",
            "/moderation/",
        ],
        staff=True,
    )


def test_the_judge_sees_script_run_and_unsafe_markup(trapped):
    """A page with nothing sanitised fails: the traps and the walk do work."""
    raw = (
        "<!doctype html><title>raw</title><img src=x onerror=alert(1)>"
        "<a href='java&#x09;script:alert(2)'>x</a><iframe></iframe>"
    )
    trapped.route(
        "**/unsanitised/",
        lambda route: route.fulfill(body=raw, content_type="text/html"),
    )
    problems = " ".join(judge(trapped, "/unsanitised/"))
    assert "script ran: alert(1)" in problems
    assert "href scheme" in problems
    assert "element <iframe>" in problems
