"""Spam checks, one by one: each gives a reason, or None when it passes."""

import pytest
from django.core import signing
from django.core.cache import cache

from comments import spam
from comments.models import BlockedTerm
from tests.comments.helpers import issued_seconds_ago
from tests.factories import ArticleFactory


class Term:
    """A blocklist entry as the checks read it, without the database."""

    def __init__(self, kind, value):
        self.kind, self.value = kind, value


def blocked(*terms, name="Ada", email="ada@example.org", body="", website="", ip=""):
    return spam.blocked_term_reason(
        [Term(*t) for t in terms],
        name=name,
        email=email,
        body=body,
        website=website,
        ip_address=ip or None,
    )


@pytest.fixture
def article(db):
    return ArticleFactory()


def test_form_token_older_than_the_minimum_passes(article, settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 3
    token = issued_seconds_ago(article, 4)
    assert spam.form_token_reason(token, article_id=article.pk) is None


def test_form_token_younger_than_the_minimum_is_too_fast(article, settings):
    settings.FOLIO_COMMENT_MIN_SECONDS = 3
    token = issued_seconds_ago(article, 2)
    assert spam.form_token_reason(token, article_id=article.pk) == "too fast"


def test_form_token_older_than_a_day_has_expired(article):
    token = issued_seconds_ago(article, 24 * 60 * 60 + 5)
    assert spam.form_token_reason(token, article_id=article.pk) == "form expired"


def test_form_token_signed_with_another_salt_is_forged(article):
    token = signing.dumps({"a": article.pk, "t": 0}, salt="another")
    reason = spam.form_token_reason(token, article_id=article.pk)
    assert reason == "form timestamp missing or forged"


def test_form_token_for_another_article_is_forged(article):
    token = issued_seconds_ago(article, 60)
    reason = spam.form_token_reason(token, article_id=article.pk + 1)
    assert reason == "form timestamp missing or forged"


@pytest.fixture
def rate_ip(settings):
    settings.FOLIO_COMMENTS_PER_MINUTE = 5
    ip = "192.0.2.77"
    cache.delete(spam.rate_limit_key(ip))
    yield ip
    cache.delete(spam.rate_limit_key(ip))


def test_five_comments_a_minute_pass_the_rate_limit(rate_ip):
    assert [spam.rate_limit_reason(rate_ip) for _ in range(5)] == [None] * 5


def test_sixth_comment_in_a_minute_hits_the_rate_limit(rate_ip):
    for _ in range(5):
        spam.rate_limit_reason(rate_ip)
    assert spam.rate_limit_reason(rate_ip) == "rate limit reached"


def test_rate_limit_counts_each_address_apart(rate_ip):
    for _ in range(6):
        spam.rate_limit_reason(rate_ip)
    other = "192.0.2.78"
    cache.delete(spam.rate_limit_key(other))
    assert spam.rate_limit_reason(other) is None
    cache.delete(spam.rate_limit_key(other))


def test_two_links_are_allowed():
    body = "See https://a.example and www.b.example"
    assert spam.too_many_links_reason(body=body) is None


def test_three_links_are_held_with_the_count_as_reason():
    body = "https://a.example http://b.example www.c.example"
    assert spam.too_many_links_reason(body=body) == "3 links, more than 2"


def test_website_counts_as_a_link():
    body = "https://a.example http://b.example"
    reason = spam.too_many_links_reason(body=body, website="https://c.example")
    assert reason == "3 links, more than 2"


def test_blocked_word_in_the_body_matches_whatever_its_case():
    reason = blocked(("word", "casino"), body="Best CASINO bonus")
    assert reason == "matched blocked word “casino”"


def test_blocked_word_in_the_name_matches():
    assert blocked(("word", "casino"), name="Casino King") is not None


def test_blocked_word_inside_another_word_does_not_match():
    assert blocked(("word", "ass"), body="A classic assessment") is None


def test_blocked_phrase_matches():
    reason = blocked(("word", "cheap pills"), body="Buy cheap pills now")
    assert reason == "matched blocked word “cheap pills”"


def test_blocked_email_matches_whatever_its_case():
    reason = blocked(("email", "spam@example.com"), email="Spam@Example.com")
    assert reason == "matched blocked email “spam@example.com”"


def test_blocked_ip_matches():
    reason = blocked(("ip", "203.0.113.9"), ip="203.0.113.9")
    assert reason == "matched blocked IP “203.0.113.9”"


def test_blocked_network_matches_an_address_inside_it():
    assert blocked(("ip", "203.0.113.0/24"), ip="203.0.113.200") is not None


def test_blocked_ip_does_not_match_a_comment_without_an_address():
    assert blocked(("ip", "203.0.113.9")) is None


def test_blocked_domain_in_the_email_matches():
    reason = blocked(("domain", "spam.example"), email="x@mail.spam.example")
    assert reason == "matched blocked domain “spam.example”"


def test_blocked_domain_in_a_link_matches():
    body = "Visit https://www.spam.example/offer today"
    assert blocked(("domain", "spam.example"), body=body) is not None


def test_blocked_domain_in_the_website_matches():
    assert (
        blocked(("domain", "spam.example"), website="http://spam.example") is not None
    )


def test_blocked_domain_does_not_match_a_lookalike():
    body = "Visit https://notspam.example/"
    assert blocked(("domain", "spam.example"), body=body) is None


def test_clean_comment_matches_nothing():
    terms = [("word", "casino"), ("email", "x@y.z"), ("ip", "10.0.0.1")]
    assert blocked(*terms, body="A kind word", ip="192.0.2.1") is None


@pytest.mark.django_db
def test_blocked_terms_from_the_database_are_stored_lower_case():
    term = BlockedTerm.objects.create(kind="word", value="  Casino ")
    reason = spam.blocked_term_reason(
        [term], name="", email="a@b.c", body="casino", website="", ip_address=None
    )
    assert reason == "matched blocked word “casino”"
