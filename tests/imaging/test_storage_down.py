"""A media folder that takes no file is a form error that keeps what was typed."""

import pytest
from django.urls import reverse

from blog.models import Article
from imaging.models import Image
from imaging.processing import storage_accepts_files
from tests.factories import AuthorFactory

from .images import image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_down(settings, tmp_path):
    """MEDIA_ROOT below a plain file: no folder can be made there, even by root."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def writer(client):
    writer = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    client.force_login(writer.user)
    return writer


def test_a_writable_folder_takes_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert storage_accepts_files()


def test_a_folder_that_cannot_be_made_takes_no_file(media_down):
    assert not storage_accepts_files()


def test_a_new_article_with_a_cover_is_kept_in_the_form(client, writer, media_down):
    response = client.post(
        reverse("editorial:article_create"),
        {
            "title": "Tides, typed with care",
            "summary": "",
            "body_source": "Every word of this.",
            "cover": upload(image_bytes("PNG"), "cover.png"),
            "cover_alt": "The sea",
            "save": "",
        },
    )
    assert response.status_code == 200
    assert "media folder does not take new files" in response.text
    assert "Every word of this." in response.text
    assert not Article.objects.exists()


def test_a_body_image_upload_is_refused_with_the_reason(client, writer, media_down):
    response = client.post(
        reverse("editorial:image_upload"),
        {"file": upload(image_bytes("PNG"), "a.png"), "alt": "A chart"},
    )
    assert response.status_code == 400
    assert "media folder does not take new files" in response.json()["error"]
    assert not Image.objects.exists()


def test_a_profile_with_a_new_avatar_keeps_the_bio(client, writer, media_down):
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Ada Tide",
            "bio": "I write about the sea.",
            "website": "",
            "avatar": upload(image_bytes("PNG", size=(300, 300)), "me.png"),
        },
    )
    assert "media folder does not take new files" in response.text
    assert "I write about the sea." in response.text
    writer.refresh_from_db()
    assert writer.bio != "I write about the sea."
