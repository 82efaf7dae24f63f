import pytest
from django.core.files.storage import default_storage
from PIL import Image

from imaging.processing import (
    rendition_name,
    rendition_url,
    save_image,
    srcset,
)
from tests.factories import ArticleFactory, AuthorFactory

from .images import image_bytes, upload

pytestmark = pytest.mark.django_db


def article_with_cover(size):
    article = ArticleFactory(cover_alt="A red square")
    save_image(article, "cover", upload(image_bytes("JPEG", size=size)))
    return article


def test_rendition_name_sits_next_to_the_stored_image():
    assert rendition_name("covers/ab/abcd.jpg", 640) == "covers/ab/abcd-640w.webp"


def test_renditions_are_written_at_each_width_below_the_original():
    article = article_with_cover((1000, 500))
    assert article.cover_widths == [320, 640, 960, 1000]
    for width in article.cover_widths:
        with default_storage.open(rendition_name(article.cover.name, width)) as f:
            rendition = Image.open(f)
            assert (rendition.format, rendition.width) == ("WEBP", width)


def test_no_rendition_is_wider_than_the_original():
    article = article_with_cover((500, 400))
    assert article.cover_widths == [320, 500]


def test_a_large_original_gets_renditions_up_to_1920():
    article = article_with_cover((2400, 1200))
    assert article.cover_widths == [320, 640, 960, 1280, 1920]


def test_renditions_keep_the_aspect_ratio():
    article = article_with_cover((1000, 500))
    with default_storage.open(rendition_name(article.cover.name, 640)) as f:
        assert Image.open(f).size == (640, 320)


def test_widths_too_tall_for_webp_are_skipped():
    article = ArticleFactory(cover_alt="A tall strip")
    save_image(article, "cover", upload(image_bytes("PNG", size=(400, 20000))))
    assert article.cover_widths == [320]


def test_save_image_stores_dimensions_and_widths():
    article = article_with_cover((1000, 500))
    article.refresh_from_db()
    assert (article.cover_width, article.cover_height) == (1000, 500)
    assert article.cover_widths == [320, 640, 960, 1000]


def test_stored_name_is_random_and_not_the_uploaded_name():
    article = ArticleFactory(cover_alt="A red square")
    save_image(article, "cover", upload(name="my-holiday-at-home.jpg"))
    assert article.cover.name.startswith("covers/")
    assert "holiday" not in article.cover.name


def test_two_uploads_of_the_same_file_get_different_names():
    first, second = article_with_cover((400, 300)), article_with_cover((400, 300))
    assert first.cover.name != second.cover.name


def test_save_image_crops_an_avatar_to_a_square():
    author = AuthorFactory()
    save_image(author, "avatar", upload(), square=True)
    author.refresh_from_db()
    assert (author.avatar_width, author.avatar_height) == (600, 600)
    assert author.avatar_widths == [320, 600]


def test_srcset_lists_each_rendition_url_with_its_width():
    article = article_with_cover((700, 350))
    assert srcset(article.cover, [320, 640]) == (
        f"{rendition_url(article.cover, 320)} 320w, "
        f"{rendition_url(article.cover, 640)} 640w"
    )


def test_rendition_url_is_under_media_url(settings):
    article = article_with_cover((700, 350))
    url = rendition_url(article.cover, 320)
    assert url.startswith(settings.MEDIA_URL)
    assert url.endswith("-320w.webp")
