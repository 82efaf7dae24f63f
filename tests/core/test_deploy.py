"""Production settings pass Django's deployment checks; CSP is always on."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ArticleFactory

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Variables that could loosen production settings if the caller has them set.
LOOSENING_VARIABLES = (
    "DJANGO_DEBUG",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_HSTS_SECONDS",
)


def production_environment(**extra):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in LOOSENING_VARIABLES and name != "DJANGO_SECRET_KEY"
    }
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings.prod", **extra}


def run_python(*args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    env = production_environment(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="folio.example.com",
    )
    result = run_python(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = production_environment(DJANGO_ALLOWED_HOSTS="folio.example.com")
    result = run_python("-c", "import django; django.setup()", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the environment variable DJANGO_SECRET_KEY" in (
        result.stderr
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/articles/{slug}/", "/no-such-page/"])
def test_every_response_carries_a_csp_without_unsafe_inline(client, path):
    article = ArticleFactory()
    response = client.get(path.format(slug=article.slug))
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
