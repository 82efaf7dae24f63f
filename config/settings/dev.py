"""`make run`: debug on, mail kept in the outbox (/dev/outbox/), demo logins on."""

from config.env import env

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MAILERS

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
MAILERS = {
    **MAILERS,
    "default": {"BACKEND": "core.outbox.OutboxBackend"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Templates and code change here without a write to end the cached pages'
# generation: pages are rendered every time unless asked for.
FOLIO_PAGE_CACHE = env.bool("FOLIO_PAGE_CACHE", False)
# The demo content and its `load_demo` command exist only here.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
