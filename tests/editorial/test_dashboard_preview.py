"""The live preview: the body rendered as saving would render it."""

import pytest

from tests.factories import AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/dashboard/preview/"


@pytest.fixture
def signed_in(client):
    author = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    client.force_login(author.user)
    return client


def test_preview_renders_markdown_with_heading_ids(signed_in):
    response = signed_in.post(URL, {"source": "## First part\n\nSome *words*."})
    assert response.status_code == 200
    assert '<h2 id="first-part">First part</h2>' in response.text
    assert "<em>words</em>" in response.text


def test_preview_is_cleaned_by_the_sanitiser(signed_in):
    source = '<script>alert(1)</script><p onclick="x()">Hi</p>[a](javascript:x)'
    html = signed_in.post(URL, {"source": source}).text
    assert "<script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_preview_refuses_a_body_over_the_limit(signed_in):
    response = signed_in.post(URL, {"source": "x" * 200_001})
    assert response.status_code == 400


def test_preview_answers_only_posts(signed_in):
    assert signed_in.get(URL).status_code == 405


def test_preview_sends_anonymous_visitors_to_sign_in(client):
    assert client.post(URL, {"source": "x"}).status_code == 302


def test_preview_is_refused_to_a_user_without_an_author_profile(client):
    client.force_login(UserFactory())
    assert client.post(URL, {"source": "x"}).status_code == 403
