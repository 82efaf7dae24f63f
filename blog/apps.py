from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from .search_index import restore_sqlite_index

        post_migrate.connect(restore_sqlite_index, sender=self)
