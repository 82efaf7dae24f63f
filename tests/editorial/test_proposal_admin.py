"""The editors' desk for proposed updates, and an editor's own change in the admin."""

import pytest
from django.urls import reverse

from blog.models import Article
from editorial import proposals
from editorial.forms import NOTE_MAX_LENGTH
from editorial.models import ArticleProposal
from editorial.revisions import record_revision
from editorial.versions import current_version
from tests.editorial.test_revisions import admin_save
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = ArticleProposal.Status
CHANGELIST = reverse("admin:editorial_articleproposal_changelist")


@pytest.fixture
def article(writer):
    article = ArticleFactory(author=writer, title="Live title", body_source="Old.")
    record_revision(article, by=writer.user)
    return article


def propose(article, *, title="A better title", submit=True):
    user = article.author.user
    proposal = proposals.start_or_get_proposal(article, by=user)
    proposal.title = title
    proposal.save()
    if submit:
        proposals.submit_proposal(proposal, by=user)
    return proposal


@pytest.fixture
def proposal(article):
    return propose(article)


def review_url(proposal):
    return reverse("admin:editorial_articleproposal_change", args=[proposal.pk])


def publish_url(proposal):
    return reverse("admin:editorial_articleproposal_publish", args=[proposal.pk])


def return_url(proposal):
    return reverse("admin:editorial_articleproposal_return", args=[proposal.pk])


def stored(model_object):
    return type(model_object).objects.get(pk=model_object.pk)


def correct(article, editor, title="Corrected by an editor"):
    article.title = title
    article.save()
    record_revision(article, by=editor)


# The list and the review page


def test_the_list_puts_updates_in_review_first(client, editor, writer):
    first = ArticleFactory(author=writer)
    second = ArticleFactory(author=writer)
    returned = propose(first)
    proposals.return_proposal(returned, by=editor, note="No.")
    in_review = propose(second)
    client.force_login(editor)
    results = list(client.get(CHANGELIST).context["cl"].result_list)
    assert results == [in_review, returned]


def test_the_list_leaves_out_unsubmitted_drafts(client, editor, article):
    propose(article, submit=False)
    client.force_login(editor)
    assert not client.get(CHANGELIST).context["cl"].result_list


def test_the_review_page_shows_the_diff_against_the_live_article(
    client, editor, proposal
):
    client.force_login(editor)
    response = client.get(review_url(proposal))
    assert response.status_code == 200
    assert "<ins>A better</ins>" in response.text


def test_the_review_page_warns_when_the_article_changed_since(
    client, editor, article, proposal
):
    correct(article, editor)
    client.force_login(editor)
    html = client.get(review_url(proposal)).text
    assert "The article changed since this update was proposed" in html


def test_an_unknown_or_malformed_id_is_not_found(client, editor):
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}999999/change/").status_code == 404
    assert client.get(f"{CHANGELIST}nonsense/change/").status_code == 404


def test_the_articles_change_page_links_to_its_updates_in_review(
    client, editor, article, proposal
):
    client.force_login(editor)
    change = reverse("admin:blog_article_change", args=[article.pk])
    link = f"{CHANGELIST}?article__id__exact={article.pk}"
    assert f'<a href="{link}">1 in review</a>' in client.get(change).text
    assert list(client.get(link).context["cl"].result_list) == [proposal]


# Publishing and returning


def test_editor_publishes_the_update(client, editor, article, proposal):
    client.force_login(editor)
    response = client.post(publish_url(proposal))
    assert response.status_code == 302
    assert stored(article).title == "A better title"


def test_publishing_refreshes_the_cached_public_page(client, editor, article, proposal):
    assert "Live title" in client.get(article.get_absolute_url()).text
    client.force_login(editor)
    client.post(publish_url(proposal))
    client.logout()
    html = client.get(article.get_absolute_url()).text
    assert "A better title" in html
    assert "Updated on" in html


def test_a_stale_update_is_not_published_unconfirmed(client, editor, article, proposal):
    correct(article, editor)
    client.force_login(editor)
    response = client.post(publish_url(proposal), follow=True)
    assert "changed since this update was proposed" in response.text
    assert stored(article).title == "Corrected by an editor"


def test_a_stale_update_is_published_once_the_editor_confirms(
    client, editor, article, proposal
):
    correct(article, editor)
    client.force_login(editor)
    client.post(publish_url(proposal), {"over_version": current_version(article)})
    assert stored(article).title == "A better title"


def test_a_confirmation_of_an_older_version_publishes_nothing(
    client, editor, article, proposal
):
    correct(article, editor)
    seen = current_version(article)
    correct(article, editor, title="Corrected again")
    client.force_login(editor)
    client.post(publish_url(proposal), {"over_version": seen})
    assert stored(article).title == "Corrected again"


@pytest.mark.parametrize("version", ["9" * 5000, "²", "-1", "1e3", "\x00"])
def test_a_malformed_confirmation_publishes_nothing(
    client, editor, article, proposal, version
):
    correct(article, editor)
    client.force_login(editor)
    response = client.post(publish_url(proposal), {"over_version": version})
    assert response.status_code == 302
    assert stored(article).title == "Corrected by an editor"


def test_editor_returns_the_update_with_a_note(client, editor, proposal):
    client.force_login(editor)
    client.post(return_url(proposal), {"note": "Cite the source."})
    returned = stored(proposal)
    assert (returned.status, returned.editor_note) == (
        Status.RETURNED,
        "Cite the source.",
    )


@pytest.mark.parametrize(
    "note", ["", "   ", "n" * (NOTE_MAX_LENGTH + 1), "Nul\x00byte"]
)
def test_a_bad_note_is_a_form_error_and_returns_nothing(client, editor, proposal, note):
    client.force_login(editor)
    response = client.post(return_url(proposal), {"note": note})
    assert response.status_code == 400
    assert stored(proposal).status == Status.SUBMITTED


def test_a_note_with_html_is_shown_escaped(client, editor, proposal):
    client.force_login(editor)
    client.post(return_url(proposal), {"note": "<script>alert(1)</script>"})
    html = client.get(review_url(proposal)).text
    assert "<script>alert(1)" not in html


def test_publish_and_return_need_a_post(client, editor, proposal):
    client.force_login(editor)
    assert client.get(publish_url(proposal)).status_code == 405
    assert client.get(return_url(proposal)).status_code == 405


# Who may use it


@pytest.mark.parametrize("page", [review_url, publish_url, return_url])
def test_a_moderator_is_refused(client, proposal, page):
    client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
    response = client.post(page(proposal), {"note": "Mine."})
    assert response.status_code == 403
    assert stored(proposal).status == Status.SUBMITTED


def test_the_author_is_sent_to_the_admin_sign_in(client, article, proposal):
    client.force_login(article.author.user)
    response = client.post(publish_url(proposal))
    assert response.url.startswith(reverse("admin:login"))
    assert stored(article).title == "Live title"


def test_a_moderator_does_not_see_the_list(client, proposal):
    client.force_login(UserFactory(is_staff=True, groups=["Moderators"]))
    assert client.get(CHANGELIST).status_code == 403


def test_no_one_adds_or_deletes_a_proposal_in_the_admin(client, editor, proposal):
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    delete = reverse("admin:editorial_articleproposal_delete", args=[proposal.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


# An editor's own change to a published article


def test_an_editors_change_to_a_public_article_sets_updated_on(client, editor):
    article = ArticleFactory(title="Old title")
    client.force_login(editor)
    admin_save(client, article, title="New title")
    assert stored(article).revised_at is not None


def test_a_change_readers_do_not_see_sets_no_updated_on(client, editor):
    article = ArticleFactory()
    record_revision(article, by=editor)
    client.force_login(editor)
    admin_save(client, article, comments_close_after_days="3")
    assert stored(article).revised_at is None


def test_an_editors_change_to_a_draft_sets_no_updated_on(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    admin_save(client, article, title="New title")
    assert Article.objects.get(pk=article.pk).revised_at is None
