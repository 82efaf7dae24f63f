"""A comment sent back with errors: at the form, summed up, and timed fairly.

The browser checks what it can; the server's checks stay behind it. A form
served back keeps the signed timestamp it was sent with, so "too fast"
counts from when the reader first saw the form.
"""

import shutil
import subprocess
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from comments import spam
from comments.models import Comment
from tests.comments.helpers import comment_data, issued_seconds_ago
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory
from tests.test_html_validity import VNU

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60


@pytest.fixture(autouse=True)
def commenting_settings(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 3
    settings.FOLIO_COMMENTS_PER_MINUTE = 1000


@pytest.fixture
def article():
    return ArticleFactory()


def post(client, article, data):
    url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    return client.post(url, data)


def served_token(response):
    return response.context["comment_form"]["issued"].value()


def later(seconds):
    """The clock `seconds` from now."""
    return mock.patch("time.time", return_value=time.time() + seconds)


def test_article_page_lets_the_browser_check_the_form(client, article):
    html = client.get(article.get_absolute_url()).text
    assert "novalidate" not in html
    assert 'type="email" name="email"' in html
    for name in ("name", "email", "body"):
        field = html[html.index(f'name="{name}"') :].split(">")[0]
        assert " required" in field


def test_website_without_a_scheme_passes_the_browser_and_is_kept_as_https(
    client, article
):
    html = client.get(article.get_absolute_url()).text
    assert 'type="text" name="website"' in html
    post(client, article, comment_data(article, website="ada.example.org"))
    assert Comment.objects.get().website == "https://ada.example.org"


def test_form_posts_to_the_comment_view_and_comes_back_at_the_form(client, article):
    html = client.get(article.get_absolute_url()).text
    create_url = reverse("comments:comment_create", kwargs={"slug": article.slug})
    assert f'action="{create_url}#comment-form"' in html
    assert 'id="comment-form"' in html
    assert f'data-article-url="{article.get_absolute_url()}"' in html


def test_blank_form_has_no_error_summary(client, article):
    assert 'id="comment-errors"' not in client.get(article.get_absolute_url()).text


def test_error_summary_links_each_mistake_to_its_field(client, article):
    data = comment_data(article, email="ada@example", body="")
    html = post(client, article, data).text
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in html
    assert '<a href="#id_body">Comment: This field is required.</a>' in html


def test_error_summary_can_take_the_focus_and_is_named_by_its_heading(client, article):
    html = post(client, article, comment_data(article, email="")).text
    summary = html[html.index('id="comment-errors"') :].split(">")[0]
    assert 'tabindex="-1"' in summary
    assert 'aria-labelledby="comment-errors-title"' in summary
    assert 'id="comment-errors-title"' in html


def test_error_of_the_whole_form_is_shown_once_in_the_summary(client, article):
    html = post(client, article, comment_data(article, extra_info="spam")).text
    assert html.count("Your comment could not be accepted.") == 1


def test_error_page_loads_the_script_that_focuses_the_summary(client, article):
    html = post(client, article, comment_data(article, email="")).text
    assert "js/comments.js" in html
    assert "data-error-summary" in html


@pytest.mark.parametrize("field", ["parent", "issued", "extra_info"])
def test_nul_byte_in_a_hidden_field_says_the_form_is_damaged(client, article, field):
    response = post(client, article, comment_data(article, **{field: "1\x00"}))
    assert response.status_code == 400
    assert not Comment.objects.exists()
    form = response.context["comment_form"]
    assert ("", "This form is damaged, please reload the page.") in (
        form.error_summary()
    )


def test_hostile_input_is_sent_back_escaped(client, article):
    script = "<script>alert(1)</script>"
    html = post(client, article, comment_data(article, name=script, email="x")).text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_form_sent_back_keeps_the_timestamp_it_was_sent_with(client, article):
    data = comment_data(article, email="ada@example")
    assert served_token(post(client, article, data)) == data["issued"]


def test_corrected_comment_sent_again_at_once_is_accepted(client, article):
    data = comment_data(article, issued=issued_seconds_ago(article, 4), email="x")
    response = post(client, article, data)
    assert response.status_code == 400
    resent = {**data, "email": "ada@example.org", "issued": served_token(response)}
    assert post(client, article, resent).status_code == 303
    assert Comment.objects.count() == 1


def test_too_fast_counts_from_when_the_form_was_first_shown(client, article):
    data = comment_data(article, issued=issued_seconds_ago(article, 1))
    response = post(client, article, data)
    assert "too fast" in response.text
    with later(2):
        response = post(client, article, {**data, "issued": served_token(response)})
    assert response.status_code == 303


def test_sending_again_at_once_after_too_fast_is_still_too_fast(client, article):
    data = comment_data(article, issued=spam.issue_form_token(article_id=article.pk))
    response = post(client, article, data)
    response = post(client, article, {**data, "issued": served_token(response)})
    assert response.status_code == 400
    assert "too fast" in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("token", ["", "forged", "1\x00"])
def test_missing_or_forged_timestamp_is_replaced_by_a_fresh_one(client, article, token):
    response = post(client, article, comment_data(article, issued=token))
    new = served_token(response)
    assert spam.form_token_reason(new, article_id=article.pk) == spam.TOO_FAST


def test_timestamp_of_another_article_is_replaced_by_a_fresh_one(client, article):
    other = issued_seconds_ago(ArticleFactory(), 60)
    response = post(client, article, comment_data(article, issued=other))
    new = served_token(response)
    assert spam.form_token_reason(new, article_id=article.pk) == spam.TOO_FAST


def test_expired_form_is_served_back_ready_to_send_at_once(client, article):
    data = comment_data(article, issued=issued_seconds_ago(article, DAY + 60))
    response = post(client, article, data)
    assert "This form expired" in response.text
    assert (
        post(client, article, {**data, "issued": served_token(response)}).status_code
        == 303
    )


def test_form_about_to_expire_is_served_back_with_time_to_correct_it(article):
    token = issued_seconds_ago(article, DAY - 60)
    new = spam.form_token_to_serve_again(token, article_id=article.pk)
    with later(30 * 60):
        assert spam.form_token_reason(new, article_id=article.pk) is None


def test_honeypot_is_still_refused_on_a_form_served_back(client, article):
    data = comment_data(article, email="x", extra_info="spam")
    response = post(client, article, data)
    resent = {**data, "email": "ada@example.org", "issued": served_token(response)}
    assert post(client, article, resent).status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.validator
def test_form_sent_back_and_a_signed_in_form_are_valid_html(article, tmp_path):
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.skip("Java and vnu-jar are needed (tests/test_html_validity.py)")
    parent = CommentFactory(article=article)
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(AuthorFactory().user)
    sent_back = comment_data(article, email="x", body="", parent=str(parent.pk))
    pages = {
        "sent-back": post(anonymous, article, sent_back).text,
        "signed-in": signed_in.get(article.get_absolute_url()).text,
    }
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_text(html)
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
