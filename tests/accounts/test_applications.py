"""Applying to join the authors team, and what the account page says."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import AuthorApplication

pytestmark = pytest.mark.django_db

APPLY = reverse("accounts:apply")
ACCOUNT = reverse("accounts:account")


def data(**overrides):
    return {
        "bio": "I teach chemistry.",
        "topics": "Kitchen science.",
        "sample_url": "https://example.org/my-post",
        **overrides,
    }


def test_applying_requires_signing_in(client):
    assert client.get(APPLY)["Location"].startswith(reverse("login"))


def test_an_unverified_registrant_is_told_to_confirm_their_address_first(
    client, registrant
):
    client.force_login(registrant)
    response = client.get(APPLY)
    assert response.status_code == 403
    assert b"Confirm your email address first" in response.content
    assert reverse("accounts:resend_verification").encode() in response.content


def test_an_unverified_registrant_cannot_post_an_application(client, registrant):
    client.force_login(registrant)
    assert client.post(APPLY, data()).status_code == 403
    assert not AuthorApplication.objects.exists()


def test_a_verified_applicant_sees_a_labelled_form(client, applicant):
    client.force_login(applicant)
    body = client.get(APPLY).content.decode()
    for name in ["bio", "topics", "sample_url"]:
        assert f'for="id_{name}"' in body


def test_applying_records_a_pending_application(client, applicant):
    client.force_login(applicant)
    response = client.post(APPLY, data())
    assert response["Location"] == ACCOUNT
    application = AuthorApplication.objects.get()
    assert (application.user, application.status) == (applicant, "pending")


def test_the_link_to_earlier_work_is_optional(client, applicant):
    client.force_login(applicant)
    client.post(APPLY, data(sample_url=""))
    assert AuthorApplication.objects.get().sample_url == ""


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/x", "not a link"]
)
def test_a_link_that_is_not_http_or_https_is_a_form_error(client, applicant, url):
    client.force_login(applicant)
    response = client.post(APPLY, data(sample_url=url))
    assert "sample_url" in response.context["form"].errors
    assert not AuthorApplication.objects.exists()


def test_a_100000_character_bio_is_a_form_error(client, applicant):
    client.force_login(applicant)
    response = client.post(APPLY, data(bio="x" * 100_000))
    assert "bio" in response.context["form"].errors
    assert not AuthorApplication.objects.exists()


def test_empty_bio_and_topics_are_form_errors(client, applicant):
    client.force_login(applicant)
    response = client.post(APPLY, data(bio="", topics=""))
    assert {"bio", "topics"} <= set(response.context["form"].errors)


def test_one_pending_application_at_a_time(client, applicant):
    client.force_login(applicant)
    client.post(APPLY, data())
    response = client.post(APPLY, data(bio="Again."))
    assert response["Location"] == ACCOUNT
    assert AuthorApplication.objects.count() == 1


def test_a_declined_applicant_may_apply_again(client, applicant):
    AuthorApplication.objects.create(
        user=applicant, bio="b", topics="t", status="declined"
    )
    client.force_login(applicant)
    client.post(APPLY, data())
    assert AuthorApplication.objects.filter(status="pending").count() == 1


def test_an_author_is_not_asked_to_apply(client, applicant):
    applicant.groups.add(Group.objects.get(name="Authors"))
    client.force_login(applicant)
    assert client.get(APPLY)["Location"] == ACCOUNT


def test_hostile_html_in_the_application_is_escaped_in_the_admin(
    client, applicant, reviewer
):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    client.force_login(applicant)
    client.post(APPLY, data(bio=hostile, topics=hostile))
    application = AuthorApplication.objects.get()
    client.force_login(reviewer)
    url = reverse("admin:accounts_authorapplication_change", args=[application.pk])
    body = client.get(url).content.decode()
    assert hostile not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def account_page(client, user):
    client.force_login(user)
    return client.get(ACCOUNT).content.decode()


def test_the_account_page_requires_signing_in(client):
    assert client.get(ACCOUNT)["Location"].startswith(reverse("login"))


def test_the_account_page_says_the_address_is_not_confirmed(client, registrant):
    body = account_page(client, registrant)
    assert "not confirmed" in body
    assert "Confirm your email address first" in body


def test_the_account_page_invites_a_verified_user_to_apply(client, applicant):
    body = account_page(client, applicant)
    assert "confirmed" in body
    assert f'href="{APPLY}"' in body


def test_the_account_page_says_an_application_is_pending(client, applicant):
    AuthorApplication.objects.create(user=applicant, bio="b", topics="t")
    assert "application is pending" in account_page(client, applicant)


def test_the_account_page_gives_the_editors_note_on_a_decline(client, applicant):
    AuthorApplication.objects.create(
        user=applicant,
        bio="b",
        topics="t",
        status="declined",
        editor_note="<b>Write more</b> first.",
    )
    body = account_page(client, applicant)
    assert "declined: &lt;b&gt;Write more&lt;/b&gt; first." in body


def test_the_account_page_tells_an_author_they_can_submit(client, applicant):
    applicant.groups.add(Group.objects.get(name="Authors"))
    assert "Approved — you can submit articles" in account_page(client, applicant)


def test_the_account_page_links_to_password_and_email_changes(client, applicant):
    body = account_page(client, applicant)
    assert reverse("password_change") in body
    assert reverse("accounts:email_change") in body


def test_the_footer_registration_link_is_the_register_page(client):
    body = client.get(reverse("blog:article_list")).content.decode()
    assert f'<a href="{reverse("accounts:register")}">Registration</a>' in body
