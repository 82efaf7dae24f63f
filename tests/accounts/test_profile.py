import pytest

from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from tests.imaging.images import image_bytes, upload

pytestmark = pytest.mark.django_db

URL = "/accounts/profile/"


@pytest.fixture
def author(client):
    author = AuthorFactory(display_name="Happy Sharer")
    client.force_login(author.user)
    return author


def profile_data(**changes):
    return {"display_name": "Happy Sharer", "bio": "", "website": "", **changes}


def test_profile_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_page_is_refused_to_a_user_without_an_author_profile(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_author_saves_display_name_bio_and_website(client, author):
    client.post(
        URL,
        profile_data(
            display_name="Happy S.",
            bio="I love sharing.\n\nAnd learning.",
            website="https://example.org/",
        ),
    )
    author.refresh_from_db()
    assert (author.display_name, author.bio, author.website) == (
        "Happy S.",
        "I love sharing.\n\nAnd learning.",
        "https://example.org/",
    )


def test_a_bio_over_2000_characters_is_a_form_error(client, author):
    response = client.post(URL, profile_data(bio="x" * 100_000))
    assert response.status_code == 200
    assert response.context["form"].errors["bio"]
    author.refresh_from_db()
    assert author.bio == ""


def test_a_javascript_website_is_a_form_error(client, author):
    response = client.post(URL, profile_data(website="javascript:alert(1)"))
    assert response.context["form"].errors["website"]


def test_a_bio_with_html_is_shown_as_text_on_the_author_page(client, author):
    client.post(URL, profile_data(bio="<script>alert(1)</script>"))
    ArticleFactory(author=author)
    page = client.get(author.get_absolute_url()).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_an_uploaded_avatar_is_cropped_square_with_renditions(
    client, author, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    photo = upload(image_bytes("PNG", size=(900, 600)), name="me.png")
    client.post(URL, {**profile_data(), "avatar": photo})
    author.refresh_from_db()
    assert (author.avatar_width, author.avatar_height) == (600, 600)
    assert author.avatar_widths


def test_a_broken_avatar_is_a_form_error_and_nothing_is_saved(client, author):
    fake = upload(b"<html>not an image</html>", name="me.jpg")
    response = client.post(
        URL, {**profile_data(display_name="Changed"), "avatar": fake}
    )
    assert "Upload a JPEG, PNG, WebP or GIF image." in response.text
    author.refresh_from_db()
    assert author.display_name == "Happy Sharer"
    assert not author.avatar
