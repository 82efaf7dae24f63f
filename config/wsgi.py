"""WSGI entry point: `gunicorn config.wsgi`.

Cached public pages are answered by `PageCacheApp` before Django is entered.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

django_application = get_wsgi_application()

from core.pagecache import PageCacheApp  # noqa: E402  (needs settings)

application = PageCacheApp(django_application)
