"""The comment form: every field's rules, the traps, and the reply target."""

import pytest

from comments.forms import CommentForm
from comments.spam import issue_form_token
from tests.comments.helpers import comment_data, issued_seconds_ago
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def min_seconds(settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 3


@pytest.fixture
def article():
    return ArticleFactory()


def bound_form(article, **fields):
    return CommentForm(comment_data(article, **fields), article=article)


def test_a_filled_in_form_is_valid(article):
    assert bound_form(article).is_valid()


def test_name_is_required(article):
    form = bound_form(article, name="   ")
    assert "name" in form.errors


def test_name_is_stripped(article):
    form = bound_form(article, name="  Ada  ")
    assert form.is_valid()
    assert form.cleaned_data["name"] == "Ada"


def test_name_longer_than_100_characters_is_refused(article):
    assert "name" in bound_form(article, name="a" * 101).errors


def test_name_loses_the_right_to_left_override(article):
    form = bound_form(article, name="Ada \u202emoc.elgoog\u202c")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Ada moc.elgoog"


def test_a_name_of_direction_controls_only_is_refused(article):
    form = bound_form(article, name="\u202e\u2066\u2069")
    assert not form.is_valid()
    assert form.errors["name"] == ["Enter your name."]


def test_name_with_a_control_character_is_refused(article):
    form = bound_form(article, name="Ada\x1b[31m")
    assert form.errors["name"] == ["Your name cannot contain control characters."]


def test_name_with_a_nul_byte_is_refused(article):
    assert "name" in bound_form(article, name="Ada\x00").errors


def test_email_is_required(article):
    assert bound_form(article, email="").errors["email"] == ["This field is required."]


def test_invalid_email_is_refused(article):
    assert "email" in bound_form(article, email="ada at example").errors


def test_website_is_optional(article):
    assert bound_form(article, website="").is_valid()


def test_https_website_is_accepted(article):
    form = bound_form(article, website="https://ada.example.org/")
    assert form.is_valid()


def test_javascript_website_is_an_error_on_the_website_field(article):
    form = bound_form(article, website="javascript:alert(1)")
    assert "website" in form.errors


def test_ftp_website_is_refused(article):
    form = bound_form(article, website="ftp://ada.example.org/")
    assert form.errors["website"] == [
        "Enter a web address starting with http:// or https://."
    ]


def test_body_is_required(article):
    assert "body" in bound_form(article, body="").errors


def test_body_of_5000_characters_is_accepted(article):
    assert bound_form(article, body="a" * 5000).is_valid()


def test_body_of_100000_characters_gets_a_clear_error(article):
    form = bound_form(article, body="a" * 100_000)
    assert form.errors["body"] == [
        "Ensure this value has at most 5000 characters (it has 100000)."
    ]


def test_body_line_breaks_from_browsers_count_once(article):
    form = bound_form(article, body=("a" * 98 + "\r\n") * 50)
    assert form.is_valid()
    assert "\r" not in form.cleaned_data["body"]


def test_body_with_a_nul_byte_is_refused(article):
    assert "body" in bound_form(article, body="Hello\x00world").errors


def test_body_with_a_control_character_is_refused_with_a_clear_message(article):
    form = bound_form(article, body="Ring the bell\x07")
    assert form.errors["body"] == [
        "Your comment contains control characters; remove them and send it again."
    ]


def test_body_keeps_newlines_and_tabs(article):
    form = bound_form(article, body="One\n\n\tTwo")
    assert form.is_valid()
    assert form.cleaned_data["body"] == "One\n\n\tTwo"


def test_html_and_script_in_every_field_are_kept_as_plain_text(article):
    script = "<script>alert(1)</script>"
    form = bound_form(article, name=script, body=f"<b>{script}</b>")
    assert form.is_valid()
    assert form.cleaned_data["name"] == script


def test_filled_honeypot_is_refused(article):
    form = bound_form(article, extra_info="buy now")
    assert form.non_field_errors() == ["Your comment could not be accepted."]


def test_missing_timestamp_is_refused(article):
    form = bound_form(article, issued="")
    assert form.non_field_errors() == ["This form is damaged, please reload the page."]


def test_forged_timestamp_is_refused(article):
    token = issued_seconds_ago(article, 60)
    form = bound_form(article, issued=token[:-2] + "xx")
    assert form.non_field_errors() == ["This form is damaged, please reload the page."]


def test_timestamp_of_another_article_is_refused(article):
    other = ArticleFactory()
    form = bound_form(article, issued=issued_seconds_ago(other, 60))
    assert not form.is_valid()


def test_form_sent_within_three_seconds_is_too_fast(article):
    form = bound_form(article, issued=issue_form_token(article_id=article.pk))
    assert "too fast" in form.non_field_errors()[0]


def test_form_older_than_a_day_has_expired(article):
    form = bound_form(article, issued=issued_seconds_ago(article, 25 * 60 * 60))
    assert form.non_field_errors() == [
        "This form expired, please send your comment again."
    ]


def test_form_served_back_gets_a_timestamp_and_keeps_what_was_typed(article):
    form = bound_form(article, issued="", body="Kept")
    form.is_valid()
    form.keep_timestamp()
    assert form["issued"].value() != ""
    assert form["body"].value() == "Kept"


def test_reply_to_an_approved_comment_of_the_article_is_accepted(article):
    parent = CommentFactory(article=article)
    form = bound_form(article, parent=str(parent.pk))
    assert form.is_valid()
    assert form.cleaned_data["parent"] == parent


@pytest.mark.parametrize("case", ["other article", "pending", "too deep"])
def test_reply_to_a_comment_that_cannot_be_answered_is_refused(article, case):
    if case == "other article":
        parent = CommentFactory()
    elif case == "pending":
        parent = CommentFactory(article=article, pending=True)
    else:
        parent = CommentFactory(article=article)
        for _ in range(2):
            parent = CommentFactory(article=article, parent=parent)
    form = bound_form(article, parent=str(parent.pk))
    assert "cannot be answered" in form.non_field_errors()[0]


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 40, "²"])
def test_reply_to_a_malformed_parent_id_is_refused(article, value):
    assert not bound_form(article, parent=value).is_valid()


def test_same_comment_twice_is_refused_as_a_duplicate(article):
    CommentFactory(article=article, email="ada@example.org", body="Same words.")
    form = bound_form(article, email="ADA@example.org", body="Same words.")
    assert form.non_field_errors() == ["You already posted this comment."]


def test_same_words_from_another_email_are_not_a_duplicate(article):
    CommentFactory(article=article, email="bob@example.org", body="Same words.")
    assert bound_form(article, body="Same words.").is_valid()


def test_new_form_has_the_reply_checkboxes_off(article):
    form = CommentForm(article=article)
    assert not form["notify_replies"].value()
    assert not form["remember"].value()


def test_page_says_which_fields_are_required_and_that_email_stays_private(
    client, article
):
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        "Your email address will not be published. Required fields are marked *" in html
    )
    assert 'Email<span class="asteriskField">*</span>' in html


def test_honeypot_is_labelled_hidden_and_out_of_the_tab_order(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Leave this field empty" in html
    assert 'class="comment-trap"' in html
    assert 'name="extra_info" tabindex="-1" autocomplete="off"' in html
    assert "css/comments.css" in html
