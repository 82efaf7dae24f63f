"""The admin's import takes an author map, as `--author-map` does: an old
author whose account here has another email is matched by the map."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from blog.models import Article
from tests.factories import AuthorFactory
from wordpress.models import ImportRun

pytestmark = pytest.mark.django_db


def author_map(text: str | bytes) -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile("authors.csv", data, content_type="text/csv")


def test_the_author_map_credits_the_old_author_to_an_account_here(start):
    ann = AuthorFactory(user__username="ann", user__email="ann@new.example")
    start(author_map_file=author_map("wordpress_login,folio_user\nalice,ann\n"))
    assert Article.objects.get(slug="hello").author == ann


def test_the_run_keeps_its_author_map(start):
    AuthorFactory(user__username="ann")
    start(author_map_file=author_map("alice,ann\n"))
    assert ImportRun.objects.get().author_map == {"alice": "ann"}


def test_an_author_map_of_three_columns_is_a_form_error(start):
    response = start(author_map_file=author_map("alice,ann,extra\n"))
    assert "line 1 of the author map has 3 values" in response.text
    assert not ImportRun.objects.exists()


def test_an_author_map_that_is_not_text_is_a_form_error(start):
    response = start(author_map_file=author_map(b"\xff\xfe\x00garbage"))
    assert "This author map is not UTF-8 text." in response.text
    assert not ImportRun.objects.exists()


def test_an_author_map_with_a_nul_byte_is_a_form_error(start):
    response = start(author_map_file=author_map("alice,a\x00nn\n"))
    assert "NUL character" in response.text
    assert not ImportRun.objects.exists()
