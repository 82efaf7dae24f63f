import pytest

from blog.models import Article
from imaging.models import Image
from wordpress.importer.images import image_key

from .conftest import attachment, image_bytes, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(uploads):
    uploads.add("2020/05/photo.jpg", image_bytes())
    return attachment(
        10, "2020/05/photo.jpg", meta={"_wp_attachment_image_alt": "A teal sky"}
    )


def test_an_attachment_becomes_an_image_of_its_author_with_its_alt(
    import_records, photo, uploads
):
    run = import_records([photo], media=uploads.path)
    image = Image.objects.get()
    assert (image.alt, image.owner.username, image.width) == ("A teal sky", "alice", 40)
    assert run.counts["attachment"] == {"imported": 1}


def test_a_featured_image_becomes_the_cover_with_its_alt(
    import_records, photo, uploads
):
    featured = post(1, meta={"_thumbnail_id": "10"})
    import_records([featured, photo], media=uploads.path)  # the image comes after
    article = Article.objects.get()
    assert article.cover and article.cover_width == 40
    assert article.cover_alt == "A teal sky"


def test_a_featured_image_that_was_not_imported_is_warned_about(import_records):
    run = import_records([post(1, meta={"_thumbnail_id": "77"})])
    assert not Article.objects.get().cover
    assert "attachment 77" in run.warnings[0]["message"]


def test_a_broken_image_file_is_reported_and_left_out(import_records, uploads):
    uploads.add("2020/05/broken.jpg", b"\xff\xd8\xff not really a jpeg")
    run = import_records([attachment(11, "2020/05/broken.jpg")], media=uploads.path)
    assert not Image.objects.exists()
    assert run.counts["attachment"] == {"skipped": 1, "warned": 1}
    assert "broken.jpg is left out" in run.warnings[0]["message"]


def test_a_file_missing_from_the_uploads_is_reported(import_records, uploads):
    run = import_records([attachment(12, "2020/05/gone.jpg")], media=uploads.path)
    assert "is not in the uploads" in run.warnings[0]["message"]


def test_without_uploads_images_are_left_out_with_one_line(import_records, photo):
    run = import_records([photo, attachment(11, "2020/05/other.jpg")])
    assert run.counts["attachment"] == {"skipped": 2}
    assert [w["message"] for w in run.warnings] == [
        "No uploads folder or zip was given: 2 images left out."
    ]


def test_a_body_image_names_the_stored_image(import_records, photo, uploads):
    url = "https://old.example/wp-content/uploads/2020/05/photo-300x200.jpg"
    body = f'<p><img src="{url}" alt="sky"></p>'
    import_records([post(1, content=body), photo], media=uploads.path)
    assert f"image:{Image.objects.get().pk}" in Article.objects.get().body_source


def test_a_body_image_that_came_as_no_attachment_is_taken_from_the_uploads(
    import_records, uploads
):
    uploads.add("2019/01/loose.png", image_bytes(image_format="PNG"))
    url = "https://old.example/wp-content/uploads/2019/01/loose.png"
    import_records([post(1, content=f'<img src="{url}">')], media=uploads.path)
    image = Image.objects.get()
    assert f"image:{image.pk}" in Article.objects.get().body_source
    assert image.owner.username == "alice"


def test_resized_copies_name_the_same_image():
    original = "https://old.example/wp-content/uploads/2020/05/photo.jpg"
    assert image_key(original) == "2020/05/photo.jpg"
    assert image_key(original.replace(".jpg", "-1024x768.jpg")) == "2020/05/photo.jpg"
    assert image_key(original.replace(".jpg", "-scaled.jpg")) == "2020/05/photo.jpg"
    assert image_key("https://elsewhere.example/photo.jpg") is None
