import pytest
from django import forms
from django.core.files.storage import default_storage
from django.urls import reverse

from editorial.versions import current_version
from imaging.forms import SafeImageField
from imaging.processing import rendition_name
from tests.factories import ArticleFactory, AuthorFactory

from .images import image_bytes, upload

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "Upload a JPEG, PNG, WebP or GIF image."


class PictureForm(forms.Form):
    picture = SafeImageField()


def test_safe_image_field_reports_a_fake_image_as_a_form_error():
    form = PictureForm(files={"picture": upload(b"<html></html>", "page.jpg")})
    assert form.errors == {"picture": [NOT_AN_IMAGE]}


def test_safe_image_field_cleans_to_a_re_encoded_file():
    form = PictureForm(files={"picture": upload(image_bytes("GIF"), "anim.gif")})
    assert form.is_valid()
    assert form.cleaned_data["picture"].name.endswith(".png")


def test_safe_image_field_accepts_only_the_four_formats_in_the_browser():
    html = str(PictureForm()["picture"])
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in html


def article_form_data(article, **changes):
    """What the admin change form posts for an article, without a new cover."""
    published = article.published_at
    return {
        "title": article.title,
        "slug": article.slug,
        "author": article.author.pk,
        "summary": article.summary,
        "body": article.body,
        "cover_alt": article.cover_alt,
        "status": article.status,
        "comments_enabled": "on",
        "loaded_version": current_version(article),
        "published_at_0": published.date().isoformat(),
        "published_at_1": published.time().strftime("%H:%M:%S"),
        "slug_redirects-TOTAL_FORMS": "0",
        "slug_redirects-INITIAL_FORMS": "0",
        "slug_redirects-MIN_NUM_FORMS": "0",
        "slug_redirects-MAX_NUM_FORMS": "1000",
        **changes,
    }


def change_article(client, article, **changes):
    url = reverse("admin:blog_article_change", args=[article.pk])
    return client.post(url, article_form_data(article, **changes))


def test_admin_shows_a_broken_cover_as_a_form_error_and_saves_nothing(
    client, editor, media_root
):
    article = ArticleFactory()
    client.force_login(editor)
    response = change_article(
        client,
        article,
        cover=upload(b"\x89PNG\r\n\x1a\ngarbage", "cover.png"),
        cover_alt="A cover",
    )
    article.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cover"] == [NOT_AN_IMAGE]
    assert not article.cover
    assert not list(media_root.rglob("*.*"))


def test_admin_stores_a_good_cover_with_its_renditions(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = change_article(
        client, article, cover=upload(name="cover.jpg"), cover_alt="A red field"
    )
    article.refresh_from_db()
    assert response.status_code == 302
    assert article.cover_widths == [320, 640, 800]
    assert all(
        default_storage.exists(rendition_name(article.cover.name, width))
        for width in article.cover_widths
    )


def test_admin_requires_alt_text_with_a_cover(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = change_article(client, article, cover=upload(), cover_alt="")
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["cover_alt"]


def test_admin_keeps_the_cover_and_renditions_when_no_new_file_is_sent(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    change_article(client, article, cover=upload(), cover_alt="A red field")
    article.refresh_from_db()
    stored = article.cover.name
    response = change_article(client, article, title="Retitled")
    article.refresh_from_db()
    assert response.status_code == 302
    assert (article.cover.name, article.cover_widths) == (stored, [320, 640, 800])


def test_admin_clearing_the_cover_clears_its_renditions(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    change_article(client, article, cover=upload(), cover_alt="A red field")
    article.refresh_from_db()
    change_article(client, article, **{"cover-clear": "on", "cover_alt": ""})
    article.refresh_from_db()
    assert not article.cover
    assert article.cover_widths == []


def test_admin_crops_an_author_avatar_to_a_square(client, editor):
    author = AuthorFactory()
    client.force_login(editor)
    url = reverse("admin:accounts_author_change", args=[author.pk])
    response = client.post(
        url,
        {
            "user": author.user.pk,
            "display_name": author.display_name,
            "slug": author.slug,
            "avatar": upload(image_bytes("PNG", size=(500, 300)), "me.png"),
        },
    )
    author.refresh_from_db()
    assert response.status_code == 302
    assert (author.avatar_width, author.avatar_height) == (300, 300)
    assert author.avatar_widths == [300]


def test_admin_change_page_links_the_current_cover(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    change_article(client, article, cover=upload(), cover_alt="A red field")
    article.refresh_from_db()
    response = client.get(reverse("admin:blog_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert article.cover.url in response.text
