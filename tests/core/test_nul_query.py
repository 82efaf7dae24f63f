"""A query string with a NUL byte is refused with a 400, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["status=%00", "q=a%00b", "p=1%002"])
def test_a_query_with_a_nul_byte_is_a_bad_request(client, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert "NUL" in response.text


def test_an_editors_admin_filter_with_a_nul_byte_is_a_bad_request(client, editor):
    client.force_login(editor)
    assert client.get("/admin/blog/article/?status=%00").status_code == 400


def test_an_ordinary_query_is_untouched(client):
    assert client.get("/?page=1").status_code == 200
