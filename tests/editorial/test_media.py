"""Images for the body: uploaded one by one from the editor, kept in a library."""

import pytest
from django.test import Client
from django.urls import reverse

from imaging.models import Image
from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from tests.imaging.images import HOSTILE_FILES, image_bytes, store_image_for, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
UPLOAD_URL = reverse("editorial:image_upload")
LIBRARY_URL = reverse("editorial:media_library")


def send(client, data=None, name="photo.jpg", **fields):
    fields = {"alt": "A lighthouse at dusk", "caption": "", **fields}
    return client.post(UPLOAD_URL, {"file": upload(data, name), **fields})


def test_an_uploaded_image_comes_back_as_markdown_that_names_it(signed_in, writer):
    response = send(signed_in, caption="Seen from the pier")
    assert response.status_code == 201
    image = Image.objects.get()
    assert image.owner == writer.user
    assert response.json()["markdown"] == (
        f'![A lighthouse at dusk](image:{image.pk} "Seen from the pier")'
    )


def test_an_upload_makes_webp_renditions_never_wider_than_the_image(signed_in):
    send(signed_in, data=image_bytes(size=(1000, 500)))
    assert Image.objects.get().file_widths == [320, 640, 960, 1000]


def test_an_upload_without_alt_text_is_refused_and_nothing_is_stored(signed_in):
    response = send(signed_in, alt="")
    assert response.status_code == 400
    assert response.json()["error"] == "Describe the image before inserting it."
    assert not Image.objects.exists()


@pytest.mark.parametrize(("name", "data"), HOSTILE_FILES)
def test_a_hostile_file_is_refused_with_a_message_and_nothing_is_stored(
    signed_in, name, data
):
    response = send(signed_in, data=data, name=name)
    assert response.status_code == 400
    assert "Upload a JPEG, PNG, WebP or GIF image." in response.json()["error"]
    assert not Image.objects.exists()


def test_alt_text_with_a_nul_byte_is_refused(signed_in):
    assert send(signed_in, alt="A\x00B").status_code == 400


def test_an_upload_too_large_is_refused_from_its_length_before_it_is_read(signed_in):
    response = signed_in.post(
        UPLOAD_URL, {"alt": "Huge"}, CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "the limit is 10 MB" in response.json()["error"]
    assert not Image.objects.exists()


def test_someone_who_is_not_an_author_cannot_upload(client):
    client.force_login(UserFactory())
    assert send(client).status_code == 403


def test_an_upload_without_the_csrf_token_is_refused(writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer.user)
    assert send(client).status_code == 403
    assert not Image.objects.exists()


def test_the_library_lists_the_authors_own_images_and_where_they_are_used(
    signed_in, writer
):
    used = store_image_for(writer.user, alt="Used one")
    store_image_for(writer.user, alt="Spare one")
    store_image_for(AuthorFactory().user, alt="Somebody else's")
    ArticleFactory(author=writer, title="Harbours", body_source=used.markdown())
    text = signed_in.get(LIBRARY_URL).text
    assert "Used one" in text and "Spare one" in text
    assert "Somebody else" not in text
    assert "Harbours</a>" in text


def test_an_unused_image_can_be_deleted_with_its_files(
    signed_in, writer, tmp_path, django_capture_on_commit_callbacks
):
    image = store_image_for(writer.user)
    stored = tmp_path / image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("editorial:image_delete", args=[image.pk]))
    assert not Image.objects.exists()
    assert not stored.exists()
    assert not list(stored.parent.glob("*.webp"))


def test_an_image_in_use_cannot_be_deleted_and_the_page_says_where(signed_in, writer):
    image = store_image_for(writer.user)
    ArticleFactory(author=writer, title="Harbours", body_source=image.markdown())
    response = signed_in.post(
        reverse("editorial:image_delete", args=[image.pk]), follow=True
    )
    assert Image.objects.filter(pk=image.pk).exists()
    assert "This image is used in “Harbours”" in response.text


def test_another_authors_image_cannot_be_deleted(signed_in):
    image = store_image_for(AuthorFactory().user)
    response = signed_in.post(reverse("editorial:image_delete", args=[image.pk]))
    assert response.status_code == 404
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_live_preview_shows_a_library_image_as_a_figure(signed_in, writer):
    image = store_image_for(writer.user, alt="A chart")
    response = signed_in.post(
        reverse("editorial:body_preview"), {"source": image.markdown("Sales")}
    )
    assert '<figure class="body-image"><img src=' in response.text
    assert "<figcaption>Sales</figcaption>" in response.text


def test_editors_see_every_authors_images_in_the_admin(client, editor):
    store_image_for(AuthorFactory().user, alt="From one author")
    store_image_for(AuthorFactory().user, alt="From another")
    client.force_login(editor)
    text = client.get(reverse("admin:imaging_image_changelist")).text
    assert "From one author" in text and "From another" in text


def test_an_image_in_use_offers_no_deletion_in_the_admin(client, editor, writer):
    image = store_image_for(writer.user)
    ArticleFactory(author=writer, body_source=image.markdown())
    client.force_login(editor)
    url = reverse("admin:imaging_image_delete", args=[image.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()
