"""The development outbox: mail kept as files, read at /dev/outbox/ with DEBUG on."""

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from core.outbox import OutboxBackend, letters

pytestmark = pytest.mark.django_db
LINK = "http://127.0.0.1:8000/accounts/verify/abc:def/"


@pytest.fixture
def outbox(settings, tmp_path):
    settings.FOLIO_OUTBOX_DIR = tmp_path / "outbox"
    settings.DEBUG = True
    return settings.FOLIO_OUTBOX_DIR


def send(subject="Confirm your email", body=f"Follow this link:\n{LINK}\n"):
    message = EmailMultiAlternatives(subject, body, to=["ada@example.org"])
    message.attach_alternative("<p>HTML part</p>", "text/html")
    OutboxBackend().send_messages([message])


def test_each_message_becomes_one_file(outbox):
    send()
    send()
    assert len(list(outbox.glob("*.eml"))) == 2


def test_sending_logs_where_to_read_the_message(outbox, caplog):
    caplog.set_level("INFO", logger="core.outbox")
    send()
    name = letters()[0].name
    assert f"/dev/outbox/{name}/" in caplog.text


def test_the_outbox_lists_the_newest_message_first(client, outbox):
    send(subject="First")
    send(subject="Second")
    text = client.get(reverse("core:outbox")).text
    assert text.index("Second") < text.index("First")


def test_a_message_shows_its_plain_text_with_the_link_clickable(client, outbox):
    send()
    url = reverse("core:outbox_message", args=[letters()[0].name])
    assert f'<a href="{LINK}"' in client.get(url).text


def test_markup_in_a_message_is_shown_as_text(client, outbox):
    send(body="<script>alert(1)</script>")
    url = reverse("core:outbox_message", args=[letters()[0].name])
    text = client.get(url).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)" not in text


def test_an_unknown_message_is_a_404(client, outbox):
    send()
    url = reverse("core:outbox_message", args=["20260101-000000-000000-00000000.eml"])
    assert client.get(url).status_code == 404


def test_a_name_that_is_not_a_message_file_is_a_404(client, outbox):
    outbox.mkdir()
    (outbox / "notes.txt").write_text("private")
    url = reverse("core:outbox_message", args=["notes.txt"])
    assert client.get(url).status_code == 404


def test_an_empty_outbox_says_so(client, outbox):
    assert "No mail yet" in client.get(reverse("core:outbox")).text


def test_the_outbox_is_a_404_when_debug_is_off(client, outbox, settings):
    send()
    settings.DEBUG = False
    assert client.get(reverse("core:outbox")).status_code == 404


def test_a_message_is_a_404_when_debug_is_off(client, outbox, settings):
    send()
    url = reverse("core:outbox_message", args=[letters()[0].name])
    settings.DEBUG = False
    assert client.get(url).status_code == 404


def test_the_outbox_is_never_cached(client, outbox):
    response = client.get(reverse("core:outbox"))
    assert "no-store" in response["Cache-Control"]
