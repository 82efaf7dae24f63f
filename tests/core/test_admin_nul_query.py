"""An admin page asked with a NUL byte in its query answers 400, never 500
(PostgreSQL cannot compare text holding one)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["status=%00", "q=a%00b"])
def test_an_admin_list_asked_with_a_nul_byte_is_a_bad_request(client, editor, query):
    client.force_login(editor)
    response = client.get(f"/admin/blog/article/?{query}")
    assert response.status_code == 400
    assert "NUL" in response.text


def test_an_admin_list_with_an_ordinary_filter_is_untouched(client, editor):
    client.force_login(editor)
    assert client.get("/admin/blog/article/?status=draft").status_code == 200
