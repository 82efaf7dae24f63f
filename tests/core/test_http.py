from django.test import RequestFactory

from core.http import client_ip

factory = RequestFactory()


def test_the_client_is_the_remote_address_when_no_proxy_is_trusted(settings):
    settings.FOLIO_TRUST_X_FORWARDED_FOR = False
    request = factory.get(
        "/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert client_ip(request) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_is_the_last_forwarded_address(settings):
    settings.FOLIO_TRUST_X_FORWARDED_FOR = True
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    assert client_ip(request) == "198.51.100.7"


def test_an_address_that_is_not_one_gives_no_client_address(settings):
    settings.FOLIO_TRUST_X_FORWARDED_FOR = True
    request = factory.get("/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(request) is None
