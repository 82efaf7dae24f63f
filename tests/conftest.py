import pytest
from django.contrib.auth.models import Group

from .factories import AuthorFactory, UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def author(db):
    return AuthorFactory(user__is_staff=True)
