"""Who may do what on the dashboard and the article admin, role by role.

The roles, as the site makes them:

- anonymous: not signed in;
- unverified: registered (an author profile) but the email is not verified;
- applicant: verified, author profile, not (yet) in the Authors group;
- author: verified, in the Authors group; owns the draft "A" the rows act on;
- other_author: like author, with drafts of their own;
- moderator, editor: staff in their groups, without an author profile.

Authors write in the dashboard, not the admin: approval does not make them
staff. The expected codes:

- anonymous: 302 to the sign-in page everywhere;
- signed in without an author profile (moderator, editor): 403 on the
  dashboard (a page saying how to become an author);
- any author profile may write drafts (new: 200, saved: 302 to its page);
- A's draft is found only by A: anyone else with a profile gets 404;
- submitting their own draft: 302 once verified and approved, otherwise 403
  with the reason;
- admin: 302 to the admin sign-in for non-staff, 403 for moderators (no
  article permissions), editors 200, and the publish action (302 back to the
  list) publishes only for them.
"""

import pytest
from django.urls import reverse

from blog.models import Article
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
ROLES = [
    "anonymous",
    "unverified",
    "applicant",
    "author",
    "other_author",
    "moderator",
    "editor",
]
FORM = {
    "title": "Written",
    "summary": "",
    "body_source": "Words.",
    "loaded_version": "0",  # the factories' articles have no revisions
    "save": "",
}

# endpoint: expected status for each role, in ROLES order
MATRIX = {
    "dashboard": [302, 200, 200, 200, 200, 403, 403],
    "new_get": [302, 200, 200, 200, 200, 403, 403],
    "new_post": [302, 302, 302, 302, 302, 403, 403],
    "edit_get": [302, 404, 404, 200, 404, 403, 403],
    "edit_post": [302, 404, 404, 302, 404, 403, 403],
    "submit": [302, 404, 404, 302, 404, 403, 403],
    "submit_own": [302, 403, 403, 302, 302, 403, 403],
    "admin_add": [302, 302, 302, 302, 302, 403, 200],
    "admin_change": [302, 302, 302, 302, 302, 403, 200],
    "admin_publish": [302, 302, 302, 302, 302, 403, 302],
}
CASES = [
    pytest.param(role, endpoint, codes[i], id=f"{role}-{endpoint}")
    for endpoint, codes in MATRIX.items()
    for i, role in enumerate(ROLES)
]


def make_user(role):
    """The user playing `role`, or None for anonymous."""
    verified = {"user__email_verified": True}
    match role:
        case "anonymous":
            return None
        case "unverified":
            return AuthorFactory(user__email_verified=False).user
        case "applicant":
            return AuthorFactory(**verified).user
        case "other_author":
            return AuthorFactory(user__groups=["Authors"], **verified).user
        case "moderator":
            return UserFactory(is_staff=True, groups=["Moderators"])
        case "editor":
            return UserFactory(is_staff=True, groups=["Editors"])


@pytest.fixture
def author_a():
    return AuthorFactory(user__groups=["Authors"], user__email_verified=True)


@pytest.fixture
def draft_a(author_a):
    return ArticleFactory(draft=True, author=author_a, title="A's draft")


def own_draft(user, draft_a):
    """The user's own draft, or A's when they have no author profile."""
    if user is None or not hasattr(user, "author") or user == draft_a.author.user:
        return draft_a
    return ArticleFactory(draft=True, author=user.author)


def request(client, endpoint, article):
    edit = reverse("editorial:article_edit", args=[article.pk])
    submit = reverse("editorial:article_submit", args=[article.pk])
    admin_change = reverse("admin:blog_article_change", args=[article.pk])
    publish = {"action": "publish_now", "_selected_action": [article.pk]}
    calls = {
        "dashboard": lambda: client.get(reverse("editorial:dashboard")),
        "new_get": lambda: client.get(reverse("editorial:article_create")),
        "new_post": lambda: client.post(reverse("editorial:article_create"), FORM),
        "edit_get": lambda: client.get(edit),
        "edit_post": lambda: client.post(edit, FORM),
        "submit": lambda: client.post(submit),
        "submit_own": lambda: client.post(submit),
        "admin_add": lambda: client.get(reverse("admin:blog_article_add")),
        "admin_change": lambda: client.get(admin_change),
        "admin_publish": lambda: client.post(
            reverse("admin:blog_article_changelist"), publish
        ),
    }
    return calls[endpoint]()


@pytest.mark.parametrize(("role", "endpoint", "expected"), CASES)
def test_role_gets_the_expected_status(
    client, author_a, draft_a, role, endpoint, expected
):
    user = author_a.user if role == "author" else make_user(role)
    if user is not None:
        client.force_login(user)
    article = own_draft(user, draft_a) if endpoint == "submit_own" else draft_a
    response = request(client, endpoint, article)
    assert response.status_code == expected


@pytest.mark.parametrize("endpoint", [e for e in MATRIX if not e.startswith("admin")])
def test_anonymous_visitor_is_sent_to_the_sign_in_page(client, draft_a, endpoint):
    response = request(client, endpoint, draft_a)
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", [r for r in ROLES if r != "author"])
def test_nobody_but_its_author_changes_or_submits_the_draft(client, draft_a, role):
    user = make_user(role)
    if user is not None:
        client.force_login(user)
    request(client, "edit_post", draft_a)
    request(client, "submit", draft_a)
    draft_a.refresh_from_db()
    assert (draft_a.title, draft_a.status) == ("A's draft", Status.DRAFT)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "editor"])
def test_only_an_editor_publishes_through_the_admin(client, draft_a, role):
    user = make_user(role) if role != "author" else draft_a.author.user
    if user is not None:
        client.force_login(user)
    request(client, "admin_publish", draft_a)
    draft_a.refresh_from_db()
    assert draft_a.status == Status.DRAFT


def test_the_editors_publish_action_publishes(client, draft_a):
    client.force_login(make_user("editor"))
    request(client, "admin_publish", draft_a)
    draft_a.refresh_from_db()
    assert draft_a.status == Status.PUBLISHED
