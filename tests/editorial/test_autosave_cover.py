"""A cover chosen in the editor survives "Preview the body"."""

import os
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import signing
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from blog.models import Article
from editorial.pending_covers import FOLDER, SALT
from tests.factories import AuthorFactory
from tests.imaging.images import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
NEW_URL = reverse("editorial:article_create")


def form_data(**changes):
    return {
        "title": "With a cover",
        "summary": "",
        "body_source": "Words.",
        "cover_alt": "A red square",
        "category": "",
        "tag_names": "",
        **changes,
    }


def preview_with_a_cover(client, name="red square.jpg"):
    response = client.post(NEW_URL, form_data(cover=upload(name=name), preview=""))
    return response, response.context["form"].pending_cover


def test_a_preview_keeps_the_chosen_cover_and_says_so(signed_in):
    response, kept = preview_with_a_cover(signed_in)
    assert kept.token
    assert f'name="pending_cover" value="{kept.token}"' in response.text
    assert "Cover chosen: red square.jpg (kept from your preview)" in response.text
    assert default_storage.exists(kept.stored)


def test_saving_after_the_preview_stores_the_kept_cover(signed_in):
    _response, kept = preview_with_a_cover(signed_in)
    response = signed_in.post(NEW_URL, form_data(pending_cover=kept.token, save=""))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover.name.startswith("covers/")
    assert article.cover_widths
    assert not default_storage.exists(kept.stored)


def test_a_second_preview_keeps_the_same_cover(signed_in):
    _response, kept = preview_with_a_cover(signed_in)
    data = form_data(pending_cover=kept.token, preview="")
    again = signed_in.post(NEW_URL, data).context["form"].pending_cover
    assert again.token == kept.token


def test_a_preview_that_fails_elsewhere_still_keeps_the_cover(signed_in):
    data = form_data(cover=upload(), preview="", title="")
    form = signed_in.post(NEW_URL, data).context["form"]
    assert form.errors["title"]
    assert form.pending_cover.token


def test_a_new_file_replaces_the_kept_one(signed_in):
    _response, kept = preview_with_a_cover(signed_in)
    data = form_data(pending_cover=kept.token, cover=upload(name="b.jpg"), save="")
    assert signed_in.post(NEW_URL, data).status_code == 302
    assert Article.objects.get().cover


def test_a_broken_cover_is_not_kept(signed_in):
    broken = upload(b"not an image", name="x.jpg")
    form = signed_in.post(NEW_URL, form_data(cover=broken, preview="")).context["form"]
    assert form.errors["cover"]
    assert not form.pending_cover.token


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        "",
        signing.dumps({"stored": f"{FOLDER}/ab/x.jpg", "name": "x", "user": 1}),
        "\x00<script>alert(1)</script>",
    ],
)
def test_a_forged_token_is_a_form_error_and_nothing_is_saved(signed_in, token):
    response = signed_in.post(NEW_URL, form_data(pending_cover=token or "x", save=""))
    assert response.status_code == 200
    assert response.context["form"].errors["cover"]
    assert not Article.objects.exists()


@pytest.mark.parametrize("stored", ["covers/ab/x.jpg", f"{FOLDER}/../secret.txt"])
def test_a_signed_token_for_a_file_outside_the_folder_is_refused(
    signed_in, writer, stored
):
    token = signing.dumps(
        {"stored": stored, "name": "x", "user": writer.user.pk}, salt=SALT
    )
    response = signed_in.post(NEW_URL, form_data(pending_cover=token, save=""))
    assert response.context["form"].errors["cover"]
    assert not Article.objects.exists()


def test_another_writers_token_is_refused(signed_in):
    _response, kept = preview_with_a_cover(signed_in)
    signed_in.force_login(AuthorFactory(user__groups=["Authors"]).user)
    response = signed_in.post(NEW_URL, form_data(pending_cover=kept.token, save=""))
    assert response.context["form"].errors["cover"]
    assert not Article.objects.exists()


def test_a_kept_cover_removed_meanwhile_is_a_form_error(signed_in):
    _response, kept = preview_with_a_cover(signed_in)
    default_storage.delete(kept.stored)
    response = signed_in.post(NEW_URL, form_data(pending_cover=kept.token, save=""))
    assert "is gone" in response.context["form"].errors["cover"][0]
    assert not Article.objects.exists()


def test_a_token_older_than_a_day_is_refused(signed_in, monkeypatch):
    a_day_ago = int(time.time()) - 24 * 3600 - 60
    with monkeypatch.context() as patch:
        patch.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(a_day_ago),
        )
        _response, kept = preview_with_a_cover(signed_in)
    response = signed_in.post(NEW_URL, form_data(pending_cover=kept.token, save=""))
    assert response.context["form"].errors["cover"]
    assert not Article.objects.exists()


def test_prune_media_removes_kept_covers_older_than_a_day(signed_in, media_root):
    _response, kept = preview_with_a_cover(signed_in)
    path = media_root / kept.stored
    old = path.stat().st_mtime - timedelta(days=1, minutes=1).total_seconds()
    os.utime(path, (old, old))
    call_command("prune_media", "--delete", stdout=StringIO())
    assert not path.exists()


def test_prune_media_leaves_a_fresh_kept_cover(signed_in, media_root):
    _response, kept = preview_with_a_cover(signed_in)
    call_command("prune_media", "--delete", stdout=StringIO())
    assert (media_root / kept.stored).exists()
