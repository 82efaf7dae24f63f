"""The cache-based limiter behind sign-in: per username, per address."""

import time

import pytest
from django.test import override_settings

from accounts import throttle


def fail(times, *, username="alice", ip="192.0.2.1", device=None):
    """`times` wrong passwords; how many of them were let through to be checked."""
    checked = 0
    for _ in range(times):
        checked += throttle.begin(username=username, ip=ip, device=device) is not None
    return checked


def is_locked(*, username="alice", ip="192.0.2.1", device=None):
    attempt = throttle.begin(username=username, ip=ip, device=device)
    if attempt is None:
        return True
    attempt.refused_otherwise()  # a look, not an attempt
    return False


def test_four_failures_do_not_lock():
    fail(4)
    assert not is_locked()


def test_five_failures_lock_the_username_from_any_address():
    fail(5)
    assert is_locked(ip="198.51.100.7")


def test_the_sixth_attempt_is_refused_before_its_password_is_checked():
    assert fail(8) == 5


def test_refused_attempts_are_not_counted():
    fail(8)
    assert throttle.failures(throttle.account_key("alice")) == 5


def test_the_username_lock_ignores_case_and_spaces():
    fail(5, username="Alice")
    assert is_locked(username=" alice ", ip=None)


def test_five_failures_lock_the_address_for_any_username():
    for n in range(5):
        fail(1, username=f"user{n}")
    assert is_locked(username="someone-else")


def test_other_usernames_and_addresses_stay_open():
    fail(5)
    assert not is_locked(username="bob", ip="198.51.100.7")


@override_settings(FOLIO_LOGIN_MAX_FAILURES=2, FOLIO_LOGIN_LOCKOUT_SECONDS=1)
def test_the_limit_and_window_come_from_the_settings():
    fail(2, ip=None)
    assert is_locked(ip=None)
    time.sleep(1.1)
    assert not is_locked(ip=None)


def test_a_success_forgets_the_usernames_failures():
    fail(4)
    throttle.begin(username="alice", ip="192.0.2.1").succeeded()
    fail(4, ip="198.51.100.7")
    assert not is_locked(ip="203.0.113.9")


def test_a_success_gives_its_address_its_count_back():
    fail(4, username="bob")
    throttle.begin(username="alice", ip="192.0.2.1").succeeded()
    assert throttle.failures(throttle.address_key("192.0.2.1")) == 4


def test_a_success_does_not_unlock_an_address_being_hammered():
    for n in range(5):
        fail(1, username=f"user{n}")
    assert throttle.begin(username="user0", ip="192.0.2.1") is None


def test_a_known_browser_counts_apart_from_the_account():
    fail(5, ip="198.51.100.7")
    assert not is_locked(device="nonce")


def test_a_known_browser_has_its_own_limit():
    assert fail(8, device="nonce", ip=None) == 5


def test_a_device_counts_per_account():
    fail(5, device="nonce", ip=None)
    assert not is_locked(username="bob", device="nonce", ip=None)


def test_the_message_gives_the_lockout_in_minutes():
    assert throttle.lockout_minutes() == 15


@pytest.mark.parametrize("kind", ["reset", "verify"])
def test_three_emails_an_hour_to_one_address(kind):
    allowed = [
        throttle.allow_email(kind=kind, email="Ada@example.com", ip=f"192.0.2.{n}")
        for n in range(30)
    ]
    assert allowed == [True] * 3 + [False] * 27


def test_ten_emails_an_hour_from_one_client_address():
    allowed = [
        throttle.allow_email(kind="reset", email=f"u{n}@example.com", ip="192.0.2.1")
        for n in range(30)
    ]
    assert allowed == [True] * 10 + [False] * 20
