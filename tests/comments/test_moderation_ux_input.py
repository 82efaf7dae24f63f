"""Delete and undo in the queue: who may use them, and bad input never a 500."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from comments import moderation
from comments.models import Comment, ModerationEvent
from comments.notifications import make_moderation_token
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("comments:moderation_queue")
BULK = reverse("comments:moderation_bulk")
UNDO = reverse("comments:moderation_undo")


@pytest.fixture
def moderator(client):
    user = UserFactory(groups=["Moderators"])
    client.force_login(user)
    return user


def delete_url(comment_id, action="delete"):
    return reverse(
        "comments:moderation_action", kwargs={"pk": comment_id, "action": action}
    )


def deleted_by(user, *comments):
    """Comments `user` deleted just now, and the token that undoes it."""
    moderation.moderate_comments(comments=comments, action="delete", by=user)
    return moderation.make_undo_token(comment_ids=[c.pk for c in comments], by=user)


def test_anonymous_visitor_is_sent_to_log_in_from_the_delete_page(client):
    comment = CommentFactory(pending=True)
    response = client.get(delete_url(comment.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_visitor_is_sent_to_log_in_from_undo(client, moderator_user):
    token = deleted_by(moderator_user, CommentFactory(pending=True))
    response = Client().post(UNDO, {"token": token})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("groups", [[], ["Authors"]])
def test_a_user_without_the_permission_gets_403_from_the_delete_page(client, groups):
    comment = CommentFactory(pending=True)
    client.force_login(UserFactory(is_staff=True, groups=groups))
    assert client.get(delete_url(comment.pk)).status_code == 403


def test_a_user_without_the_permission_cannot_undo(client, moderator_user):
    comment = CommentFactory(pending=True)
    token = deleted_by(moderator_user, comment)
    client.force_login(UserFactory(is_staff=True))
    assert client.post(UNDO, {"token": token}).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.DELETED


def test_another_moderators_undo_token_is_refused_with_403(client, moderator):
    comment = CommentFactory(pending=True)
    token = deleted_by(UserFactory(groups=["Moderators"]), comment)
    response = client.post(UNDO, {"token": token})
    assert response.status_code == 403
    assert "Only the moderator who deleted" in response.text
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.DELETED


def test_undo_refuses_a_get(client, moderator):
    assert client.get(UNDO).status_code == 405


def test_undo_checks_csrf(moderator_user):
    comment = CommentFactory(pending=True)
    token = deleted_by(moderator_user, comment)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator_user)
    assert strict.post(UNDO, {"token": token}).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.DELETED


@pytest.mark.parametrize(
    "token",
    ["", "forged", "a:b:c", "nul\x00byte", "\x00", "é" * 50, "x" * 5000],
)
def test_a_forged_or_damaged_undo_token_is_a_400(client, moderator, token):
    response = client.post(UNDO, {"token": token})
    assert response.status_code == 400
    assert "not valid" in response.text


def test_a_token_signed_for_something_else_is_not_an_undo(client, moderator):
    comment = CommentFactory(pending=True)
    deleted_by(moderator, comment)
    token = make_moderation_token(
        comment_id=comment.pk, action="approve", moderator_id=moderator.pk
    )
    assert client.post(UNDO, {"token": token}).status_code == 400


@pytest.mark.parametrize(
    "data",
    [["1", "2"], {"ids": "1", "by": 1}, {"ids": ["1"], "by": 1}, {"by": 1}],
)
def test_an_undo_token_of_the_wrong_shape_is_a_400(client, moderator, data):
    token = signing.TimestampSigner(salt=moderation.UNDO_SALT).sign_object(data)
    assert client.post(UNDO, {"token": token}).status_code == 400


def test_an_undo_token_restores_nothing_it_does_not_name(client, moderator):
    named, other = CommentFactory.create_batch(2, pending=True)
    token = deleted_by(moderator, named)
    deleted_by(moderator, other)
    client.post(UNDO, {"token": token})
    assert Comment.objects.get(pk=other.pk).status == Comment.Status.DELETED


@pytest.mark.parametrize(
    "ids", [["999999"], ["abc"], ["9" * 25], ["1\x00"], ["-1"], ["1.5"]]
)
def test_a_delete_of_forged_ids_deletes_nothing_and_says_why(client, moderator, ids):
    comment = CommentFactory(pending=True, pk=1)
    data = {"action": "delete", "comments": ids, "confirm": "yes"}
    response = client.post(BULK, data, follow=True)
    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.text
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING


def test_a_comment_already_deleted_cannot_be_deleted_again(client, moderator):
    comment = CommentFactory(pending=True)
    deleted_by(moderator, comment)
    data = {"action": "delete", "comments": [comment.pk], "confirm": "yes"}
    client.post(BULK, data)
    assert client.get(delete_url(comment.pk)).status_code == 404
    assert ModerationEvent.objects.filter(action="delete").count() == 1


def test_the_delete_page_of_a_missing_comment_is_a_404(client, moderator):
    assert client.get(delete_url(999999)).status_code == 404


def test_restore_is_not_an_action_of_the_rows(client, moderator):
    comment = CommentFactory(pending=True)
    assert client.post(delete_url(comment.pk, "restore")).status_code == 404


def test_other_row_actions_still_refuse_a_get(client, moderator):
    comment = CommentFactory(pending=True)
    assert client.get(delete_url(comment.pk, "reject")).status_code == 405


@pytest.mark.parametrize(
    "next_url", ["/moderation/\x00", "\x00https://evil.test/", "javascript:alert(1)"]
)
def test_a_strange_next_address_leads_back_to_the_queue(client, moderator, next_url):
    comment = CommentFactory(pending=True)
    page = client.get(delete_url(comment.pk), {"next": next_url}).text
    assert f'href="{QUEUE}">Cancel' in page
    data = {"action": "delete", "comments": [comment.pk], "confirm": "yes"}
    response = client.post(BULK, {**data, "next": next_url})
    assert response["Location"] == QUEUE


@pytest.mark.parametrize("query", [{"status": "\x00"}, {"article": "1\x00"}])
def test_nul_bytes_in_the_queues_filters_are_a_400(client, moderator, query):
    assert client.get(QUEUE, query).status_code == 400


def test_the_filters_do_not_offer_deleted_comments(client, moderator):
    CommentFactory(pending=True)
    assert client.get(QUEUE, {"status": "deleted"}).status_code == 400


def test_an_emailed_link_to_a_deleted_comment_is_a_404(client, moderator):
    comment = CommentFactory(pending=True)
    token = make_moderation_token(
        comment_id=comment.pk, action="approve", moderator_id=moderator.pk
    )
    deleted_by(moderator, comment)
    assert client.get(f"/moderation/c/{token}/").status_code == 404
