import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_search_page_explains_a_nul_byte_instead_of_searching(client):
    response = client.get("/search/", {"q": "sleep\x00"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text


def test_a_very_long_query_still_searches_its_first_words(client):
    ArticleFactory(title="Lighthouses")
    response = client.get("/search/", {"q": "lighthouses " + "x" * 1000})
    assert response.context["query"].startswith("lighthouses")
    assert len(response.context["query"]) <= 200


def test_search_page_keeps_the_query_in_its_field(client):
    response = client.get("/search/", {"q": "tidy home"})
    assert 'value="tidy home"' in response.text
