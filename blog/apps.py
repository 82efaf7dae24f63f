from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from core.pagecache import register_clock

        from .models import Article
        from .search_index import restore_sqlite_index

        post_migrate.connect(restore_sqlite_index, sender=self)
        # Pages change without a write when a scheduled article goes public
        # and when an article's comments close.
        register_clock(lambda: Article.objects.next_publication())
        register_clock(lambda: Article.objects.next_comments_closing())
