"""A signed-in reader's page comes from a shell every reader shares, with
their own parts filled in; the shell never holds one reader's data."""

import re

import pytest
from django.template import TemplateSyntaxError, engines
from django.test import Client

from core import pagecache, pageshell
from tests.comments.helpers import comment_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user=None):
    client = Client()
    client.force_login(user or UserFactory())
    return client


def page_without_token(client, url):
    """The page's HTML without its comment form's token, which is new each time."""
    return re.sub(r'name="issued" value="[^"]*"', "", client.get(url).text)


def kept_shells():
    """Each shell this process keeps, as the HTML around its holes."""
    recent = pagecache._recent_values
    return [
        b"".join(value[0::2]).decode()
        for value in map(recent.get, recent.keys())
        if isinstance(value, list) and isinstance(value[0], bytes)
    ]


@pytest.mark.parametrize("kind", ["article", "home", "author", "search"])
def test_a_page_from_its_shell_is_the_page_rendered_in_full(kind, settings):
    article = ArticleFactory(title="Shells and holes")
    url = {
        "article": article.get_absolute_url(),
        "home": "/",
        "author": article.author.get_absolute_url(),
        "search": "/search/?q=shells",
    }[kind]
    reader = signed_in()
    reader.get(url)
    assert kept_shells()
    from_shell = page_without_token(reader, url)
    settings.FOLIO_PAGE_CACHE = False
    assert page_without_token(reader, url) == from_shell


def test_the_shell_holds_nothing_of_the_reader_it_was_rendered_for():
    article = ArticleFactory()
    reader = UserFactory(username="unmistakable-uma")
    page = signed_in(reader).get(article.get_absolute_url()).text
    assert "unmistakable-uma" in page  # in the comment form, a hole
    assert "Sign out" in page
    (shell,) = kept_shells()
    assert "unmistakable-uma" not in shell
    assert "Sign out" not in shell
    assert "csrfmiddlewaretoken" not in shell


def test_each_reader_gets_their_own_parts_in_a_shared_shell():
    article = ArticleFactory()
    signed_in(UserFactory(username="first-fay")).get(article.get_absolute_url())
    page = signed_in(UserFactory(username="second-sam")).get(article.get_absolute_url())
    assert "second-sam" in page.text
    assert "first-fay" not in page.text
    assert len(kept_shells()) == 1


def test_an_anonymous_reader_and_a_signed_in_one_share_the_shell():
    article = ArticleFactory()
    anonymous = Client().get(article.get_absolute_url())
    page = signed_in().get(article.get_absolute_url())
    assert "Sign in" in anonymous.text and "Sign out" not in anonymous.text
    assert "Sign out" in page.text and "Register" not in page.text.split("</nav>")[0]
    assert len(kept_shells()) == 1


def test_a_message_reaches_its_signed_in_reader_through_the_shell():
    article = ArticleFactory()
    reader = signed_in()
    reader.get(article.get_absolute_url())
    url = f"{article.get_absolute_url()}comments/"
    page = reader.post(url, comment_data(article), follow=True)
    assert "awaiting moderation" in page.text
    other = signed_in().get(article.get_absolute_url())
    assert "awaiting moderation" not in other.text


def test_a_moderators_menu_is_theirs_alone(moderator_user):
    article = ArticleFactory()
    moderator_page = signed_in(moderator_user).get(article.get_absolute_url())
    reader_page = signed_in().get(article.get_absolute_url())
    assert "Moderation (" in moderator_page.text
    assert "Moderation (" not in reader_page.text


def test_a_shell_follows_a_change_readers_see_at_once():
    article = ArticleFactory(title="The title before")
    reader = signed_in()
    reader.get(article.get_absolute_url())
    article.title = "The title after"
    article.save()
    assert "The title after" in reader.get(article.get_absolute_url()).text


def test_a_preview_is_never_kept_as_a_shell(editor):
    draft = ArticleFactory(status="draft", body_source="Not for readers yet.")
    page = signed_in(editor).get(draft.get_absolute_url())
    assert "Not for readers yet." in page.text
    assert kept_shells() == []


def test_each_search_has_a_shell_of_its_own():
    ArticleFactory(title="Apples in autumn")
    ArticleFactory(title="Pears in spring")
    reader = signed_in()
    assert "Apples in autumn" in reader.get("/search/?q=apples").text
    pears = reader.get("/search/?q=pears").text
    assert "Pears in spring" in pears and "Apples in autumn" not in pears


def test_a_search_with_an_error_keeps_its_error_to_itself():
    reader = signed_in()
    refused = reader.get("/search/", {"q": "nul\x00byte"})
    assert "Null characters are not allowed" in refused.text
    assert "Null characters are not allowed" not in reader.get("/search/?q=").text


def test_a_shell_kept_by_another_process_is_filled_all_the_same():
    article = ArticleFactory()
    reader = signed_in(UserFactory(username="reader-rio"))
    reader.get(article.get_absolute_url())
    pageshell._hole_nodes.clear()  # as in a process that never rendered it
    page = reader.get(article.get_absolute_url())
    assert "reader-rio" in page.text
    assert pageshell.hole_mark() not in page.text


def test_pages_render_in_full_when_the_page_cache_is_off(settings):
    settings.FOLIO_PAGE_CACHE = False
    article = ArticleFactory()
    assert "Sign out" in signed_in().get(article.get_absolute_url()).text
    assert kept_shells() == []


def test_two_personal_parts_of_one_name_are_refused(rf):
    template = engines["django"].from_string(
        '{% load site %}{% personal "twice" %}a{% endpersonal %}'
        '{% personal "twice" %}b{% endpersonal %}'
    )
    with pytest.raises(ValueError, match="twice"):
        template.render({pageshell.HOLES_CONTEXT_KEY: {}}, rf.get("/"))


def test_a_personal_part_inside_a_public_fragment_is_refused():
    with pytest.raises(TemplateSyntaxError, match="public fragment"):
        engines["django"].from_string(
            '{% load site %}{% public_fragment "shared" %}'
            '{% personal "mine" %}a{% endpersonal %}{% endpublic_fragment %}'
        )


def test_a_personal_part_needs_one_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string(
            "{% load site %}{% personal name %}a{% endpersonal %}"
        )


def test_a_csrf_token_outside_a_personal_part_is_an_error(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import ImproperlyConfigured

    template = engines["django"].from_string("<form>{% csrf_token %}</form>")
    request = rf.get("/", HTTP_COOKIE="csrftoken=" + "a" * 32)
    request.user = AnonymousUser()
    with pytest.raises(ImproperlyConfigured, match="CSRF token"):
        pageshell.render(template, {}, request, ["a form"], "utf-8")


def test_a_csrf_token_inside_a_personal_part_is_the_readers_own(rf):
    from django.contrib.auth.models import AnonymousUser

    template = engines["django"].from_string(
        "{% load site %}<form>{% personal 'form' %}{% csrf_token %}"
        "{% endpersonal %}</form>"
    )
    request = rf.get("/")
    request.user = AnonymousUser()
    page = pageshell.render(template, {}, request, ["a form"], "utf-8")
    assert b'name="csrfmiddlewaretoken"' in page
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]  # the reader gets its cookie
