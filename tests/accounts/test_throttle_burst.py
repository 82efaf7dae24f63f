"""A burst of simultaneous guesses gets no more passwords checked than the limit.

Each attempt is counted (add() and incr(), atomic in Redis and in the
local-memory cache alike) before its password is looked at, and refused on
the incremented count; counting with get() then set() let a burst of 60
through six at a time.
"""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory

from accounts.forms import ThrottledAuthenticationForm
from accounts.models import User
from tests.factories import UserFactory

GUESSES = 60


@pytest.fixture
def checked_passwords(monkeypatch):
    """How many passwords were compared; each comparison takes a little while,
    so that the guesses overlap."""
    checked = []
    check_password = User.check_password

    def counting(self, raw_password):
        checked.append(raw_password)
        threading.Event().wait(0.02)
        return check_password(self, raw_password)

    monkeypatch.setattr(User, "check_password", counting)
    return checked


def guess_at_once(username: str, *, ip_of=lambda n: "192.0.2.1") -> list[bool]:
    """Sign in as `username` with a wrong password from GUESSES threads at once."""
    start = threading.Barrier(GUESSES)
    results = [None] * GUESSES

    def guess(n):
        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=ip_of(n))
        data = {"username": username, "password": f"wrong {n}"}
        try:
            start.wait()
            results[n] = ThrottledAuthenticationForm(request, data=data).is_valid()
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(GUESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_sixty_wrong_passwords_gets_at_most_five_checked(
    checked_passwords,
):
    user = UserFactory()
    results = guess_at_once(user.username)
    assert results == [False] * GUESSES
    assert 1 <= len(checked_passwords) <= 5


@pytest.mark.django_db(transaction=True)
def test_guesses_after_a_burst_make_five_checked_in_all(checked_passwords):
    """Two counts (account, address) claimed at once can refuse a guess the
    other would allow: fewer may be checked in a burst, never more, and the
    rest of the window makes up the difference."""
    user = UserFactory()
    guess_at_once(user.username)
    for n in range(10):
        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="192.0.2.1")
        data = {"username": user.username, "password": f"late {n}"}
        ThrottledAuthenticationForm(request, data=data).is_valid()
    assert len(checked_passwords) == 5


@pytest.mark.django_db(transaction=True)
def test_a_burst_from_sixty_addresses_gets_five_checked_for_one_account(
    checked_passwords,
):
    user = UserFactory()
    guess_at_once(user.username, ip_of=lambda n: f"192.0.2.{n}")
    assert len(checked_passwords) == 5
