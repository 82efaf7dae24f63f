"""Every moderation endpoint: moderators and editors in, everyone else out."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from comments.context_processors import moderation
from comments.models import Comment, ModerationEvent
from tests.blog.test_queries import MAX_SIGNED_IN_QUERIES, busy_article
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIONS = ["approve", "reject", "spam", "delete"]


def endpoints(comment):
    """(method, url, data) for the queue and every action on `comment`."""
    yield "get", reverse("comments:moderation_queue"), {}
    for action in ACTIONS:
        url = reverse(
            "comments:moderation_action", kwargs={"pk": comment.pk, "action": action}
        )
        yield "post", url, {}
    bulk = {"action": "approve", "comments": [comment.pk]}
    yield "post", reverse("comments:moderation_bulk"), bulk


def request(client, method, url, data):
    return getattr(client, method)(url, data)


def test_anonymous_visitor_is_sent_to_log_in_from_every_moderation_endpoint(client):
    comment = CommentFactory(pending=True)
    for method, url, data in endpoints(comment):
        response = request(client, method, url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize("groups", [[], ["Authors"]])
def test_logged_in_user_without_the_permission_gets_403_everywhere(client, groups):
    comment = CommentFactory(pending=True)
    client.force_login(UserFactory(is_staff=True, groups=groups))
    for method, url, data in endpoints(comment):
        assert request(client, method, url, data).status_code == 403, url


def test_refused_actions_change_nothing_and_record_nothing(client):
    comment = CommentFactory(pending=True)
    client.force_login(UserFactory())
    for method, url, data in endpoints(comment):
        request(client, method, url, data)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not ModerationEvent.objects.exists()


@pytest.mark.parametrize("group", ["Moderators", "Editors"])
def test_moderators_and_editors_open_the_queue(client, group):
    client.force_login(UserFactory(groups=[group]))
    assert client.get(reverse("comments:moderation_queue")).status_code == 200


@pytest.mark.parametrize("group", ["Moderators", "Editors"])
def test_moderators_and_editors_may_act_on_a_comment(client, group):
    comment = CommentFactory(pending=True)
    client.force_login(UserFactory(groups=[group]))
    url = reverse(
        "comments:moderation_action", kwargs={"pk": comment.pk, "action": "approve"}
    )
    assert client.post(url).status_code == 303
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_moderation_actions_refuse_a_get(client):
    comment = CommentFactory(pending=True)
    client.force_login(UserFactory(groups=["Moderators"]))
    url = reverse(
        "comments:moderation_action", kwargs={"pk": comment.pk, "action": "approve"}
    )
    assert client.get(url).status_code == 405


def test_moderation_actions_check_csrf(client):
    comment = CommentFactory(pending=True)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory(groups=["Moderators"]))
    url = reverse(
        "comments:moderation_action", kwargs={"pk": comment.pk, "action": "approve"}
    )
    assert strict.post(url).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_nav_shows_the_pending_count_to_moderators(client):
    CommentFactory.create_batch(2, pending=True)
    CommentFactory()
    client.force_login(UserFactory(groups=["Moderators"]))
    assert "Moderation (2)" in client.get("/").text


@pytest.mark.parametrize("groups", [None, []])
def test_nav_has_no_moderation_link_for_others(client, groups):
    CommentFactory(pending=True)
    if groups is not None:
        client.force_login(UserFactory(groups=groups))
    assert "Moderation (" not in client.get("/").text


def test_pending_count_costs_anonymous_readers_no_query(
    client, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert moderation(request) == {}


def test_pending_count_costs_a_moderator_one_query(django_assert_num_queries):
    CommentFactory(pending=True)
    request = RequestFactory().get("/")
    request.user = UserFactory(groups=["Moderators"])
    request.user.has_perm("comments.moderate_comment")  # loaded once per request
    with django_assert_num_queries(1):
        assert moderation(request)["moderation_pending"] == 1


def test_editor_article_page_shows_the_count_within_the_query_budget(
    client, django_assert_max_num_queries
):
    article = busy_article(comments=10, tags=4, related=4)
    CommentFactory(pending=True, article=article)
    client.force_login(UserFactory(groups=["Editors"]))
    client.get(article.get_absolute_url())  # its shared fragments are cached
    with django_assert_max_num_queries(MAX_SIGNED_IN_QUERIES):
        page = client.get(article.get_absolute_url()).text
    assert "Moderation (1)" in page
