from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Author, User
from blog.models import Article, Category
from comments.models import Comment
from demo import covers
from demo.people import DEMO_PASSWORD
from imaging.processing import rendition_name
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SAMPLE_SLUG = "how-klonopin-works-on-the-brain-and-body"
SIGN_IN_URL = "http://127.0.0.1:8000/accounts/login/"  # the default FOLIO_SITE_URL
REPEATED = '<h2 id="{}">Understanding the Potential Side Effects of Klonopin</h2>'


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def small_covers(monkeypatch):
    # Full-size covers take seconds to encode; the pipeline is the same.
    monkeypatch.setattr(covers, "COVER_SIZE", (640, 360))


@pytest.fixture
def demo_mode(settings):
    settings.DEBUG = True


@pytest.fixture
def demo(demo_mode):
    return load_demo()


def test_sample_article_keeps_its_side_effects_heading_three_times(demo):
    body = Article.objects.get(slug=SAMPLE_SLUG).body
    ids = ["understanding-the-potential-side-effects-of-klonopin"]
    ids += [f"{ids[0]}-2", f"{ids[0]}-3"]
    assert [body.count(REPEATED.format(anchor)) for anchor in ids] == [1, 1, 1]


def test_sample_article_lists_the_three_books_for_further_reading(demo):
    body = Article.objects.get(slug=SAMPLE_SLUG).body
    assert body.count("<li><cite>") == 3


def test_sample_article_invites_readers_to_registration(demo):
    body = Article.objects.get(slug=SAMPLE_SLUG).body
    assert '<a href="/accounts/register/">Registration</a>' in body


def test_sample_article_is_by_happy_sharer_with_the_sample_bio(demo):
    author = Article.objects.get(slug=SAMPLE_SLUG).author
    assert (author.display_name, author.slug) == ("Happy Sharer", "happy-sharer")
    assert author.bio.startswith("Hi, I'm Happy Sharer and I love sharing")


def test_load_demo_publishes_at_least_nine_articles(demo):
    assert Article.objects.published().count() >= 9


def test_public_articles_span_three_categories(demo):
    public = Article.objects.published()
    assert Category.objects.filter(articles__in=public).distinct().count() == 3


def test_published_leaves_out_the_scheduled_demo_article(demo):
    scheduled = Article.objects.get(slug="getting-ahead-of-hay-fever-season")
    assert scheduled.is_scheduled
    assert not Article.objects.published().filter(pk=scheduled.pk).exists()


def test_published_leaves_out_the_draft_and_the_submitted_article(demo):
    hidden = Article.objects.filter(
        status__in=[Article.Status.DRAFT, Article.Status.SUBMITTED]
    )
    assert hidden.count() == 2
    assert not Article.objects.published().filter(pk__in=hidden).exists()


def test_demo_has_approved_and_pending_comments(demo):
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {Comment.Status.APPROVED, Comment.Status.PENDING}


def test_demo_comments_include_replies_three_levels_deep_at_most(demo):
    depths = set(Comment.objects.values_list("depth", flat=True))
    assert depths == {1, 2, 3}


def test_demo_covers_have_webp_renditions(demo):
    covered = Article.objects.exclude(cover="")
    assert covered.count() >= 4
    for article in covered:
        name = rendition_name(article.cover.name, article.cover_widths[0])
        assert article.cover_alt
        assert article.cover.storage.exists(name)


def test_happy_sharer_has_a_square_avatar(demo):
    author = Author.objects.get(slug="happy-sharer")
    assert author.avatar_width == author.avatar_height
    assert author.avatar_widths


def test_demo_editor_can_log_in_with_the_demo_password(demo):
    user = authenticate(username="editor", password=DEMO_PASSWORD)
    assert user.is_staff and user.email_verified
    assert user.has_perm("blog.publish_article")


def test_demo_moderator_belongs_to_the_moderators(demo):
    moderator = User.objects.get(username="moderator")
    assert list(moderator.groups.values_list("name", flat=True)) == ["Moderators"]


def test_running_twice_creates_nothing_new(demo):
    counts = (Article.objects.count(), Comment.objects.count(), User.objects.count())
    load_demo()
    assert (
        Article.objects.count(),
        Comment.objects.count(),
        User.objects.count(),
    ) == counts


def test_if_empty_loads_nothing_when_articles_exist(demo_mode):
    ArticleFactory()
    load_demo("--if-empty")
    assert Article.objects.count() == 1


def test_if_empty_loads_the_demo_into_an_empty_site(demo_mode):
    load_demo("--if-empty")
    assert Article.objects.filter(slug=SAMPLE_SLUG).exists()


def test_load_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo()
    assert not User.objects.filter(username="editor").exists()


def test_force_loads_the_demo_without_debug(settings):
    settings.DEBUG = False
    load_demo("--force")
    assert Article.objects.filter(slug=SAMPLE_SLUG).exists()


def test_load_demo_prints_each_roles_login_and_where_it_works(demo):
    lines = demo.splitlines()
    assert SIGN_IN_URL in demo
    for role, username, page in [
        ("editor", "editor", "/admin/"),
        ("moderator", "moderator", "/moderation/"),
        ("author", "happy", "/dashboard/"),
    ]:
        expected = [role, username, DEMO_PASSWORD, f"http://127.0.0.1:8000{page}"]
        assert any(line.split() == expected for line in lines)


def test_if_empty_still_prints_the_logins_of_an_earlier_load(demo):
    assert SIGN_IN_URL in load_demo("--if-empty")


def test_the_printed_logins_follow_the_sites_address(demo, settings):
    settings.FOLIO_SITE_URL = "http://localhost:8123"
    printed = load_demo("--if-empty")
    assert "sign in at http://localhost:8123/accounts/login/" in printed
    assert "http://localhost:8123/dashboard/" in printed


def test_no_logins_are_printed_when_no_demo_account_exists(demo_mode):
    ArticleFactory()
    assert DEMO_PASSWORD not in load_demo("--if-empty")


def test_demo_staff_sign_in_to_the_admin_with_the_printed_codes_app(demo, client):
    assert "manage.py demo_code" in demo
    printed = StringIO()
    call_command("demo_code", stdout=printed)
    client.post("/admin/login/", {"username": "editor", "password": DEMO_PASSWORD})
    client.post("/accounts/two-factor/", {"code": printed.getvalue().split()[0]})
    assert client.get("/admin/").status_code == 200
