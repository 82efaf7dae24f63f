from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from .roles import sync_roles_after_migrate

        # Core has no models, so it hears no post_migrate of its own; auth's
        # is sent after every migrate and every test database flush.
        post_migrate.connect(
            sync_roles_after_migrate, sender=apps.get_app_config("auth")
        )
