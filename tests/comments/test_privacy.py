"""Privacy commands: forget old IP addresses, export and erase one commenter."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.models import Comment, ModerationEvent, VerifiedCommenter
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


# purge_comment_ips


def test_purge_clears_the_ip_of_comments_older_than_90_days():
    old = CommentFactory(ip_address="203.0.113.1", created_at=days_ago(91))
    recent = CommentFactory(ip_address="203.0.113.2", created_at=days_ago(89))
    output = run("purge_comment_ips")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, recent.ip_address) == (None, "203.0.113.2")
    assert "1 comment" in output


def test_purge_takes_another_number_of_days():
    comment = CommentFactory(ip_address="203.0.113.1", created_at=days_ago(8))
    run("purge_comment_ips", "--days", "7")
    comment.refresh_from_db()
    assert comment.ip_address is None


def test_purge_keeps_everything_else_of_the_comment():
    comment = CommentFactory(ip_address="203.0.113.1", created_at=days_ago(100))
    run("purge_comment_ips")
    stored = Comment.objects.get()
    assert (stored.body, stored.email, stored.status) == (
        comment.body,
        comment.email,
        comment.status,
    )


def test_purge_refuses_negative_days():
    with pytest.raises(CommandError):
        run("purge_comment_ips", "--days", "-1")


# export_commenter_data


def test_export_prints_every_comment_stored_for_the_email_as_json():
    CommentFactory(email="ada@example.org", body="First", ip_address="203.0.113.1")
    CommentFactory(email="ADA@example.org", body="Second", status="spam")
    CommentFactory(email="bob@example.org", body="Not hers")
    VerifiedCommenter.objects.create(email="ada@example.org")
    data = json.loads(run("export_commenter_data", "ada@example.org"))
    assert [c["body"] for c in data["comments"]] == ["First", "Second"]
    assert data["comments"][0]["ip_address"] == "203.0.113.1"
    assert data["verified_email_at"] is not None


def test_export_of_an_unknown_email_is_empty_not_an_error():
    data = json.loads(run("export_commenter_data", "nobody@example.org"))
    assert data["comments"] == []


def test_export_refuses_something_that_is_not_an_email():
    with pytest.raises(CommandError):
        run("export_commenter_data", "not-an-email")


# delete_commenter_data


def test_delete_erases_every_comment_and_record_for_the_email():
    CommentFactory(email="ada@example.org")
    CommentFactory(email="Ada@Example.org", status="pending")
    kept = CommentFactory(email="bob@example.org")
    VerifiedCommenter.objects.create(email="ada@example.org")
    run("delete_commenter_data", "ada@example.org", "--no-input")
    assert list(Comment.objects.all()) == [kept]
    assert not VerifiedCommenter.objects.exists()


def test_delete_keeps_other_peoples_replies_one_level_up():
    hers = CommentFactory(email="ada@example.org")
    reply = CommentFactory(article=hers.article, parent=hers, body="I disagree")
    run("delete_commenter_data", "ada@example.org", "--no-input")
    reply.refresh_from_db()
    assert (reply.parent, reply.depth, reply.body) == (None, 1, "I disagree")


def test_delete_handles_a_commenter_answering_themselves():
    first = CommentFactory(email="ada@example.org")
    own = CommentFactory(article=first.article, parent=first, email="ada@example.org")
    other = CommentFactory(article=first.article, parent=own)
    run("delete_commenter_data", "ada@example.org", "--no-input")
    other.refresh_from_db()
    assert (other.parent, other.depth) == (None, 1)


def test_delete_leaves_the_log_without_the_commenters_name():
    comment = CommentFactory(email="ada@example.org", name="Ada Lovelace")
    ModerationEvent.objects.create(
        comment=comment, comment_summary=comment.summary(), action="approve"
    )
    run("delete_commenter_data", "ada@example.org", "--no-input")
    summaries = list(ModerationEvent.objects.values_list("comment_summary", flat=True))
    assert len(summaries) == 2
    assert not any("Ada" in summary for summary in summaries)


def test_delete_asks_before_deleting(monkeypatch):
    CommentFactory(email="ada@example.org")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError):
        run("delete_commenter_data", "ada@example.org")
    assert Comment.objects.count() == 1


def test_delete_goes_ahead_when_the_answer_is_yes(monkeypatch):
    CommentFactory(email="ada@example.org")
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    run("delete_commenter_data", "ada@example.org")
    assert not Comment.objects.exists()


def test_delete_refuses_something_that_is_not_an_email():
    with pytest.raises(CommandError):
        run("delete_commenter_data", "*", "--no-input")
