"""Editors hear of an application, decide it on its own page, and are never
invited to apply themselves; the admin and the sign-in page carry the site's name."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from accounts import emails, services
from accounts.models import AuthorApplication

pytestmark = pytest.mark.django_db


def change_url(application):
    return reverse("admin:accounts_authorapplication_change", args=[application.pk])


@pytest.fixture
def application(applicant):
    return AuthorApplication.objects.create(
        user=applicant, bio="I teach chemistry.", topics="Kitchen science."
    )


def apply(applicant, capture):
    with capture(execute=True):
        return services.apply_to_write(
            user=applicant, bio="I teach.", topics="Kitchen science."
        )


def test_editors_are_emailed_when_an_application_arrives(
    applicant, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    apply(applicant, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[reviewer.email]]
    assert applicant.username in mailoutbox[0].subject


def test_the_email_links_to_the_applications_page(
    applicant, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply(applicant, django_capture_on_commit_callbacks)
    assert change_url(application) in mailoutbox[0].body


def test_nobody_is_emailed_of_an_application_decided_before_the_task_ran(
    application, reviewer, mailoutbox
):
    services.decide_application(application=application, approve=True, by=reviewer)
    mailoutbox.clear()
    assert emails.application_received_letters(application.pk) == []


def test_the_applications_page_offers_approve_and_decline(
    client, reviewer, application
):
    client.force_login(reviewer)
    text = client.get(change_url(application)).text
    assert 'value="approve"' in text
    assert 'value="decline"' in text


def decide_on_its_page(client, application, **extra):
    data = {
        "CHANGE_FORM-action": "approve",
        helpers.ACTION_CHECKBOX_NAME: [application.pk],
        **extra,
    }
    return client.post(change_url(application), data)


def test_deciding_from_the_applications_page_asks_for_the_note(
    client, reviewer, application
):
    client.force_login(reviewer)
    response = decide_on_its_page(client, application)
    assert 'name="note"' in response.text
    assert 'name="CHANGE_FORM-action" value="approve"' in response.text


def test_approving_from_the_applications_page_approves_it_with_the_note(
    client, reviewer, application
):
    client.force_login(reviewer)
    response = decide_on_its_page(client, application, confirm="1", note="Welcome!")
    application.refresh_from_db()
    assert (application.status, application.editor_note) == ("approved", "Welcome!")
    assert response.url == change_url(application)


def test_an_editors_account_page_does_not_invite_them_to_apply(client, reviewer):
    client.force_login(reviewer)
    text = client.get(reverse("accounts:account")).text
    assert "Apply to join the authors team" not in text
    assert "You are an editor" in text


def test_an_editor_cannot_apply(reviewer):
    reviewer.email_verified = True
    reviewer.save()
    with pytest.raises(services.ApplicationRefused):
        services.apply_to_write(user=reviewer, bio="b", topics="t")


def test_the_admin_carries_the_sites_name(client, reviewer, settings):
    client.force_login(reviewer)
    text = client.get(reverse("admin:index")).text
    assert "Django administration" not in text
    assert "Folio" in text


def test_the_sign_in_page_names_the_site_not_the_host(client):
    text = client.get(reverse("login")).text
    assert "<title>Sign in · Folio</title>" in text
