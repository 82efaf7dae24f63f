"""Moderation in the Django admin: the same actions, recorded the same way."""

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from comments.models import BlockedTerm, Comment, ModerationEvent
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator(client):
    user = UserFactory(is_staff=True, groups=["Moderators"])
    client.force_login(user)
    return user


def run_action(client, action, comments, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments], **extra}
    return client.post(CHANGELIST, data)


def test_changelist_lists_pending_first_then_spam(client, moderator):
    CommentFactory(name="Published")
    CommentFactory(spam=True, name="Spammy")
    CommentFactory(pending=True, name="Waiting")
    page = client.get(CHANGELIST).text
    assert page.index("Waiting") < page.index("Spammy") < page.index("Published")


def test_changelist_shows_why_a_comment_was_held(client, moderator):
    CommentFactory(pending=True, held_reason="matched blocked word “casino”")
    assert "matched blocked word “casino”" in client.get(CHANGELIST).text


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")],
)
def test_admin_action_changes_status_and_records_it(client, moderator, action, status):
    comments = CommentFactory.create_batch(2, pending=True)
    run_action(client, action, comments)
    assert Comment.objects.filter(status=status).count() == 2
    events = ModerationEvent.objects.all()
    assert len(events) == 2
    assert {e.actor for e in events} == {moderator}


def test_admin_delete_action_deletes_and_records(client, moderator):
    comments = CommentFactory.create_batch(2, spam=True)
    run_action(client, "delete_comments", comments)
    assert not Comment.objects.not_deleted().exists()
    assert ModerationEvent.objects.filter(action="delete").count() == 2


def test_django_unrecorded_bulk_delete_is_not_offered(client, moderator):
    CommentFactory(pending=True)
    assert "delete_selected" not in client.get(CHANGELIST).text


def test_deleting_from_the_change_page_is_recorded(client, moderator):
    comment = CommentFactory(pending=True)
    url = reverse("admin:comments_comment_delete", args=[comment.pk])
    client.post(url, {"post": "yes"})
    assert not Comment.objects.not_deleted().exists()
    assert ModerationEvent.objects.get().action == "delete"


def test_delete_page_does_not_claim_the_replies_go_too(client, moderator):
    comment = CommentFactory(name="Parent")
    CommentFactory(article=comment.article, parent=comment, name="Answer")
    url = reverse("admin:comments_comment_delete", args=[comment.pk])
    page = client.get(url).text
    assert "Parent on" in page
    assert "Answer on" not in page
    client.post(url, {"post": "yes"})
    assert Comment.objects.not_deleted().get().name == "Answer"


def test_status_cannot_be_changed_by_editing_the_form(client, moderator):
    comment = CommentFactory(pending=True)
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    assert 'name="status"' not in page


def test_staff_without_the_permission_cannot_moderate_in_the_admin(client):
    comment = CommentFactory(pending=True)
    client.force_login(UserFactory(is_staff=True, groups=["Authors"]))
    run_action(client, "approve", [comment])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_moderator_adds_a_blocked_term_stamped_with_their_name(client, moderator):
    url = reverse("admin:comments_blockedterm_add")
    client.post(url, {"kind": "word", "value": "  Casino "})
    term = BlockedTerm.objects.get()
    assert (term.value, term.created_by) == ("casino", moderator)


def test_a_duplicate_blocked_term_is_a_form_error_not_a_crash(client, moderator):
    BlockedTerm.objects.create(kind="word", value="casino")
    url = reverse("admin:comments_blockedterm_add")
    response = client.post(url, {"kind": "word", "value": "CASINO"})
    assert response.status_code == 200
    assert "already exists" in response.text
    assert BlockedTerm.objects.count() == 1


def test_moderation_log_is_readable_but_not_editable(client, moderator):
    comment = CommentFactory(pending=True)
    run_action(client, "approve", [comment])
    event = ModerationEvent.objects.get()
    assert (
        client.get(reverse("admin:comments_moderationevent_changelist")).status_code
        == 200
    )
    assert client.get(reverse("admin:comments_moderationevent_add")).status_code == 403
    change = reverse("admin:comments_moderationevent_change", args=[event.pk])
    client.post(change, {"action": "delete", "comment_summary": "edited"})
    event.refresh_from_db()
    assert event.comment_summary != "edited"


def test_export_action_downloads_every_comment_of_the_commenter(client, moderator):
    mine = CommentFactory(email="ada@example.org", body="First")
    CommentFactory(email="ADA@example.org", body="Second")
    CommentFactory(email="someone@example.org", body="Not hers")
    response = run_action(client, "export_commenter_data", [mine])
    data = json.loads(response.content)
    bodies = {c["body"] for c in data["commenters"][0]["comments"]}
    assert bodies == {"First", "Second"}
    assert response["Content-Disposition"].startswith("attachment")


def test_erase_action_asks_first_and_deletes_nothing_yet(client, moderator):
    comment = CommentFactory(email="ada@example.org")
    response = run_action(client, "delete_commenter_data", [comment])
    assert "ada@example.org" in response.text
    assert Comment.objects.count() == 1


def test_erase_action_once_confirmed_deletes_everything_for_the_email(
    client, moderator
):
    comment = CommentFactory(email="ada@example.org")
    CommentFactory(email="Ada@Example.org")
    kept = CommentFactory(email="bob@example.org")
    run_action(client, "delete_commenter_data", [comment], confirm="yes")
    assert list(Comment.objects.all()) == [kept]
