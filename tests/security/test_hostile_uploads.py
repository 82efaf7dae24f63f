"""Every hostile upload of the corpus through every upload path: a 4xx or a
form error, never a 500; what is accepted is re-encoded, its metadata gone,
and stored under a safe name inside the media folder."""

import re
from io import BytesIO

import pytest
from PIL import Image as Pillow

from accounts.models import Author
from blog.models import Article
from imaging.models import Image
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

from .hostile_images import CORPUS, HTML, PNG, REFUSED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


BOUNDARY = "hostile-upload-boundary"


def upload(name, data, content_type):
    return (name, data, content_type)


def post(client, url, fields):
    """POST `fields` as multipart, a file's name sent exactly as given (the
    test client's own encoder would clean it first)."""
    parts = []
    for key, value in fields.items():
        if isinstance(value, tuple):
            name, data, content_type = value
            quoted = name.replace('"', "%22").encode("utf-8", "surrogatepass")
            head = (
                f'Content-Disposition: form-data; name="{key}"; filename="'.encode()
                + quoted
                + f'"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            )
            parts.append(head + data)
        else:
            head = f'Content-Disposition: form-data; name="{key}"\r\n\r\n'
            parts.append(head.encode() + str(value).encode())
    body = b"".join(f"--{BOUNDARY}\r\n".encode() + p + b"\r\n" for p in parts)
    body += f"--{BOUNDARY}--\r\n".encode()
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    return client.post(url, body, content_type=content_type)


def admin_form(client, url, *, drop):
    """The admin change form at `url` as the browser would send it back."""
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in drop
    }
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}


def dashboard_cover(client, file):
    author = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    client.force_login(author.user)
    post(
        client,
        "/dashboard/articles/new/",
        {
            "title": "Covered",
            "summary": "",
            "body_source": "Words.",
            "cover": file,
            "cover_alt": "A cover",
            "category": "",
            "tag_names": "",
            "loaded_version": "0",
            "save": "",
        },
    )
    article = Article.objects.filter(title="Covered").first()
    return article.cover if article and article.cover else None


def admin_cover(client, file):
    editor = UserFactory(is_staff=True, is_superuser=True, groups=["Editors"])
    client.force_login(editor)
    article = ArticleFactory(title="Tides")
    url = f"/admin/blog/article/{article.pk}/change/"
    data = admin_form(client, url, drop=("tags", "cover"))
    data.update(
        {
            "author": article.author.pk,
            "cover": file,
            "cover_alt": "A cover",
            "slug_redirects-TOTAL_FORMS": 0,
            "slug_redirects-INITIAL_FORMS": 0,
        }
    )
    post(client, url, data)
    article.refresh_from_db()
    return article.cover or None


def profile_avatar(client, file):
    author = AuthorFactory(display_name="Happy Sharer")
    client.force_login(author.user)
    post(
        client,
        "/accounts/profile/",
        {"display_name": "Happy Sharer", "bio": "", "website": "", "avatar": file},
    )
    author.refresh_from_db()
    return author.avatar or None


def admin_avatar(client, file):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    author = AuthorFactory(display_name="Happy Sharer")
    url = f"/admin/accounts/author/{author.pk}/change/"
    data = admin_form(client, url, drop=("avatar",))
    data.update({"user": author.user.pk, "avatar": file})
    post(client, url, data)
    author.refresh_from_db()
    return author.avatar or None


def body_image(client, file):
    author = AuthorFactory(user__groups=["Authors"], user__email_verified=True)
    client.force_login(author.user)
    response = post(
        client, "/dashboard/media/upload/", {"file": file, "alt": "A picture"}
    )
    assert response.status_code in (201, 400)
    image = Image.objects.first()
    return image.file if image else None


PATHS = {
    "dashboard cover": dashboard_cover,
    "admin cover": admin_cover,
    "profile avatar": profile_avatar,
    "admin avatar": admin_avatar,
    "body image": body_image,
}


@pytest.fixture
def server_errors(client):
    """Every response status the client met, checked for a 5xx at the end."""
    statuses = []
    request = client.request

    def recording(**kwargs):
        response = request(**kwargs)
        statuses.append((kwargs.get("PATH_INFO"), response.status_code))
        return response

    client.request = recording
    yield statuses
    assert not [s for s in statuses if s[1] >= 500], statuses


def assert_stored_safely(stored):
    name = stored.name
    assert SAFE_NAME.fullmatch(name), name
    assert ".." not in name
    stored.open("rb")
    data = stored.read()
    stored.close()
    assert HTML not in data
    image = Pillow.open(BytesIO(data))
    assert not image.getexif()
    assert "exif" not in image.info
    assert getattr(image, "n_frames", 1) == 1


@pytest.mark.parametrize("path", PATHS)
def test_a_sound_image_is_accepted_on_every_path(client, server_errors, path):
    stored = PATHS[path](client, upload("photo.png", PNG, "image/png"))
    assert stored
    assert_stored_safely(stored)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("label", "name", "data", "content_type"),
    REFUSED,
    ids=[item[0] for item in REFUSED],
)
def test_a_hostile_upload_is_refused_without_a_server_error(
    client, server_errors, path, label, name, data, content_type
):
    assert PATHS[path](client, upload(name, data, content_type)) is None
    assert not Image.objects.exists()
    assert not Author.objects.exclude(avatar="").exists()


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("label", "name", "data", "content_type"),
    CORPUS[len(REFUSED) :],
    ids=[item[0] for item in CORPUS[len(REFUSED) :]],
)
def test_an_odd_upload_is_refused_or_stored_re_encoded_under_a_safe_name(
    client, server_errors, path, label, name, data, content_type
):
    stored = PATHS[path](client, upload(name, data, content_type))
    if stored:
        assert_stored_safely(stored)
