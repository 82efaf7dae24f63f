"""Images for the body from the editors' admin: who may upload, and the page
that offers it.

Editors are staff without an author profile; they edit the same Markdown body
in the article admin, so they upload through the dashboard's endpoint under
the same rules, and their uploads are theirs.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from blog.models import Article
from imaging.models import Image
from imaging.processing import MAX_BYTES
from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from tests.imaging.images import HOSTILE_FILES, store_image_for, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
UPLOAD_URL = reverse("editorial:image_upload")
DATA_ATTRIBUTES = f'data-upload-url="{UPLOAD_URL}" data-max-bytes="{MAX_BYTES}"'
SCRIPT = '<script src="/static/js/editor-images.js"'
STYLES = 'href="/static/css/admin-images.css"'


def send(client, data=None, name="photo.jpg", **fields):
    fields = {"alt": "A lighthouse at dusk", "caption": "", **fields}
    return client.post(UPLOAD_URL, {"file": upload(data, name), **fields})


def make_user(role):
    """The user playing `role`, or None for anonymous."""
    verified = {"user__email_verified": True}
    match role:
        case "anonymous":
            return None
        case "reader":
            return UserFactory()
        case "moderator":
            return UserFactory(is_staff=True, groups=["Moderators"])
        case "applicant":
            return AuthorFactory(**verified).user
        case "author":
            return AuthorFactory(user__groups=["Authors"], **verified).user
        case "editor":
            return UserFactory(is_staff=True, groups=["Editors"])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("reader", 403),
        ("moderator", 403),
        ("applicant", 201),
        ("author", 201),
        ("editor", 201),
    ],
)
def test_role_gets_the_expected_status_from_the_upload(client, role, expected):
    user = make_user(role)
    if user is not None:
        client.force_login(user)
    response = send(client)
    assert response.status_code == expected
    assert Image.objects.exists() == (expected == 201)


def test_an_anonymous_upload_is_sent_to_the_sign_in_page(client):
    response = send(client)
    assert response.url.startswith(reverse(settings.LOGIN_URL))


def test_a_reader_is_told_who_may_upload(client):
    client.force_login(make_user("reader"))
    error = send(client).json()["error"]
    assert error == "Only authors and editors can upload images."


def test_an_editors_upload_is_theirs_and_comes_back_as_markdown(client, editor):
    client.force_login(editor)
    response = send(client, caption="Seen from the pier")
    image = Image.objects.get()
    assert image.owner == editor
    assert response.json()["markdown"] == (
        f'![A lighthouse at dusk](image:{image.pk} "Seen from the pier")'
    )


@pytest.mark.parametrize(("name", "data"), HOSTILE_FILES)
def test_an_editors_hostile_file_is_refused_like_an_authors(client, editor, name, data):
    client.force_login(editor)
    response = send(client, data=data, name=name)
    assert response.status_code == 400
    assert "Upload a JPEG, PNG, WebP or GIF image." in response.json()["error"]
    assert not Image.objects.exists()


def test_an_editors_upload_too_large_is_refused_from_its_length(client, editor):
    client.force_login(editor)
    response = client.post(
        UPLOAD_URL, {"alt": "Huge"}, CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "the limit is 10 MB" in response.json()["error"]


def test_an_editors_upload_without_alt_text_is_refused(client, editor):
    client.force_login(editor)
    response = send(client, alt=" ")
    assert response.status_code == 400
    assert response.json()["error"] == "Describe the image before inserting it."


@pytest.mark.parametrize("page", ["change", "add"])
def test_the_article_admin_offers_image_upload_on_the_body(client, editor, page):
    client.force_login(editor)
    if page == "change":
        url = reverse("admin:blog_article_change", args=[ArticleFactory().pk])
    else:
        url = reverse("admin:blog_article_add")
    text = client.get(url).text
    assert SCRIPT in text and STYLES in text
    assert DATA_ATTRIBUTES in text
    assert 'id="id_body_source"' in text


def test_the_dashboard_body_carries_the_upload_address_for_the_script(signed_in):
    text = signed_in.get(reverse("editorial:article_create")).text
    assert DATA_ATTRIBUTES in text
    assert "<span data-editor-image-slot></span>" in text
    assert text.count(SCRIPT) == 1


def test_the_admin_saves_a_body_naming_an_image_the_editor_uploaded(client, editor):
    article = ArticleFactory(draft=True, body_source="Words.")
    image = store_image_for(editor, alt="A quay")
    client.force_login(editor)
    url = reverse("admin:blog_article_change", args=[article.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name != "cover"}
    data = {name: value for name, value in data.items() if value is not None}
    data |= {
        "body_source": f"Words.\n\n{image.markdown()}\n",
        "slug_redirects-TOTAL_FORMS": "0",
        "slug_redirects-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    body = Article.objects.get(pk=article.pk).body
    assert '<figure class="body-image">' in body


def dashboard_edit(client, article, body_source):
    """The author saves their draft from the dashboard with this body."""
    url = reverse("editorial:article_edit", args=[article.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if name != "cover"}
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(url, data | {"body_source": body_source, "save": ""})


def test_an_author_can_save_a_draft_keeping_an_image_an_editor_inserted(
    signed_in, writer, editor
):
    image = store_image_for(editor, alt="A quay")
    draft = ArticleFactory(draft=True, author=writer, body_source=image.markdown())
    response = dashboard_edit(signed_in, draft, f"New words.\n\n{image.markdown()}")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body_source.startswith("New words.")


def test_an_author_cannot_add_an_editors_image_their_draft_did_not_name(
    signed_in, writer, editor
):
    image = store_image_for(editor, alt="A quay")
    draft = ArticleFactory(draft=True, author=writer, body_source="Words.")
    response = dashboard_edit(signed_in, draft, image.markdown())
    assert "in another author&#x27;s library" in response.text
    draft.refresh_from_db()
    assert draft.body_source == "Words."
