"""The account services on their own: races and the rows they leave."""

import pytest
from django.db import IntegrityError

from accounts import services
from accounts.models import Author, AuthorApplication, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a sturdy Passphrase 42"


def register(**overrides):
    data = {
        "username": "newwriter",
        "email": "new@example.org",
        "display_name": "New Writer",
        "password": PASSWORD,
        **overrides,
    }
    return services.register_author(**data)


def test_register_author_returns_the_new_unverified_user():
    user = register()
    assert user.username == "newwriter"
    assert not user.email_verified


def test_register_author_creates_nothing_for_a_taken_address():
    UserFactory(email="new@example.org")
    assert register(username="someone", email="NEW@example.org") is None
    assert not User.objects.filter(username="someone").exists()


def test_an_address_taken_in_a_race_creates_nothing(monkeypatch):
    UserFactory(email="new@example.org")
    answers = iter([False, True])
    monkeypatch.setattr(services, "email_taken", lambda email: next(answers))
    assert register() is None
    assert not Author.objects.filter(display_name="New Writer").exists()


def test_a_username_taken_in_a_race_raises_and_creates_nothing(monkeypatch):
    UserFactory(username="newwriter")
    with pytest.raises(services.UsernameTaken):
        register()
    assert not Author.objects.filter(display_name="New Writer").exists()


def test_a_second_pending_application_is_refused_by_the_database(applicant):
    AuthorApplication.objects.create(user=applicant, bio="b", topics="t")
    with pytest.raises(IntegrityError):
        AuthorApplication.objects.create(user=applicant, bio="b", topics="t")


def test_apply_to_write_refuses_an_unverified_account(registrant):
    with pytest.raises(services.ApplicationRefused):
        services.apply_to_write(user=registrant, bio="b", topics="t")
    assert not AuthorApplication.objects.exists()


def test_apply_to_write_refuses_a_second_pending_application(applicant):
    services.apply_to_write(user=applicant, bio="b", topics="t")
    with pytest.raises(services.ApplicationRefused):
        services.apply_to_write(user=applicant, bio="b", topics="t")
    assert AuthorApplication.objects.count() == 1
