import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import Env

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "1", "yes", "Yes", "on"])
def test_a_boolean_reads_true_from_true_1_yes_or_on_in_any_case(value):
    assert Env({"DJANGO_DEBUG": value}).bool("DJANGO_DEBUG") is True


@pytest.mark.parametrize("value", ["false", "False", "FALSE", "0", "no", "NO", "off"])
def test_a_boolean_reads_false_from_false_0_no_or_off_in_any_case(value):
    assert Env({"DJANGO_DEBUG": value}).bool("DJANGO_DEBUG") is False


def test_a_boolean_that_is_neither_raises_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG='maybe'"):
        Env({"DJANGO_DEBUG": "maybe"}).bool("DJANGO_DEBUG", False)


@pytest.mark.parametrize("kind", ["__call__", "bool", "int", "float"])
def test_a_missing_variable_without_default_raises_naming_it(kind):
    read = getattr(Env({}), kind)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        read("DJANGO_SECRET_KEY")


def test_a_missing_variable_with_a_default_gives_the_default():
    assert Env({}).int("FOLIO_ARTICLES_PER_PAGE", 10) == 10


def test_an_int_is_read_from_its_digits():
    assert Env({"DJANGO_EMAIL_PORT": " 587 "}).int("DJANGO_EMAIL_PORT") == 587


def test_an_int_refuses_a_word():
    with pytest.raises(ImproperlyConfigured, match="FOLIO_EMAIL_LINK_DAYS='ten'"):
        Env({"FOLIO_EMAIL_LINK_DAYS": "ten"}).int("FOLIO_EMAIL_LINK_DAYS")


def test_an_int_refuses_a_negative_number():
    with pytest.raises(ImproperlyConfigured, match="FOLIO_EMAIL_LINK_DAYS='-3'"):
        Env({"FOLIO_EMAIL_LINK_DAYS": "-3"}).int("FOLIO_EMAIL_LINK_DAYS")


def test_a_float_is_read_from_a_decimal():
    environ = {"FOLIO_COMMENT_MIN_SECONDS": "1.5"}
    assert Env(environ).float("FOLIO_COMMENT_MIN_SECONDS") == 1.5


def test_a_list_drops_blanks_and_spaces():
    environ = {"DJANGO_ALLOWED_HOSTS": " a.example, ,b.example,,"}
    assert Env(environ).list("DJANGO_ALLOWED_HOSTS") == ["a.example", "b.example"]


def test_django_stops_at_start_up_naming_a_boolean_variable_with_an_odd_value():
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_DEBUG": "maybe",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe' is not a boolean" in result.stderr.splitlines()[-1]
