"""Hostile text in every form field and every URL parameter: never a 500.

Hypothesis fills each form of the site, as the role that may send it, with
any text Django can receive (every Unicode category but surrogates: control
characters, NUL, bidi controls, very long runs), the injection corpus and a
few values meant to trip parsers, and each path and query parameter too.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, UserFactory

from .injection_corpus import VECTORS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
TRICKS = [
    "", " ", "0", "-1", "1e9", "99999999999999999999", "NaN", "None", "[]",
    "../", "//evil.example", "https://evil.example/", "javascript:alert(1)",
    "\x00", "%00", "%", "?", "#", "a@b", "@", "\u202e", "'; DROP TABLE x;--",
]  # fmt: skip
HOSTILE = st.one_of(
    st.text(ANY_CHARACTER, max_size=300),
    st.sampled_from(VECTORS),
    st.sampled_from(TRICKS),
    st.builds(lambda c, n: c * n, ANY_CHARACTER, st.integers(1_000, 20_000)),
)
FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,  # nothing written beside the code
    # CI draws the same examples every run, so a red build means a change of
    # code; elsewhere each run draws afresh and may find something new.
    derandomize=os.environ.get("CI", "").lower() not in ("", "0", "false"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FOLIO_COMMENT_MIN_SECONDS = 0


@pytest.fixture
def world():
    """Someone of each role, an article of the author's and a comment on it."""
    author = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    article = ArticleFactory(author=author, slug="tides")
    draft = ArticleFactory(author=author, draft=True, slug="draft")
    return {
        "anonymous": None,
        "reader": UserFactory(email_verified=True),
        "author": author.user,
        "editor": UserFactory(is_staff=True, groups=["Editors"]),
        "moderator": UserFactory(is_staff=True, groups=["Moderators"]),
        "article": article,
        "draft": draft,
        "comment": CommentFactory(article=article, pending=True),
    }


# (role, method, path, fields): a path may name the world's "{article}",
# "{draft}" or "{comment}" by primary key, or "{slug}" for the article's.
FORMS = [
    ("anonymous", "post", "/accounts/register/",
     ["username", "email", "password1", "password2", "website"]),
    ("anonymous", "post", "/accounts/login/", ["username", "password", "next"]),
    ("anonymous", "post", "/accounts/password_reset/", ["email"]),
    ("anonymous", "post", "/accounts/verify/resend/", ["email"]),
    ("reader", "post", "/accounts/apply/", ["bio", "topics", "sample_url"]),
    ("author", "post", "/accounts/profile/", ["display_name", "bio", "website"]),
    ("author", "post", "/accounts/email/", ["email", "password"]),
    ("editor", "post", "/accounts/two-factor/", ["token", "next"]),
    ("anonymous", "post", "/articles/{slug}/comments/",
     ["name", "email", "website", "body", "parent", "issued", "extra_info",
      "notify_replies", "remember"]),
    ("reader", "post", "/articles/{slug}/comments/", ["body", "parent", "issued"]),
    ("author", "post", "/dashboard/articles/new/",
     ["title", "summary", "body_source", "cover_alt", "category", "tag_names",
      "loaded_version", "save"]),
    ("author", "post", "/dashboard/articles/{draft}/edit/",
     ["title", "summary", "body_source", "cover_alt", "category", "tag_names",
      "loaded_version", "preview"]),
    ("author", "post", "/dashboard/articles/{article}/update/",
     ["title", "summary", "body_source", "seen_version", "submit"]),
    ("author", "post", "/dashboard/preview/", ["source"]),
    ("author", "post", "/dashboard/autosave/",
     ["article", "title", "summary", "body_source", "tag_names"]),
    ("author", "post", "/dashboard/autosave/discard/", ["article"]),
    ("author", "post", "/dashboard/media/upload/", ["alt", "caption", "file"]),
    ("author", "post", "/dashboard/articles/{draft}/preview-links/new/",
     ["days", "expires", "note"]),
    ("moderator", "post", "/moderation/bulk/",
     ["comments", "action", "next", "confirm"]),
    ("moderator", "post", "/moderation/{comment}/approve/", ["next"]),
    ("moderator", "post", "/moderation/undo/", ["token", "next"]),
]  # fmt: skip

# (role, path, query parameters)
QUERIES = [
    ("anonymous", "/", ["page"]),
    ("anonymous", "/search/", ["q", "page"]),
    ("anonymous", "/articles/{slug}/", ["cpage", "replyto", "page"]),
    ("anonymous", "/authors/", ["page"]),
    ("anonymous", "/feed/", ["page", "q"]),
    ("anonymous", "/accounts/login/", ["next"]),
    ("author", "/dashboard/", ["restore", "page", "status"]),
    ("author", "/dashboard/media/", ["page"]),
    ("author", "/dashboard/articles/{draft}/edit/", ["restore"]),
    ("moderator", "/moderation/", ["status", "article", "page", "q"]),
    ("editor", "/admin/blog/article/", ["q", "o", "p", "status", "e"]),
    ("editor", "/admin/comments/comment/", ["q", "o", "p", "status"]),
]

# Paths with a free segment, filled with hostile text.
PATHS = [
    "/articles/{}/",
    "/authors/{}/",
    "/category/{}/",
    "/tag/{}/",
    "/accounts/verify/{}/",
    "/accounts/email/confirm/{}/",
    "/comments/verify/{}/",
    "/comments/unsubscribe/{}/",
    "/moderation/c/{}/",
    "/preview/{}/",
]


def place(path, world):
    return path.format(
        slug=world["article"].slug,
        article=world["article"].pk,
        draft=world["draft"].pk,
        comment=world["comment"].pk,
    )


def client_for(world, role):
    client = Client(raise_request_exception=False)
    if world[role] is not None:
        client.force_login(world[role])
    return client


def nothing_half_saved():
    assert not Article.objects.filter(slug="").exists()
    assert not Comment.objects.filter(body="").exists()


@pytest.mark.parametrize(
    ("role", "method", "path", "fields"), FORMS, ids=[f"{f[0]} {f[2]}" for f in FORMS]
)
@FUZZ
@given(data=st.data())
def test_no_form_answers_a_server_error(world, role, method, path, fields, data):
    values = {name: data.draw(HOSTILE, label=name) for name in fields}
    client = client_for(world, role)
    response = getattr(client, method)(place(path, world), values)
    assert response.status_code < 500, values
    nothing_half_saved()


@pytest.mark.parametrize(
    ("role", "path", "params"), QUERIES, ids=[f"{q[0]} {q[1]}" for q in QUERIES]
)
@FUZZ
@given(data=st.data())
def test_no_query_parameter_answers_a_server_error(world, role, path, params, data):
    values = {name: data.draw(HOSTILE, label=name) for name in params}
    url = f"{place(path, world)}?{urlencode(values)}"
    response = client_for(world, role).get(url)
    assert response.status_code < 500, url


@pytest.mark.parametrize("path", PATHS)
@FUZZ
@given(segment=HOSTILE)
def test_no_path_segment_answers_a_server_error(world, path, segment):
    url = path.format(quote(segment[:2000], safe=""))
    response = client_for(world, "anonymous").get(url)
    assert response.status_code < 500, url


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_next_that_is_a_bare_word_sends_a_signed_in_editor_home(world, method):
    """`redirect()` took a bare word for a URL name: NoReverseMatch, a 500."""
    client = client_for(world, "editor")
    response = getattr(client, method)("/accounts/two-factor/?next=0", {"next": "0"})
    assert response.status_code == 302


@pytest.mark.parametrize("pk", ["9" * 4301, "\u00b2", "\u0661"])
def test_a_comment_id_too_long_or_not_ascii_is_an_invalid_choice(world, pk):
    """int() refuses over 4300 digits, and isdigit() says yes to "²"."""
    response = client_for(world, "moderator").post(
        "/moderation/bulk/", {"comments": [pk], "action": "approve"}
    )
    assert response.status_code < 500


def test_a_page_number_of_thousands_of_digits_is_not_a_server_error(client):
    """The page cache's key read the number with int(): over 4300 digits, a 500."""
    assert client.get("/", {"page": "0" * 4301}).status_code == 404


def test_discarding_the_autosave_of_an_article_id_of_thousands_of_digits_is_a_404(
    world,
):
    """The id went to the database: over 4300 digits, int() fails, a 500."""
    response = client_for(world, "author").post(
        "/dashboard/autosave/discard/", {"article": "0" * 4301}
    )
    assert response.status_code == 404
