"""The test suite: fast hashing, mail kept in memory, media in a temp folder."""

import tempfile

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS, REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run at once, in the test's own process and transaction.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="folio-test-media-")
FOLIO_IMPORT_DIR = tempfile.mkdtemp(prefix="folio-test-imports-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo content and its `load_demo` command exist only here.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# Pages in memory here (or in the Redis the suite is pointed at), never in files.
if not REDIS_URL:
    CACHES = {
        **CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
# django-otp also slows each device down after a wrong code (1 s, 2 s, 4 s…);
# the suite checks the site's own throttle (accounts/throttle.py) instead.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
