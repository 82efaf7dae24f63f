"""The moderation queue page, its per-row buttons, bulk actions and filters."""

import pytest
from django.urls import reverse

from comments.models import Comment, ModerationEvent
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/moderation/"


@pytest.fixture
def moderator(client):
    user = UserFactory(groups=["Moderators"])
    client.force_login(user)
    return user


def action_url(comment, action):
    return reverse(
        "comments:moderation_action", kwargs={"pk": comment.pk, "action": action}
    )


def test_queue_shows_what_a_moderator_needs_to_judge(client, moderator):
    comment = CommentFactory(
        pending=True,
        name="Ada",
        email="ada@example.org",
        ip_address="203.0.113.9",
        body="Buy cheap things",
        held_reason="3 links, more than 2",
    )
    page = client.get(QUEUE).text
    for text in ["Ada", "ada@example.org", "203.0.113.9", "Buy cheap things"]:
        assert text in page
    assert "3 links, more than 2" in page
    assert comment.article.get_absolute_url() in page


def test_queue_lists_pending_before_spam_and_leaves_out_approved(client, moderator):
    CommentFactory(spam=True, name="Spammy")
    CommentFactory(pending=True, name="Waiting")
    CommentFactory(name="Published")
    page = client.get(QUEUE).text
    assert page.index("Waiting") < page.index("Spammy")
    assert "Published" not in page


def test_queue_filters_by_status(client, moderator):
    CommentFactory(pending=True, name="Waiting")
    CommentFactory(name="Published")
    page = client.get(QUEUE, {"status": "approved"}).text
    assert "Published" in page
    assert "Waiting" not in page


def test_queue_filters_by_article(client, moderator):
    CommentFactory(pending=True, name="Here")
    other = CommentFactory(pending=True, name="Elsewhere")
    page = client.get(QUEUE, {"article": other.article.pk}).text
    assert "Elsewhere" in page
    assert "Here</strong>" not in page


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"article": "999999"},
        {"article": "x; drop"},
        {"article": "9" * 25},
    ],
)
def test_queue_answers_unknown_filters_with_400_not_a_crash(client, moderator, query):
    response = client.get(QUEUE, query)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_queue_is_paginated(client, moderator):
    CommentFactory.create_batch(26, pending=True)
    first = client.get(QUEUE)
    assert first.text.count('name="comments"') == 25
    assert client.get(QUEUE, {"page": 2}).text.count('name="comments"') == 1


def test_queue_answers_a_page_out_of_range_with_404(client, moderator):
    assert client.get(QUEUE, {"page": 9}).status_code == 404


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")],
)
def test_row_button_changes_status_and_records_it(client, moderator, action, status):
    comment = CommentFactory(pending=True)
    response = client.post(action_url(comment, action))
    assert response.status_code == 303
    comment.refresh_from_db()
    assert comment.status == status
    assert ModerationEvent.objects.get().actor == moderator


def test_row_delete_link_asks_first_and_deletes_nothing(client, moderator):
    comment = CommentFactory(spam=True)
    page = client.get(action_url(comment, "delete")).text
    assert "Delete this comment?" in page
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert not ModerationEvent.objects.exists()


def test_row_action_returns_to_the_filtered_queue(client, moderator):
    comment = CommentFactory(pending=True)
    response = client.post(
        action_url(comment, "approve"), {"next": "/moderation/?status=spam"}
    )
    assert response["Location"] == "/moderation/?status=spam"


def test_row_action_never_redirects_off_site(client, moderator):
    comment = CommentFactory(pending=True)
    response = client.post(
        action_url(comment, "approve"), {"next": "https://evil.test/"}
    )
    assert response["Location"] == QUEUE


def test_row_action_says_what_happened(client, moderator):
    comment = CommentFactory(pending=True, name="Ada")
    page = client.post(action_url(comment, "approve"), follow=True).text
    assert "Comment by Ada approved." in page


def test_unknown_action_or_comment_is_a_404(client, moderator):
    comment = CommentFactory(pending=True)
    assert client.post(action_url(comment, "publish")).status_code == 404
    missing = reverse(
        "comments:moderation_action", kwargs={"pk": 999999, "action": "approve"}
    )
    assert client.post(missing).status_code == 404
    assert client.post(f"/moderation/{'9' * 25}/approve/").status_code == 404


def test_bulk_action_applies_to_every_ticked_comment(client, moderator):
    ticked = CommentFactory.create_batch(2, pending=True)
    untouched = CommentFactory(pending=True)
    data = {"action": "approve", "comments": [c.pk for c in ticked]}
    response = client.post(reverse("comments:moderation_bulk"), data, follow=True)
    assert "2 comments approved." in response.text
    assert Comment.objects.approved().count() == 2
    untouched.refresh_from_db()
    assert untouched.status == Comment.Status.PENDING
    assert ModerationEvent.objects.count() == 2


def test_confirmed_bulk_delete_deletes_every_ticked_comment(client, moderator):
    ticked = CommentFactory.create_batch(3, spam=True)
    data = {"action": "delete", "comments": [c.pk for c in ticked], "confirm": "yes"}
    client.post(reverse("comments:moderation_bulk"), data)
    assert not Comment.objects.not_deleted().exists()
    assert ModerationEvent.objects.filter(action="delete").count() == 3


@pytest.mark.parametrize(
    "data",
    [
        {"action": "approve"},
        {"action": "", "comments": ["1"]},
        {"action": "approve", "comments": ["999999"]},
        {"action": "approve", "comments": ["abc"]},
        {"action": "approve", "comments": ["9" * 25]},
        {"action": "explode", "comments": ["1"]},
    ],
)
def test_bad_bulk_post_changes_nothing_and_says_why(client, moderator, data):
    comment = CommentFactory(pending=True, pk=1)
    response = client.post(reverse("comments:moderation_bulk"), data, follow=True)
    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.text
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_queue_page_works_without_javascript(client, moderator):
    comment = CommentFactory(pending=True)
    page = client.get(QUEUE).text
    body = page.split("</head>")[1]
    assert body.count("<script") == body.count("<script src=")  # none inline
    assert f'href="{action_url(comment, "delete")}?next=' in page
    assert f'action="{action_url(comment, "approve")}"' in page
    assert 'form="bulk-actions"' in page
    assert 'id="bulk-actions"' in page
    assert "csrfmiddlewaretoken" in page


def test_editor_sees_drafts_comments_in_the_queue(client):
    client.force_login(UserFactory(groups=["Editors"]))
    CommentFactory(pending=True, article=ArticleFactory(draft=True), name="Early")
    assert "Early" in client.get(QUEUE).text
