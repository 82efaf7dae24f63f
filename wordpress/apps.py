from django.apps import AppConfig


class WordPressConfig(AppConfig):
    name = "wordpress"
    verbose_name = "Moving in from WordPress"

    def ready(self):
        # The old site's `/?p=12` is answered by OldAddressMiddleware, never by
        # a cached home page.
        from core.pagecache import register_uncached_param

        from .addresses import QUERY_KEYS

        for key in QUERY_KEYS:
            register_uncached_param(key)
