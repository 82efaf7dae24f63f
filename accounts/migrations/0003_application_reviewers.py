"""Editors may see and decide author applications."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = ["view_authorapplication", "review_authorapplication"]


def grant(apps, schema_editor):
    accounts = apps.get_app_config("accounts")
    accounts.models_module = True
    create_permissions(accounts, apps=apps, verbosity=0)
    accounts.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="accounts", codename__in=GRANTS
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="accounts", codename__in=GRANTS
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_author_application"),
        ("blog", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
