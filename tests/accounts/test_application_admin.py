"""Editors decide applications in the admin; the applicant hears either way."""

from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import AuthorApplication
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_authorapplication_changelist")


@pytest.fixture
def application(applicant):
    return AuthorApplication.objects.create(
        user=applicant, bio="I teach chemistry.", topics="Kitchen science."
    )


def act(client, action, applications, **extra):
    data = {
        "action": action,
        helpers.ACTION_CHECKBOX_NAME: [a.pk for a in applications],
        **extra,
    }
    return client.post(CHANGELIST, data)


def decide(client, capture, action, application, note=""):
    with capture(execute=True):
        return act(client, action, [application], confirm="1", note=note)


def test_editors_see_pending_applications_first_oldest_first(client, reviewer):
    users = [UserFactory() for _ in range(3)]
    old = timezone.now() - timedelta(days=3)
    decided = AuthorApplication.objects.create(
        user=users[0], bio="b", topics="t", status="approved"
    )
    newer = AuthorApplication.objects.create(user=users[1], bio="b", topics="t")
    older = AuthorApplication.objects.create(user=users[2], bio="b", topics="t")
    AuthorApplication.objects.filter(pk=older.pk).update(created_at=old)
    client.force_login(reviewer)
    shown = list(client.get(CHANGELIST).context["cl"].result_list)
    assert shown == [older, newer, decided]


def test_the_approve_action_asks_for_a_note_first(client, reviewer, application):
    client.force_login(reviewer)
    response = act(client, "approve", [application])
    assert response.status_code == 200
    assert b'name="note"' in response.content
    application.refresh_from_db()
    assert application.status == "pending"


def test_approving_adds_the_applicant_to_authors_and_emails_them(
    client, reviewer, application, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    decide(client, django_capture_on_commit_callbacks, "approve", application, "Hi!")
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.decided_by == reviewer
    assert application.decided_at is not None
    assert application.editor_note == "Hi!"
    assert services.is_author(application.user)
    assert [m.to for m in mailoutbox] == [[application.user.email]]
    assert "Welcome" in mailoutbox[0].subject
    assert "Hi!" in mailoutbox[0].body


def test_an_approved_author_is_not_made_staff(
    client, reviewer, application, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    decide(client, django_capture_on_commit_callbacks, "approve", application)
    application.user.refresh_from_db()
    assert not application.user.is_staff


def test_declining_keeps_the_applicant_out_and_emails_the_note(
    client, reviewer, application, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    note = "Send us a sample first."
    decide(client, django_capture_on_commit_callbacks, "decline", application, note)
    application.refresh_from_db()
    assert application.status == "declined"
    assert not services.is_author(application.user)
    assert note in mailoutbox[0].body
    assert note in mailoutbox[0].alternatives[0].content


def test_a_decided_application_is_not_decided_again(
    client, reviewer, application, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    decide(client, django_capture_on_commit_callbacks, "approve", application)
    decide(client, django_capture_on_commit_callbacks, "decline", application)
    application.refresh_from_db()
    assert application.status == "approved"
    assert len(mailoutbox) == 1


def test_an_overlong_note_is_refused_and_decides_nothing(
    client, reviewer, application, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    response = decide(
        client, django_capture_on_commit_callbacks, "approve", application, "x" * 3000
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "pending"
    assert not mailoutbox


def test_a_failed_email_does_not_undo_the_decision(
    client, reviewer, application, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "no.such.Backend"}}
    client.force_login(reviewer)
    response = decide(
        client, django_capture_on_commit_callbacks, "approve", application
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved"


@pytest.mark.parametrize("groups", [["Authors"], ["Moderators"], []])
def test_staff_without_the_review_permission_get_403(client, application, groups):
    client.force_login(UserFactory(is_staff=True, groups=groups))
    assert client.get(CHANGELIST).status_code == 403
    assert act(client, "approve", [application], confirm="1").status_code == 403
    application.refresh_from_db()
    assert application.status == "pending"


def test_a_non_staff_author_is_sent_to_the_admin_login(client, application):
    client.force_login(UserFactory(groups=["Authors"]))
    response = act(client, "approve", [application], confirm="1")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    application.refresh_from_db()
    assert application.status == "pending"


def test_a_viewer_without_the_review_permission_cannot_decide(client, application):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_authorapplication"))
    client.force_login(user)
    assert client.get(CHANGELIST).context["action_form"] is None  # no actions
    act(client, "approve", [application], confirm="1")
    application.refresh_from_db()
    assert application.status == "pending"


def test_editors_hold_the_review_permission():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"view_authorapplication", "review_authorapplication"} <= codenames


def test_a_hostile_note_is_escaped_in_the_html_email(
    client, reviewer, application, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    note = "<script>alert(1)</script>"
    decide(client, django_capture_on_commit_callbacks, "decline", application, note)
    html = mailoutbox[0].alternatives[0].content
    assert note not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
