import re

import pytest
from django.core.cache import cache

from tests.factories import AuthorFactory, UserFactory

PASSWORD = "a sturdy Passphrase 42"


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttles and rate limits live in the cache: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registrant(db):
    """A registered account whose email address is not confirmed yet."""
    return AuthorFactory(user__email_verified=False).user


@pytest.fixture
def applicant(db):
    """A registered account with a confirmed address, not on the authors team."""
    return AuthorFactory(user__email_verified=True).user


@pytest.fixture
def reviewer(db):
    """An editor: staff, in the Editors group."""
    return UserFactory(is_staff=True, groups=["Editors"])


def link_in(message, path_start: str) -> str:
    """The path of the first link in an email's text that starts with `path_start`."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_start)}\S*)", message.body)
    assert match, message.body
    return match.group(1)
