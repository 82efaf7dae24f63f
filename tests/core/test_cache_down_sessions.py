"""Sessions through a cache outage: kept in the database, never stale for long."""

import time
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse

from core.sessions import CACHED_SECONDS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memory_cache(settings):
    """A cache whose failures the tests choose, whatever the suite runs on."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


def signed_in_client():
    client = Client()
    client.post(
        reverse("login"),
        {"username": UserFactory().username, "password": "correct horse"},
    )
    return client


def test_a_session_kept_while_the_cache_was_down_is_read_from_the_database():
    refused = mock.patch.object(LocMemCache, "set", side_effect=ConnectionError)
    with refused:
        client = signed_in_client()
    assert client.get(reverse("accounts:account")).status_code == 200


def test_a_sign_out_the_cache_missed_holds_again_within_five_minutes():
    client = signed_in_client()
    copied = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    with mock.patch.object(LocMemCache, "delete", side_effect=ConnectionError):
        client.post(reverse("logout"))
    with_copied_cookie = Client()
    with_copied_cookie.cookies[django_settings.SESSION_COOKIE_NAME] = copied
    later = time.time() + CACHED_SECONDS + 1
    with mock.patch("django.core.cache.backends.locmem.time.time", return_value=later):
        response = with_copied_cookie.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
