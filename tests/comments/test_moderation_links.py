"""Emailed one-click links: approve/reject for moderators, unsubscribe for readers."""

import re
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from comments import notifications, tasks
from comments.models import Comment, ModerationEvent
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return UserFactory(groups=["Moderators"], email="mod@example.com")


def link(comment, action, moderator):
    token = notifications.make_moderation_token(
        comment_id=comment.pk, action=action, moderator_id=moderator.pk
    )
    return reverse("comments:moderation_link", kwargs={"token": token})


def test_get_on_a_link_asks_and_changes_nothing(client, moderator):
    comment = CommentFactory(pending=True, body="Worth a look")
    response = client.get(link(comment, "approve", moderator))
    assert response.status_code == 200
    assert "Approve this comment" in response.text
    assert "Worth a look" in response.text
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not ModerationEvent.objects.exists()


def test_confirmation_page_shows_no_commenter_email(client, moderator):
    comment = CommentFactory(pending=True, email="secret@example.org")
    assert (
        "secret@example.org" not in client.get(link(comment, "approve", moderator)).text
    )


@pytest.mark.parametrize(
    ("action", "status"), [("approve", "approved"), ("reject", "rejected")]
)
def test_post_on_a_link_acts_for_the_moderator_without_a_login(
    client, moderator, action, status
):
    comment = CommentFactory(pending=True)
    response = client.post(link(comment, action, moderator))
    assert response.status_code == 200
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, moderator)
    assert ModerationEvent.objects.get().actor == moderator


def test_acting_twice_on_a_link_is_harmless(client, moderator):
    comment = CommentFactory(pending=True)
    url = link(comment, "approve", moderator)
    client.post(url)
    response = client.post(url)
    assert response.status_code == 200
    assert "Already approved" in response.text
    assert ModerationEvent.objects.count() == 1


def test_a_link_works_for_its_own_comment_only(client, moderator):
    comment = CommentFactory(pending=True)
    other = CommentFactory(pending=True)
    client.post(link(comment, "approve", moderator))
    other.refresh_from_db()
    assert other.status == Comment.Status.PENDING


def test_an_expired_link_is_refused_with_a_clear_message(client, moderator):
    comment = CommentFactory(pending=True)
    four_days_ago = time.time() - 4 * 24 * 3600
    with mock.patch("time.time", return_value=four_days_ago):
        url = link(comment, "approve", moderator)
    response = client.post(url)
    assert response.status_code == 400
    assert "expired" in response.text
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_link_still_works_within_three_days(client, moderator):
    comment = CommentFactory(pending=True)
    with mock.patch("time.time", return_value=time.time() - 2 * 24 * 3600):
        url = link(comment, "approve", moderator)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "token", ["nonsense", "eyJjIjoxfQ:1v:abc", "a" * 300, "%00", "..:..:.."]
)
def test_a_forged_or_damaged_link_is_a_400(client, token):
    response = client.get(f"/moderation/c/{token}/")
    assert response.status_code == 400
    assert "not valid" in response.text


def test_a_token_changed_to_another_action_is_refused(client, moderator):
    comment = CommentFactory(pending=True)
    token = link(comment, "approve", moderator).split("/")[-2]
    signature = token.rsplit(":", 1)[1]
    forged = notifications.make_moderation_token(
        comment_id=comment.pk, action="reject", moderator_id=moderator.pk
    ).rsplit(":", 1)[0]
    assert client.post(f"/moderation/c/{forged}:{signature}/").status_code == 400


def test_a_token_signed_for_something_else_is_refused(client, moderator):
    comment = CommentFactory(pending=True)
    token = notifications.make_unsubscribe_token(comment)
    assert client.post(f"/moderation/c/{token}/").status_code == 400


def test_a_link_to_a_deleted_comment_is_a_404(client, moderator):
    comment = CommentFactory(pending=True)
    url = link(comment, "approve", moderator)
    comment.delete()
    response = client.get(url)
    assert response.status_code == 404
    assert "no longer exists" in response.text


def test_a_link_of_a_moderator_who_lost_the_right_is_refused(client, moderator):
    comment = CommentFactory(pending=True)
    url = link(comment, "approve", moderator)
    moderator.groups.clear()
    assert client.post(url).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_emailed_approve_link_works(client, moderator, mailoutbox):
    comment = CommentFactory(pending=True)
    tasks.notify_new_comment(comment)
    url = re.search(r"Approve it: http://[^/]+(/\S+)", mailoutbox[0].body)[1]
    client.post(url)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


# Unsubscribe


def unsubscribe_url(comment):
    token = notifications.make_unsubscribe_token(comment)
    return reverse("comments:comment_unsubscribe", kwargs={"token": token})


def test_get_on_unsubscribe_asks_and_changes_nothing(client):
    comment = CommentFactory(notify_replies=True)
    response = client.get(unsubscribe_url(comment))
    assert response.status_code == 200
    assert "Stop these emails" in response.text
    comment.refresh_from_db()
    assert comment.notify_replies


def test_post_on_unsubscribe_stops_reply_emails_for_that_comment(client):
    comment = CommentFactory(notify_replies=True)
    other = CommentFactory(notify_replies=True, email=comment.email)
    assert client.post(unsubscribe_url(comment)).status_code == 200
    comment.refresh_from_db()
    other.refresh_from_db()
    assert (comment.notify_replies, other.notify_replies) == (False, True)


def test_unsubscribing_twice_is_harmless(client):
    comment = CommentFactory(notify_replies=True)
    client.post(unsubscribe_url(comment))
    assert client.post(unsubscribe_url(comment)).status_code == 200


@pytest.mark.parametrize("token", ["nonsense", "eyJjIjoxfQ:abc"])
def test_a_forged_unsubscribe_link_is_a_400(client, token):
    assert client.post(f"/comments/unsubscribe/{token}/").status_code == 400


def test_a_moderation_token_does_not_unsubscribe(client, moderator):
    comment = CommentFactory(notify_replies=True)
    token = link(comment, "approve", moderator).split("/")[-2]
    assert client.post(f"/comments/unsubscribe/{token}/").status_code == 400


def test_links_check_csrf_on_post(moderator):
    comment = CommentFactory(pending=True)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(link(comment, "approve", moderator)).status_code == 403
