"""Moderators (and editors, who may moderate too) get the moderation rights."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [
    "moderate_comment",
    "add_blockedterm",
    "change_blockedterm",
    "delete_blockedterm",
    "view_blockedterm",
    "view_moderationevent",
]
GROUPS = ["Moderators", "Editors"]


def grant(apps, schema_editor):
    blog = apps.get_app_config("blog")
    blog.models_module = True
    create_permissions(blog, apps=apps, verbosity=0)
    blog.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="blog", codename__in=GRANTS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="blog", codename__in=GRANTS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("blog", "0004_comments_moderation")]

    operations = [migrations.RunPython(grant, revoke)]
