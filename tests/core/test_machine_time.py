"""`<time datetime>` values that HTML accepts: to the second, with the offset."""

import re
from datetime import UTC, datetime

import pytest

from core.templatetags.site import machine_time
from tests.factories import ArticleFactory

TIME_ATTRIBUTE = re.compile(r'<time datetime="([^"]*)"')


def test_machine_time_drops_the_microseconds():
    moment = datetime(2026, 3, 1, 9, 51, 38, 804554, tzinfo=UTC)
    assert machine_time(moment) == "2026-03-01T09:51:38+00:00"


def test_machine_time_of_nothing_is_empty():
    assert machine_time(None) == ""


@pytest.mark.django_db
def test_the_home_page_time_attributes_carry_no_fractions_of_a_second(client):
    ArticleFactory(published_at=datetime(2026, 3, 1, 9, 51, 38, 804554, tzinfo=UTC))
    values = TIME_ATTRIBUTE.findall(client.get("/").text)
    assert values == ["2026-03-01T09:51:38+00:00"]
