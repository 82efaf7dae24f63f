"""Argon2 hashes new passwords; older hashes still verify and are upgraded."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from config.settings import base
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_hashers(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS  # test.py has a fast one


def test_argon2_hashes_a_new_password():
    user = UserFactory()
    user.set_password("a sturdy Passphrase 42")
    assert user.password.startswith("argon2$argon2id$")


def test_a_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2(client):
    user = UserFactory()
    user.password = make_password("correct horse", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = client.post(
        reverse("login"), {"username": user.username, "password": "correct horse"}
    )
    assert response["Location"] == reverse("accounts:account")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
