"""`{% load site %}`: site-wide template helpers."""

from django.template import Context, Template

ABSOLUTE_URL = Template("{% load site %}{% absolute_url path %}")


def absolute_url(request, path):
    return ABSOLUTE_URL.render(Context({"request": request, "path": path}))


def test_absolute_url_puts_the_scheme_and_host_of_the_request_before_a_path(
    rf, settings
):
    settings.ALLOWED_HOSTS = ["folio.example"]
    request = rf.get("/", headers={"host": "folio.example"}, secure=True)
    assert absolute_url(request, "/articles/a/") == "https://folio.example/articles/a/"


def test_absolute_url_keeps_an_address_that_is_already_absolute(rf):
    cdn = "https://cdn.example/covers/a.jpg"
    assert absolute_url(rf.get("/"), cdn) == cdn


def test_absolute_url_is_escaped_for_an_html_attribute(rf):
    assert absolute_url(rf.get("/"), "/search/?q=a&page=2") == (
        "http://testserver/search/?q=a&amp;page=2"
    )
