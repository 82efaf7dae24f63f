"""The cache-based limiter behind sign-in: per username, per address."""

import pytest
from django.test import override_settings

from accounts import throttle


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand."""
    moment = [1_000_000.0]
    monkeypatch.setattr(throttle, "now", lambda: moment[0])
    return moment


def fail(times, *, username="alice", ip="192.0.2.1"):
    for _ in range(times):
        throttle.record_failure(username=username, ip=ip)


def test_four_failures_do_not_lock(clock):
    fail(4)
    assert not throttle.is_locked(username="alice", ip="192.0.2.1")


def test_five_failures_lock_the_username_from_any_address(clock):
    fail(5)
    assert throttle.is_locked(username="alice", ip="198.51.100.7")


def test_the_username_lock_ignores_case_and_spaces(clock):
    fail(5, username="Alice")
    assert throttle.is_locked(username=" alice ", ip=None)


def test_five_failures_lock_the_address_for_any_username(clock):
    for n in range(5):
        fail(1, username=f"user{n}")
    assert throttle.is_locked(username="someone-else", ip="192.0.2.1")


def test_other_usernames_and_addresses_stay_open(clock):
    fail(5)
    assert not throttle.is_locked(username="bob", ip="198.51.100.7")


def test_the_lock_lifts_after_the_window(clock):
    fail(5)
    clock[0] += 15 * 60
    assert not throttle.is_locked(username="alice", ip="192.0.2.1")


def test_the_lock_holds_just_before_the_window_ends(clock):
    fail(5)
    clock[0] += 15 * 60 - 1
    assert throttle.is_locked(username="alice", ip="192.0.2.1")


def test_failures_older_than_the_window_are_forgotten(clock):
    fail(4)
    clock[0] += 15 * 60
    fail(1)
    assert not throttle.is_locked(username="alice", ip="192.0.2.1")


@override_settings(FOLIO_LOGIN_MAX_FAILURES=2, FOLIO_LOGIN_LOCKOUT_SECONDS=10)
def test_the_limit_and_window_come_from_the_settings(clock):
    fail(2)
    assert throttle.is_locked(username="alice", ip=None)
    clock[0] += 10
    assert not throttle.is_locked(username="alice", ip=None)


def test_a_success_forgets_the_usernames_failures(clock):
    fail(4)
    throttle.record_success(username="alice")
    fail(1, ip="198.51.100.7")
    assert not throttle.is_locked(username="alice", ip="198.51.100.7")


def test_a_success_does_not_unlock_an_address_being_hammered(clock):
    for n in range(5):
        fail(1, username=f"user{n}")
    throttle.record_success(username="user0")
    assert throttle.is_locked(username="user0", ip="192.0.2.1")


def test_the_message_gives_the_lockout_in_minutes():
    assert throttle.lockout_minutes() == 15
