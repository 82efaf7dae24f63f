"""Bare Django: the benchmark's measure of how fast this machine runs Django.

Django with `startproject`'s middleware and no database answers every
request with the same bytes from memory (the file BARE_DJANGO_PAGE names),
under gunicorn with 2 sync workers: the row "Django 6.1 returning the same
bytes from memory" of the performance issue's table, about 3,100 req/s on
its 2-core machine. Folio's own rates, divided by this one from the same
run, compare across machines that run Python faster or slower.

    gunicorn --chdir scripts bare_django:application
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
)

PAGE = Path(os.environ["BARE_DJANGO_PAGE"]).read_bytes()


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]
application = get_wsgi_application()
