"""A database that does not answer is a 503 with Retry-After and our page, not a 500.

In this process the connection is made to fail as a lost database does
(OperationalError on connecting); in a separate process Folio is pointed at
a PostgreSQL port and an SQLite file nobody can open, for the real drivers'
errors.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def client():
    """A browser's view: the error page, not the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down(monkeypatch):
    def refuse():
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)


def test_a_page_answers_503_with_retry_after(client, database_down):
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_the_503_is_the_designed_page(client, database_down):
    response = client.get("/")
    assert [t.name for t in response.templates] == ["503.html"]
    assert "Back in a moment" in response.text
    assert "css/site.css" in response.text


def test_a_form_sent_during_the_outage_answers_503(client, database_down):
    response = client.post(
        "/accounts/login/", {"username": "someone", "password": "anything"}
    )
    assert response.status_code == 503


def test_healthz_answers_503_and_names_the_database(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == {
        "status": "error",
        "database": "unavailable",
        "cache": "ok",
        "mail_queue": "unavailable",
    }


@pytest.mark.django_db
def test_a_page_cached_before_the_outage_is_still_served(client, monkeypatch):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200
    monkeypatch.setattr(connection, "ensure_connection", mock.Mock(side_effect=OSError))
    response = client.get(article.get_absolute_url())
    assert (response.status_code, response["X-Cache"]) == (200, "HIT")


@pytest.mark.django_db
def test_a_database_error_while_the_database_answers_stays_a_500(client):
    broken = OperationalError("no such table: blog_article")
    with mock.patch("blog.views.ArticleListView.get_queryset", side_effect=broken):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert [t.name for t in response.templates] == ["500.html"]


def outage_in_a_process(database_url: str) -> dict:
    """Status and Retry-After of a page, a sign-in and /healthz in a fresh
    Folio process whose database is `database_url`."""
    script = """
import json
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {
    "page": client.get("/"),
    "sign-in": client.post("/accounts/login/", {"username": "a", "password": "b"}),
    "healthz": client.get("/healthz"),
}
print(json.dumps({
    name: [r.status_code, r.get("Retry-After"), "Back in a moment" in r.text]
    for name, r in answers.items()
}))
"""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "database_url",
    [
        pytest.param("postgres://folio@127.0.0.1:1/folio", id="postgresql"),
        pytest.param("sqlite:////nonexistent-folder/folio.sqlite3", id="sqlite"),
    ],
)
def test_a_real_unreachable_database_answers_503_everywhere(database_url):
    assert outage_in_a_process(database_url) == {
        "page": [503, "30", True],
        "sign-in": [503, "30", True],
        "healthz": [503, "30", False],
    }
