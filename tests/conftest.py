import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches

from core import pagecache

from .factories import AuthorFactory, UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def author(db):
    return AuthorFactory(user__is_staff=True)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached page: tests share one process's memory."""
    caches["pages"].clear()
    pagecache.forget_recent()


@pytest.fixture
def moderator_user(db):
    return UserFactory(groups=["Moderators"])
