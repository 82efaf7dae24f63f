"""Every public and author page is valid HTML to the W3C Nu HTML checker.

The checker is `vnu-jar` from the npm registry (package.json) and runs on
Java from Debian (`apt-get install -y default-jre-headless`). Pages are
rendered by the test client, written to files and checked in one run of the
checker. Without Java the test is skipped here and fails in CI.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from comments.models import Comment
from editorial.revisions import record_revision
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    TagFactory,
    UserFactory,
)

pytestmark = [pytest.mark.validator, pytest.mark.django_db]

VNU = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"
BODY = (
    "An opening paragraph.\n\n## Why tides happen\n\nThe moon pulls the sea.\n\n"
    "## When to see them\n\n- Twice a day\n- [Give or take](https://example.org/)"
)


@pytest.fixture
def checker():
    java = shutil.which("java")
    if java is None or not VNU.exists():
        reason = "Java and vnu-jar are needed: apt-get install -y default-jre-headless"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(reason)
        pytest.skip(reason)
    return [java, "-jar", str(VNU)]


@pytest.fixture
def site():
    writer = AuthorFactory(
        user__groups=["Authors"], user__email_verified=True, display_name="Ada Tide"
    )
    article = ArticleFactory(
        author=writer,
        category=CategoryFactory(name="Oceans", slug="oceans"),
        title="How tides work",
        body_source=BODY,
        tags=[TagFactory(name="Moon", slug="moon")],
    )
    CommentFactory(article=article, status=Comment.Status.APPROVED)
    CommentFactory(article=article)
    draft = ArticleFactory(author=writer, draft=True, title="Tides, a draft")
    record_revision(draft, by=writer.user)
    return {"writer": writer, "article": article, "draft": draft}


def pages(site) -> list[tuple[Client, str]]:
    """(client, path) for every page a reader, an author or a moderator sees."""
    anonymous = Client()
    author = Client()
    author.force_login(site["writer"].user)
    moderator = Client()
    moderator.force_login(UserFactory(groups=["Moderators"]))
    article, draft = site["article"], site["draft"]
    public = [
        "/",
        article.get_absolute_url(),
        "/category/oceans/",
        "/tag/moon/",
        "/authors/",
        site["writer"].get_absolute_url(),
        "/search/?q=tides",
        "/search/?q=",
        "/accounts/login/",
        "/accounts/register/",
        "/accounts/password_reset/",
        "/accounts/verify/resend/",
    ]
    own = [
        "/accounts/",
        "/accounts/profile/",
        "/dashboard/",
        "/dashboard/articles/new/",
        f"/dashboard/articles/{draft.pk}/edit/",
        f"/dashboard/articles/{article.pk}/update/",
        f"/dashboard/articles/{draft.pk}/preview-links/",
        "/dashboard/media/",
        article.get_absolute_url(),  # signed in: the comment form differs
    ]
    return (
        [(anonymous, path) for path in public]
        + [(author, path) for path in own]
        + [(moderator, "/moderation/")]
    )


def test_every_page_is_valid_html(checker, site, tmp_path):
    files = {}
    for number, (client, path) in enumerate(pages(site)):
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"page-{number}.html"
        file.write_bytes(response.content)
        files[file.name] = path
    run = subprocess.run(
        [*checker, "--errors-only", "--format", "json", "--exit-zero-always", tmp_path],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))}:"
        f"{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)


def test_the_checker_reports_an_invalid_page(checker, tmp_path):
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><title>t</title>'
        '<time datetime="2026-01-01T09:51:38.804554+00:00">then</time>'
    )
    run = subprocess.run(
        [*checker, "--errors-only", "--format", "json", "--exit-zero-always", tmp_path],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert any(m.get("type") == "error" for m in messages)
