import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from core.permissions import (
    AUTHORS,
    EDITORS,
    MODERATE_COMMENT,
    MODERATORS,
    PUBLISH_ARTICLE,
    ROLES,
    SUBMIT_ARTICLE,
)
from core.roles import sync_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def names(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_migrating_leaves_every_role_with_exactly_its_permissions():
    assert {name: names(name) for name in ROLES} == {
        name: set(permissions) for name, permissions in ROLES.items()
    }


def test_a_permission_added_to_a_role_by_hand_is_taken_away_again():
    extra = Permission.objects.get(codename="delete_user")
    Group.objects.get(name=MODERATORS).permissions.add(extra)
    sync_roles()
    assert "accounts.delete_user" not in names(MODERATORS)


def test_a_deleted_role_group_is_made_again():
    Group.objects.filter(name=AUTHORS).delete()
    call_command("sync_roles", stdout=io.StringIO())
    assert names(AUTHORS) == {SUBMIT_ARTICLE}


def test_an_author_is_one_permission_held_by_the_authors_group():
    user = UserFactory(groups=[AUTHORS])
    assert user.has_perm(SUBMIT_ARTICLE)
    assert not user.has_perm(PUBLISH_ARTICLE)


def test_editors_may_moderate_comments_too():
    assert MODERATE_COMMENT in names(EDITORS)
