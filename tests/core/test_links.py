import time

import pytest

from core import links


def test_a_token_gives_back_the_data_it_was_made_with():
    token = links.make_token(links.CHANGE_EMAIL, {"u": 7, "new": "a@example.org"})
    assert links.read_token(links.CHANGE_EMAIL, token) == {
        "u": 7,
        "new": "a@example.org",
    }


def test_a_token_of_one_kind_does_not_open_another():
    token = links.make_token(links.UNSUBSCRIBE, {"c": 1})
    with pytest.raises(links.LinkError, match="not valid"):
        links.read_token(links.MODERATE_COMMENT, token)


def test_a_damaged_token_is_refused_as_not_valid():
    token = links.make_token(links.VERIFY_EMAIL, {"u": 1})
    with pytest.raises(links.LinkError, match="copied whole"):
        links.read_token(links.VERIFY_EMAIL, token[:-3])


def test_a_token_past_its_lifetime_says_how_long_links_work(settings, monkeypatch):
    settings.FOLIO_MODERATION_LINK_DAYS = 2
    token = links.make_token(links.MODERATE_COMMENT, {"c": 1})
    later = time.time() + 3 * 24 * 60 * 60
    monkeypatch.setattr("time.time", lambda: later)
    with pytest.raises(links.LinkError) as refused:
        links.read_token(links.MODERATE_COMMENT, token)
    assert str(refused.value) == (
        "This link has expired: links work for 2 days. "
        "Use the moderation queue instead."
    )


def test_the_lifetime_is_read_from_settings_when_a_token_is_checked(
    settings, monkeypatch
):
    token = links.make_token(links.VERIFY_COMMENTER, {"email": "a@example.org"})
    later = time.time() + 5 * 24 * 60 * 60
    monkeypatch.setattr("time.time", lambda: later)
    settings.FOLIO_EMAIL_LINK_DAYS = 7
    assert links.read_token(links.VERIFY_COMMENTER, token)["email"] == "a@example.org"


def test_an_unsubscribe_token_never_expires(monkeypatch):
    token = links.make_token(links.UNSUBSCRIBE, {"c": 1})
    later = time.time() + 10 * 365 * 24 * 60 * 60
    monkeypatch.setattr("time.time", lambda: later)
    assert links.read_token(links.UNSUBSCRIBE, token) == {"c": 1}


def test_every_kind_of_link_has_its_own_salt():
    kinds = [v for v in vars(links).values() if isinstance(v, links.LinkKind)]
    assert len({kind.salt for kind in kinds}) == len(kinds) >= 5
