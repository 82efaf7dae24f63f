"""Deleting from the moderation queue: it asks first and can be undone for a minute."""

import re
import time
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from comments import moderation, privacy
from comments.models import Comment, ModerationEvent
from core import pagecache
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


def delete_url(comment):
    return reverse(
        "comments:moderation_action", kwargs={"pk": comment.pk, "action": "delete"}
    )


def delete(client, *comments, confirm="yes"):
    data = {"action": "delete", "comments": [c.pk for c in comments]}
    if confirm:
        data["confirm"] = confirm
    return client.post(BULK, data)


def undo_token(client):
    """The token of the Undo button the queue shows now."""
    page = client.get(QUEUE).text
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


@contextmanager
def seconds_later(seconds):
    """The clocks of signatures, sessions and the database, `seconds` on."""
    now, wall = timezone.now(), time.time()
    with (
        mock.patch("time.time", return_value=wall + seconds),
        mock.patch(
            "django.utils.timezone.now", return_value=now + timedelta(seconds=seconds)
        ),
    ):
        yield


def status_of(comment):
    return Comment.objects.get(pk=comment.pk).status


def count(article):
    return Article.objects.get(pk=article.pk).comment_count


def test_a_rows_delete_link_shows_a_page_that_asks_first(client, moderator):
    comment = CommentFactory(pending=True, body="Rather rude words")
    page = client.get(delete_url(comment)).text
    assert "Delete this comment?" in page
    assert "Rather rude words" in page
    assert 'name="confirm" value="yes"' in page


def test_a_post_to_a_rows_delete_only_asks_too(client, moderator):
    comment = CommentFactory(pending=True)
    response = client.post(delete_url(comment))
    assert "Delete this comment?" in response.text
    assert status_of(comment) == Comment.Status.PENDING


def test_a_bulk_delete_asks_first_naming_every_ticked_comment(client, moderator):
    first, second = CommentFactory.create_batch(2, spam=True)
    page = delete(client, first, second, confirm=None).text
    assert "Delete these 2 comments?" in page
    assert page.count('type="hidden" name="comments"') == 2
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 2
    assert not ModerationEvent.objects.exists()


def test_the_confirmation_page_cancels_back_to_where_the_moderator_was(
    client, moderator
):
    comment = CommentFactory(pending=True)
    page = client.get(delete_url(comment), {"next": "/moderation/?status=spam"}).text
    assert 'href="/moderation/?status=spam">Cancel' in page


def test_a_confirmed_delete_hides_the_comment_from_the_queue(client, moderator):
    comment = CommentFactory(pending=True, name="Gone Soon")
    delete(client, comment)
    assert status_of(comment) == Comment.Status.DELETED
    assert "Gone Soon" not in client.get(QUEUE, {"status": "all"}).text


def test_after_deleting_the_queue_offers_undo(client, moderator):
    comment = CommentFactory(pending=True)
    page = client.post(
        BULK,
        {"action": "delete", "comments": [comment.pk], "confirm": "yes"},
        follow=True,
    ).text
    assert "1 comment deleted. You can undo this for a minute." in page
    assert f'action="{UNDO}"' in page
    assert ">Undo</button>" in page


def test_the_undo_offer_leaves_the_queue_after_a_minute(client, moderator):
    delete(client, CommentFactory(pending=True))
    with seconds_later(61):
        assert ">Undo</button>" not in client.get(QUEUE).text


def test_undo_within_a_minute_brings_the_comment_back_as_it_was(client, moderator):
    comment = CommentFactory(spam=True)
    delete(client, comment)
    token = undo_token(client)
    with seconds_later(50):
        page = client.post(UNDO, {"token": token}, follow=True).text
    assert "1 comment restored." in page
    assert status_of(comment) == Comment.Status.SPAM


def test_undo_restores_every_comment_of_a_bulk_delete(client, moderator):
    comments = CommentFactory.create_batch(3, pending=True)
    delete(client, *comments)
    client.post(UNDO, {"token": undo_token(client)})
    assert Comment.objects.pending().count() == 3


def test_undo_is_recorded(client, moderator):
    comment = CommentFactory(pending=True)
    delete(client, comment)
    client.post(UNDO, {"token": undo_token(client)})
    event = ModerationEvent.objects.get(action=ModerationEvent.Action.RESTORE)
    assert (event.comment, event.actor) == (comment, moderator)


def test_undo_after_a_minute_is_refused_and_the_comment_stays_deleted(
    client, moderator
):
    comment = CommentFactory(pending=True)
    delete(client, comment)
    token = undo_token(client)
    with seconds_later(61):
        response = client.post(UNDO, {"token": token}, follow=True)
    assert "Too late to undo" in response.text
    assert not Comment.objects.not_deleted().filter(pk=comment.pk).exists()


def test_a_deletion_over_a_minute_old_stays_deleted_whatever_the_token(
    client, moderator
):
    comment = CommentFactory(pending=True)
    delete(client, comment)
    token = undo_token(client)
    long_ago = timezone.now() - timedelta(minutes=2)
    Comment.objects.filter(pk=comment.pk).update(deleted_at=long_ago)
    page = client.post(UNDO, {"token": token}, follow=True).text
    assert "Nothing was restored" in page
    assert not Comment.objects.not_deleted().exists()


def test_undoing_twice_restores_once(client, moderator):
    comment = CommentFactory(pending=True)
    delete(client, comment)
    token = undo_token(client)
    client.post(UNDO, {"token": token})
    page = client.post(UNDO, {"token": token}, follow=True).text
    assert "Nothing was restored" in page
    assert ModerationEvent.objects.filter(action="restore").count() == 1


def test_the_queue_purges_a_deletion_once_its_minute_is_over(client, moderator):
    comment = CommentFactory(pending=True)
    delete(client, comment)
    with seconds_later(61):
        client.get(QUEUE)
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_deleting_an_approved_comment_takes_it_off_the_count(client, moderator):
    comment = CommentFactory()
    delete(client, comment)
    assert count(comment.article) == 0


def test_undoing_the_deletion_puts_it_back_in_the_count(client, moderator):
    comment = CommentFactory()
    delete(client, comment)
    client.post(UNDO, {"token": undo_token(client)})
    assert count(comment.article) == 1


def test_purging_keeps_the_replies_in_the_count(client, moderator):
    parent = CommentFactory()
    CommentFactory(article=parent.article, parent=parent)
    delete(client, parent)
    with seconds_later(61):
        moderation.purge_deleted_comments()
    assert count(parent.article) == 1


def test_deleting_an_approved_comment_ends_the_cached_pages(client, moderator):
    comment = CommentFactory()
    pagecache.start_generation()
    before = pagecache.current_generation()
    delete(client, comment)
    assert pagecache.current_generation() != before


def test_undoing_the_deletion_ends_the_cached_pages(client, moderator):
    comment = CommentFactory()
    delete(client, comment)
    token = undo_token(client)
    pagecache.start_generation()
    before = pagecache.current_generation()
    client.post(UNDO, {"token": token})
    assert pagecache.current_generation() != before


def test_readers_lose_a_deleted_comment_and_get_it_back_on_undo(client, moderator):
    comment = CommentFactory(body="A remark worth keeping")
    url = comment.article.get_absolute_url()
    delete(client, comment)
    assert "A remark worth keeping" not in client.get(url).text
    client.post(UNDO, {"token": undo_token(client)})
    assert "A remark worth keeping" in client.get(url).text


def test_other_actions_leave_a_deleted_comment_deleted(moderator):
    comment = CommentFactory(pending=True)
    moderation.moderate_comment(comment=comment, action="delete", by=moderator)
    changed = moderation.moderate_comment(
        comment=comment, action="approve", by=moderator
    )
    assert not changed
    assert status_of(comment) == Comment.Status.DELETED


def test_erasing_a_commenters_data_removes_a_comment_still_open_to_undo(
    moderator,
):
    comment = CommentFactory(pending=True, email="ada@example.org")
    moderation.moderate_comment(comment=comment, action="delete", by=moderator)
    privacy.delete_commenter_data("ada@example.org", by=moderator)
    assert not Comment.objects.filter(pk=comment.pk).exists()
