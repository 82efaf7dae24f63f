"""A release is named by its files; a new one renders every cached page anew."""

import os

import pytest

from core import release as releases
from tests.factories import ArticleFactory


@pytest.fixture
def code(tmp_path, settings, monkeypatch):
    """A stand-in project: one template folder, nothing else."""
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = None
    (tmp_path / "templates").mkdir()
    monkeypatch.setattr(releases, "_code_folders", lambda base: {base / "templates"})
    releases.release.cache_clear()
    yield tmp_path / "templates"
    releases.release.cache_clear()


def release_now():
    releases.release.cache_clear()
    return releases.release()


def test_the_same_files_are_the_same_release_whatever_their_dates(code):
    page = code / "page.html"
    page.write_text("<p>Hello</p>")
    first = release_now()
    os.utime(page, (1, 1))
    assert release_now() == first


def test_a_changed_template_is_a_new_release(code):
    page = code / "page.html"
    page.write_text("<p>Hello</p>")
    first = release_now()
    page.write_text("<p>Hello, reader</p>")
    assert release_now() != first


def test_new_pinned_requirements_are_a_new_release(code, settings):
    requirements = settings.BASE_DIR / "requirements.txt"
    requirements.write_text("Django==6.1\n")
    first = release_now()
    requirements.write_text("Django==6.1.1\n")
    assert release_now() != first


@pytest.mark.django_db
def test_a_new_release_renders_a_cached_page_anew(client, monkeypatch):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Cache"] == "HIT"
    monkeypatch.setattr("core.pagecache.release", lambda: "the-next-release")
    assert client.get(article.get_absolute_url())["X-Cache"] == "MISS"
