from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Article
from comments.models import Comment
from wordpress.importer.comments import NO_EMAIL

from .conftest import POSTED, comment, post

pytestmark = pytest.mark.django_db


def by_body(text):
    return Comment.objects.get(body=text)


def test_a_thread_four_deep_keeps_every_parent(import_records):
    thread = [comment(1), comment(2, 1), comment(3, 2), comment(4, 3)]
    import_records([post(1, comments=thread)])
    chain = [by_body(f"Comment {n}.") for n in (1, 2, 3, 4)]
    assert [c.parent for c in chain] == [None, *chain[:3]]
    assert [c.depth for c in chain] == [1, 2, 3, 4]


def test_replies_listed_before_their_parents_still_find_them(import_records):
    import_records([post(1, comments=[comment(3, 2), comment(2, 1), comment(1)])])
    assert by_body("Comment 3.").parent == by_body("Comment 2.")
    assert by_body("Comment 2.").parent == by_body("Comment 1.")


def test_pending_and_spam_comments_keep_their_state(import_records):
    thread = [comment(1, approved="0"), comment(2, approved="spam")]
    import_records([post(1, comments=thread)])
    assert by_body("Comment 1.").status == "pending"
    assert by_body("Comment 2.").status == "spam"
    assert by_body("Comment 2.").held_reason == "Marked as spam in WordPress"


def test_trashed_comments_are_counted_as_skipped(import_records):
    thread = [comment(1, approved="trash"), comment(2, approved="post-trashed")]
    run = import_records([post(1, comments=thread)])
    assert not Comment.objects.exists()
    assert run.counts["comment"] == {"skipped": 2}


def test_pingbacks_and_trackbacks_are_counted_and_skipped(import_records):
    thread = [comment(1, type="pingback"), comment(2, type="trackback"), comment(3)]
    run = import_records([post(1, comments=thread)])
    assert Comment.objects.count() == 1
    assert run.counts["pingback"] == {"skipped": 1}
    assert run.counts["trackback"] == {"skipped": 1}


def test_a_comment_whose_parent_is_missing_is_top_level_with_a_warning(
    import_records,
):
    run = import_records([post(1, comments=[comment(5, 99)])])
    assert by_body("Comment 5.").parent is None
    warning = run.warnings[0]
    assert (warning["kind"], warning["wp_id"]) == ("comment", 5)
    assert "parent 99 is not imported" in warning["message"]


def test_a_reply_to_a_trashed_comment_is_top_level(import_records):
    thread = [comment(1, approved="trash"), comment(2, 1)]
    import_records([post(1, comments=thread)])
    assert by_body("Comment 2.").parent is None


def test_the_comment_count_matches_the_approved_comments_of_the_file(
    import_records,
):
    thread = [
        comment(1),
        comment(2, 1),
        comment(3, 2),
        comment(4, approved="0"),
        comment(5, approved="spam"),
        comment(6, type="pingback"),
    ]
    import_records([post(1, comments=thread)])
    assert Article.objects.get().comment_count == 3


def test_name_website_address_and_date_come_across(import_records):
    recent = timezone.now() - timedelta(days=2)
    record = comment(
        1, author_name="Ann", author_url="https://ann.example", date_gmt=recent
    )
    import_records([post(1, comments=[record])])
    imported = by_body("Comment 1.")
    assert (imported.name, imported.website) == ("Ann", "https://ann.example")
    assert (imported.ip_address, imported.created_at) == ("203.0.113.7", recent)


def test_an_address_older_than_the_retention_is_not_kept(import_records):
    import_records([post(1, comments=[comment(1, date_gmt=POSTED)])])
    assert by_body("Comment 1.").ip_address is None


def test_an_invalid_ip_address_is_dropped(import_records):
    recent = timezone.now() - timedelta(days=1)
    record = comment(1, author_ip="999.1.1.1", date_gmt=recent)
    import_records([post(1, comments=[record])])
    assert by_body("Comment 1.").ip_address is None


def test_a_nameless_commenter_is_anonymous(import_records):
    import_records([post(1, comments=[comment(1, author_name=" ")])])
    assert by_body("Comment 1.").name == "Anonymous"


def test_an_invalid_email_is_replaced_by_one_nobody_gets_and_warned(
    import_records,
):
    run = import_records([post(1, comments=[comment(1, author_email="not mail")])])
    assert by_body("Comment 1.").email == NO_EMAIL
    assert "email address is not valid" in run.warnings[0]["message"]


def test_a_website_that_is_not_a_web_address_is_dropped(import_records):
    record = comment(1, author_url="javascript:alert(1)")
    import_records([post(1, comments=[record])])
    assert by_body("Comment 1.").website == ""


def test_comment_html_becomes_plain_text_with_its_paragraphs(import_records):
    record = comment(1, content="<p>One &amp; <b>two</b></p><p>Three<br>four</p>")
    import_records([post(1, comments=[record])])
    assert Comment.objects.get().body == "One & two\n\nThree\nfour"


def test_no_email_is_sent_for_imported_comments(import_records, mailoutbox):
    import_records([post(1, comments=[comment(1), comment(2, 1, approved="0")])])
    assert mailoutbox == []


def test_no_commenter_email_appears_on_the_article_its_thread_or_the_feeds(
    import_records, client
):
    thread = [comment(1), comment(2, 1), comment(3, 2)]
    import_records([post(1, comments=thread)])
    article = Article.objects.get()
    url = article.get_absolute_url()
    pages = [url, f"{url}?cpage=1", "/feed/", article.author.get_absolute_url()]
    responses = [client.get(url) for url in pages]
    assert "Comment 3." in responses[0].content.decode()
    for response in responses:
        assert "@mail.example" not in response.content.decode()
