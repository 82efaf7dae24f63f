"""The authentication backend loads the signed-in user and their permissions cheaply."""

import pytest
from django.contrib.auth.models import Permission

from accounts.backends import ModelBackend
from core.permissions import MODERATE_COMMENT, PUBLISH_ARTICLE
from tests.factories import AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_reader_is_loaded_in_one_query_that_settles_permissions_and_profile(
    django_assert_num_queries,
):
    reader = UserFactory()
    with django_assert_num_queries(1):
        user = ModelBackend().get_user(reader.pk)
        assert not user.has_perm(PUBLISH_ARTICLE)
        assert not hasattr(user, "author")
    assert user == reader


def test_a_user_in_a_group_has_the_groups_permissions():
    moderator = UserFactory(groups=["Moderators"])
    user = ModelBackend().get_user(moderator.pk)
    assert user.has_perm(MODERATE_COMMENT)
    assert not user.has_perm(PUBLISH_ARTICLE)


def test_a_user_holding_a_permission_of_their_own_has_it():
    reader = UserFactory()
    app_label, codename = MODERATE_COMMENT.split(".")
    reader.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    assert ModelBackend().get_user(reader.pk).has_perm(MODERATE_COMMENT)


def test_a_superuser_has_every_permission():
    root = UserFactory(is_superuser=True)
    assert ModelBackend().get_user(root.pk).has_perm(PUBLISH_ARTICLE)


def test_an_author_is_loaded_with_their_profile():
    author = AuthorFactory()
    assert ModelBackend().get_user(author.user.pk).author == author


def test_an_inactive_user_is_nobody():
    assert ModelBackend().get_user(UserFactory(is_active=False).pk) is None


def test_an_unknown_user_is_nobody():
    assert ModelBackend().get_user(987654) is None
