"""When CI points the suite at PostgreSQL and Redis, the suite really uses them."""

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="DATABASE_URL is not PostgreSQL"
)
@pytest.mark.django_db
def test_suite_runs_on_postgresql_when_database_url_points_there():
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert connection.vendor == "postgresql"
    assert version.startswith("PostgreSQL")


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")
def test_cache_is_redis_when_redis_url_is_set():
    assert isinstance(caches["default"], RedisCache)


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")
def test_cache_round_trips_a_value_through_redis():
    cache = caches["default"]
    key = f"services-check-{os.getpid()}"
    cache.set(key, {"answer": 42}, timeout=60)
    try:
        assert cache.get(key) == {"answer": 42}
    finally:
        cache.delete(key)
