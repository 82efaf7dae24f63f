"""axe-core over every public and author page, in light and in dark.

axe-core comes from the npm registry (package.json) and is injected into the
page under test, in a browser context that lets it past the site's
Content-Security-Policy (the other browser tests keep the policy and fail on
any violation); a serious or critical finding fails the test with its rule,
its help text and the elements it names.
"""

from pathlib import Path

import pytest

from comments.models import Comment
from editorial.revisions import record_revision
from tests.browser.conftest import sign_in
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
BODY = (
    "An opening paragraph.\n\n## Why tides happen\n\nThe moon pulls the sea.\n\n"
    "## When to see them\n\nTwice a day, [give or take](https://example.org/)."
)


@pytest.fixture
def context_options():
    """Pages here may run axe-core despite the site's policy."""
    return {"bypass_csp": True}


@pytest.fixture
def site():
    """An author with a published article (commented, filed, tagged) and a draft."""
    writer = AuthorFactory(
        user__groups=["Authors"], user__email_verified=True, display_name="Ada Tide"
    )
    category = CategoryFactory(name="Oceans", slug="oceans")
    tag = TagFactory(name="Moon", slug="moon")
    article = ArticleFactory(
        author=writer,
        category=category,
        title="How tides work",
        slug="how-tides-work",
        body_source=BODY,
        tags=[tag],
    )
    CommentFactory(article=article, status=Comment.Status.APPROVED)
    CommentFactory(article=article)  # waits for moderation
    draft = ArticleFactory(author=writer, draft=True, title="Tides, a draft")
    record_revision(draft, by=writer.user)
    return {"writer": writer, "article": article, "draft": draft}


def serious_findings(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in SERIOUS
    ]


def check(page, paths):
    """Every path in light and in dark; all findings reported together."""
    findings = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for path in paths:
            page.goto(path)
            findings += [f"{path} [{scheme}] {f}" for f in serious_findings(page)]
    assert not findings, "\n".join(findings)


def test_public_pages_have_no_serious_accessibility_findings(page, site):
    article = site["article"]
    check(
        page,
        [
            "/",
            article.get_absolute_url(),
            "/category/oceans/",
            "/tag/moon/",
            "/authors/",
            site["writer"].get_absolute_url(),
            "/search/?q=tides",
            "/search/?q=nothing-matches-this",
        ],
    )


def test_the_not_found_page_has_no_serious_accessibility_findings(
    page, browser_problems
):
    check(page, ["/no-such-page/"])
    # Chromium logs the page's own 404 status as an error; nothing else may.
    browser_problems[:] = [p for p in browser_problems if "status of 404" not in p]


def test_account_pages_have_no_serious_accessibility_findings(page):
    check(
        page,
        [
            "/accounts/login/",
            "/accounts/register/",
            "/accounts/password_reset/",
            "/accounts/verify/resend/",
        ],
    )


def test_author_pages_have_no_serious_accessibility_findings(page, live_server, site):
    sign_in(page, live_server, site["writer"].user)
    draft, article = site["draft"], site["article"]
    check(
        page,
        [
            "/accounts/",
            "/accounts/profile/",
            "/dashboard/",
            "/dashboard/articles/new/",
            f"/dashboard/articles/{draft.pk}/edit/",
            f"/dashboard/articles/{article.pk}/update/",
            f"/dashboard/articles/{draft.pk}/preview-links/",
            "/dashboard/media/",
        ],
    )


def test_a_readers_pages_have_no_serious_accessibility_findings(page, live_server):
    sign_in(page, live_server, UserFactory(email_verified=True))
    check(page, ["/accounts/", "/accounts/apply/", "/accounts/email/"])


def test_the_moderation_queue_has_no_serious_accessibility_findings(
    page, live_server, site
):
    sign_in(page, live_server, UserFactory(groups=["Moderators"]))
    check(page, ["/moderation/"])


def test_the_check_reports_an_image_without_alt_text(page):
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main>')
    assert any(f.startswith("image-alt (critical)") for f in serious_findings(page))
