"""Settings shared by every environment, with safe defaults.

Debug is off, no host is allowed and the database is a local SQLite file
unless the environment says otherwise. `dev`, `test` and `prod` build on this.
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from config.env import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env.bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-local-only")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS")
FOLIO_SITE_NAME = env("FOLIO_SITE_NAME", "Folio")
# The site's public address, for absolute links in emails sent off a request.
FOLIO_SITE_URL = env("FOLIO_SITE_URL", "http://127.0.0.1:8000")
FOLIO_SITE_DESCRIPTION = env(
    "FOLIO_SITE_DESCRIPTION",
    "Articles by the Folio authors team: health, science and everyday knowledge.",
)

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # the admin, asking staff for a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "imaging",
    "accounts",
    "blog",
    "comments",
    "editorial",
    "wordpress",
]

MIDDLEWARE = [
    # Outside the page cache: pages it stores stay plain (it gzips them
    # itself); the rest leave compressed (with Django's BREACH mitigation).
    "django.middleware.gzip.GZipMiddleware",
    # Before the page cache: an old site's address answers 301 at once.
    "wordpress.middleware.OldAddressMiddleware",
    "core.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed the second factor.
    "accounts.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "comments.context_processors.moderation",
                "editorial.context_processors.newsroom",
            ],
        },
    },
]

SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", SQLITE_URL), conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let readers and one writer share the file;
    # immediate transactions take the write lock up front instead of failing
    # half-way through with "database is locked". Connections are kept, as
    # for PostgreSQL: opening one and setting its pragmas on every request
    # cost more than a signed-in reader's whole page.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With Redis, every app server shares the cache: rate limits, sign-in
# throttles and the page cache. Without it, one machine: counters in each
# process, pages in files its workers share. Redis that is down or out of
# reach is never an error (core/caching.py): each call gives up after a
# second at most, so a Redis host that drops packets cannot hold requests.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for name, prefix in [("default", "folio"), ("pages", "folio-pages")]
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("FOLIO_PAGE_CACHE_DIR", str(BASE_DIR / "var" / "pages")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
# Whole public pages for anonymous readers (core/pagecache.py), exact on every
# change; an entry lives at most this long.
FOLIO_PAGE_CACHE = env.bool("FOLIO_PAGE_CACHE", True)
FOLIO_PAGE_CACHE_SECONDS = env.int("FOLIO_PAGE_CACHE_SECONDS", 6 * 60 * 60)
# Front caches (nginx with deploy/nginx-front-cache.conf) to purge every page
# from on each change, e.g. http://127.0.0.1:6081 (core/frontcache.py).
FOLIO_FRONT_CACHES = env.list("FOLIO_FRONT_CACHES")

AUTH_USER_MODEL = "accounts.User"
# The model backend, reading a user's own and group permissions in one query.
AUTHENTICATION_BACKENDS = ["accounts.backends.ModelBackend"]
# Argon2 for new passwords; hashes made by the others still verify and are
# rehashed with Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions are read from the cache (Redis when configured) and kept in the
# database too: a signed-in page needs no query for its session.
SESSION_ENGINE = "core.sessions"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "blog:article_list"
# Sign-ins: this many failures for one username, or from one address, lock
# it out for this long.
FOLIO_LOGIN_MAX_FAILURES = env.int("FOLIO_LOGIN_MAX_FAILURES", 5)
FOLIO_LOGIN_LOCKOUT_SECONDS = env.int("FOLIO_LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Authenticator apps list the account under this name (django-otp).
OTP_TOTP_ISSUER = FOLIO_SITE_NAME
# Links that prove an email address (registration, email change, a
# commenter's address) and moderators' one-click links expire.
FOLIO_EMAIL_LINK_DAYS = env.int("FOLIO_EMAIL_LINK_DAYS", 3)
FOLIO_MODERATION_LINK_DAYS = env.int("FOLIO_MODERATION_LINK_DAYS", 3)
# A shared preview of an unpublished article works this many days at most.
FOLIO_PREVIEW_LINK_DAYS = env.int("FOLIO_PREVIEW_LINK_DAYS", 7)
# At most one verification email (or "already registered" note) per address
# per this many seconds, however often someone asks.
FOLIO_EMAIL_RESEND_SECONDS = env.int("FOLIO_EMAIL_RESEND_SECONDS", 600)
# Password reset and verification emails anyone may ask for: at most this
# many requests an hour for one address, and from one client address, are
# answered with an email (accounts/throttle.py); the page says the same.
FOLIO_EMAILS_PER_ADDRESS_HOUR = env.int("FOLIO_EMAILS_PER_ADDRESS_HOUR", 3)
FOLIO_EMAILS_PER_IP_HOUR = env.int("FOLIO_EMAILS_PER_IP_HOUR", 10)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads larger than this are refused before Pillow sees them (10 MB images
# plus form overhead).
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

MAILERS = {
    "default": {
        "BACKEND": env(
            "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
        ),
        "OPTIONS": {
            "host": env("DJANGO_EMAIL_HOST", "localhost"),
            "port": env.int("DJANGO_EMAIL_PORT", 25),
            "username": env("DJANGO_EMAIL_USER", ""),
            "password": env("DJANGO_EMAIL_PASSWORD", ""),
            "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", False),
        },
    }
}
# Notification emails are sent by a task, after the request: queued in the
# database and run by `manage.py db_worker` (django-tasks-db).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Where the development outbox (core/outbox.py) keeps mail under `make run`.
FOLIO_OUTBOX_DIR = Path(env("FOLIO_OUTBOX_DIR", str(BASE_DIR / "var" / "outbox")))
# WordPress exports and uploads zips waiting for (or kept after) their import.
FOLIO_IMPORT_DIR = Path(env("FOLIO_IMPORT_DIR", str(BASE_DIR / "var" / "imports")))

DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Folio <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Every page, every response: no inline script or style, nothing from
# another origin. (JSON-LD is data, not script: it needs no nonce, so pages
# are the same for every visitor and can be cached.)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

FOLIO_ARTICLES_PER_PAGE = env.int("FOLIO_ARTICLES_PER_PAGE", 10)
# Comments close this many days after an article is published (0: never);
# each article may override it.
FOLIO_COMMENTS_CLOSE_AFTER_DAYS = env.int("FOLIO_COMMENTS_CLOSE_AFTER_DAYS", 60)
# Approve at once the comments of a returning commenter whose email address
# is proved (a signed link) and who posts from the browser that proved it.
FOLIO_COMMENTS_TRUST_VERIFIED = env.bool("FOLIO_COMMENTS_TRUST_VERIFIED", False)
FOLIO_COMMENTS_PER_MINUTE = env.int("FOLIO_COMMENTS_PER_MINUTE", 5)
# A comment form sent back sooner than this after it was served is refused.
FOLIO_COMMENT_MIN_SECONDS = env.float("FOLIO_COMMENT_MIN_SECONDS", 3.0)
# Behind a reverse proxy that sets X-Forwarded-For, its last address is the
# client's; otherwise the header is the client's own claim and is ignored.
FOLIO_TRUST_X_FORWARDED_FOR = env.bool("FOLIO_TRUST_X_FORWARDED_FOR", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (with DEBUG on) would print each of
        # its lines a second time beside the root's.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Naming "django" resets its children: runserver's request lines
        # keep their own format, as Django's defaults give them.
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
        },
    },
}
