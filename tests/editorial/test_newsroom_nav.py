"""The navigation tells editors what waits for them, and staff where the admin is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuthorApplication
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def nav(client, user):
    client.force_login(user)
    return client.get("/accounts/").text


def test_an_editor_sees_how_many_articles_wait_for_review(client, editor):
    ArticleFactory.create_batch(2, status="submitted", published_at=None)
    assert "In review (2)" in nav(client, editor)


def test_an_editor_sees_how_many_applications_wait(client, editor):
    AuthorApplication.objects.create(user=UserFactory(), bio="b", topics="t")
    assert "Applications (1)" in nav(client, editor)


def test_an_editor_gets_a_link_to_the_admin(client, editor):
    assert 'href="/admin/">Admin</a>' in nav(client, editor)


def test_a_reader_sees_no_newsroom_counts(client):
    text = nav(client, UserFactory())
    assert "In review (" not in text
    assert 'href="/admin/">Admin' not in text


def test_an_author_sees_no_newsroom_counts(client, writer):
    assert "In review (" not in nav(client, writer.user)


def test_a_readers_page_makes_no_newsroom_query(client):
    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any("authorapplication" in q["sql"] for q in queries.captured_queries)
