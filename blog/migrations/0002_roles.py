"""The three roles, as groups holding exactly the permissions each needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": [
        ("blog", "article", ["add", "change", "delete", "view"]),
        ("blog", "category", ["add", "change", "delete", "view"]),
        ("blog", "tag", ["add", "change", "delete", "view"]),
        ("blog", "slugredirect", ["change", "delete", "view"]),
        ("blog", "comment", ["change", "delete", "view"]),
        ("accounts", "author", ["change", "view"]),
    ],
    "Moderators": [
        ("blog", "comment", ["change", "delete", "view"]),
    ],
    "Authors": [
        ("blog", "article", ["add", "change", "view"]),
        ("blog", "category", ["view"]),
        ("blog", "tag", ["view"]),
    ],
}
EXTRA = {"Editors": [("blog", "publish_article"), ("blog", "preview_article")]}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [
            (app, f"{action}_{model}")
            for app, model, actions in grants
            for action in actions
        ] + EXTRA.get(name, [])
        for app, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
