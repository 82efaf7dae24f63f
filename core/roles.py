"""The groups of `core.permissions.ROLES`, made to hold exactly their permissions.

Idempotent: run after every `migrate` (a `post_migrate` receiver, as Django
creates permissions itself) and by `manage.py sync_roles`. The table is the
truth: a permission added to a role group by hand is taken away again.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from .permissions import ROLES


def sync_roles(*, apps=global_apps) -> None:
    """Create every role group and set its permissions to the table's."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    wanted = {name for names in ROLES.values() for name in names}
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    missing = sorted(wanted - found.keys())
    if missing:
        raise ImproperlyConfigured(f"Unknown permissions in ROLES: {missing}")
    for group_name, names in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set([found[name] for name in names])


def sync_roles_after_migrate(sender, *, using="default", **kwargs):
    """After `migrate` (and the test database's flushes) bring the roles back."""
    if Permission._meta.db_table in connections[using].introspection.table_names():
        sync_roles()  # not when migrating back past auth
