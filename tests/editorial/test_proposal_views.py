"""Proposing an update from the dashboard: the page, its buttons, who may use it."""

import pytest
from django.urls import reverse

from blog.models import Article
from editorial import proposals
from editorial.forms import MAX_BODY_CHARS
from editorial.models import ArticleProposal
from editorial.revisions import record_revision
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = ArticleProposal.Status
TEXT = {"title": "A better title", "summary": "Sharper.", "body_source": "New words."}


@pytest.fixture
def article(writer):
    article = ArticleFactory(author=writer, title="Live title", body_source="Old.")
    record_revision(article, by=writer.user)
    return article


def url(article):
    return reverse("editorial:proposal_edit", args=[article.pk])


def withdraw_url(article):
    return reverse("editorial:proposal_withdraw", args=[article.pk])


def save(client, article, **data):
    return client.post(url(article), {**TEXT, "save": "", **data})


def stored(article):
    return Article.objects.get(pk=article.pk)


def returned_proposal(article, writer, editor):
    proposal = proposals.start_or_get_proposal(article, by=writer.user)
    proposal.title = "Mine"
    proposal.save()
    proposals.submit_proposal(proposal, by=writer.user)
    proposals.return_proposal(proposal, by=editor, note="Cite your source.")
    return proposal


# The page


def test_the_page_starts_from_the_live_article(signed_in, article):
    response = signed_in.get(url(article))
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Live title"


def test_opening_the_page_saves_nothing(signed_in, article):
    signed_in.get(url(article))
    assert not ArticleProposal.objects.exists()


def test_the_page_has_the_editor_toolbar_and_live_preview(signed_in, article):
    html = signed_in.get(url(article)).text
    assert "data-editor-toolbar" in html
    assert 'id="live-preview"' in html


def test_saving_keeps_the_proposal_and_leaves_the_live_article(signed_in, article):
    response = save(signed_in, article)
    assert response.status_code == 302
    assert ArticleProposal.objects.get().title == "A better title"
    assert stored(article).title == "Live title"


def test_the_saved_proposal_is_shown_with_its_diff(signed_in, article):
    save(signed_in, article)
    html = signed_in.get(url(article)).text
    assert 'value="A better title"' in html
    assert "<ins>Sharper.</ins>" in html


def test_submitting_saves_and_hands_the_update_to_the_editors(signed_in, article):
    response = signed_in.post(url(article), {**TEXT, "submit": ""})
    assert response.url == reverse("editorial:dashboard")
    assert ArticleProposal.objects.get().status == Status.SUBMITTED


def test_an_applicant_cannot_submit_and_nothing_is_saved(client, article, writer):
    writer.user.groups.clear()
    client.force_login(writer.user)
    response = client.post(url(article), {**TEXT, "submit": ""})
    assert response.status_code == 403
    assert not ArticleProposal.objects.exists()


def test_an_update_in_review_is_read_only(signed_in, article):
    signed_in.post(url(article), {**TEXT, "submit": ""})
    response = save(signed_in, article, title="Sneaky")
    assert response.status_code == 403
    assert ArticleProposal.objects.get().title == "A better title"


def test_a_returned_update_shows_the_editors_note(signed_in, article, writer, editor):
    returned_proposal(article, writer, editor)
    assert "Cite your source." in signed_in.get(url(article)).text


def test_a_returned_update_can_be_revised_and_submitted_again(
    signed_in, article, writer, editor
):
    returned_proposal(article, writer, editor)
    signed_in.post(url(article), {**TEXT, "submit": ""})
    proposal = ArticleProposal.objects.get()
    assert (proposal.status, proposal.title) == (Status.SUBMITTED, TEXT["title"])


def test_the_page_says_when_the_live_article_changed_since(signed_in, article, editor):
    save(signed_in, article)
    article.title = "Corrected by an editor"
    article.save()
    record_revision(article, by=editor)
    html = signed_in.get(url(article)).text
    assert "The live article changed since you started this update" in html


def test_withdrawing_drops_the_update(signed_in, article):
    save(signed_in, article)
    response = signed_in.post(withdraw_url(article))
    assert response.status_code == 302
    assert ArticleProposal.objects.get().status == Status.WITHDRAWN


def test_withdrawing_without_an_open_update_is_not_found(signed_in, article):
    assert signed_in.post(withdraw_url(article)).status_code == 404


def test_withdrawing_needs_a_post(signed_in, article):
    save(signed_in, article)
    assert signed_in.get(withdraw_url(article)).status_code == 405


def test_a_draft_article_is_sent_to_its_editor(signed_in, writer):
    draft = ArticleFactory(draft=True, author=writer)
    response = signed_in.get(url(draft))
    assert response.url == reverse("editorial:article_edit", args=[draft.pk])


# The dashboard and the article page point at it


def test_the_published_articles_edit_page_offers_to_propose_a_change(
    signed_in, article
):
    html = signed_in.get(reverse("editorial:article_edit", args=[article.pk])).text
    assert f'href="{url(article)}">Propose a change' in html


def test_the_dashboard_shows_an_update_in_review(signed_in, article):
    signed_in.post(url(article), {**TEXT, "submit": ""})
    html = signed_in.get(reverse("editorial:dashboard")).text
    assert "In review</span>" in html


# Who may use it


def test_anonymous_visitor_is_sent_to_sign_in(client, article):
    response = client.get(url(article))
    assert response.url.startswith(reverse("login"))


def test_another_authors_article_is_not_found(client, article):
    client.force_login(AuthorFactory(user__groups=["Authors"]).user)
    assert client.get(url(article)).status_code == 404


def test_another_author_cannot_post_an_update(client, article):
    client.force_login(AuthorFactory(user__groups=["Authors"]).user)
    assert save(client, article).status_code == 404
    assert not ArticleProposal.objects.exists()


def test_another_author_cannot_withdraw_an_update(client, signed_in, article):
    save(signed_in, article)
    client.force_login(AuthorFactory(user__groups=["Authors"]).user)
    assert client.post(withdraw_url(article)).status_code == 404
    assert ArticleProposal.objects.get().status == Status.DRAFT


def test_a_user_without_an_author_profile_is_refused(client, article):
    client.force_login(UserFactory(groups=["Editors"], is_staff=True))
    assert client.get(url(article)).status_code == 403


# Bad input: a form error, nothing saved


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", ""),
        ("title", "x" * 201),
        ("title", "Nul\x00byte"),
        ("summary", "s" * 501),
        ("body_source", "Nul\x00byte"),
        ("body_source", "w" * (MAX_BODY_CHARS + 1)),
        ("body_source", "![a picture](image:999999)"),
        ("seen_version", "not a number"),
    ],
    ids=["empty", "long-title", "nul-title", "long-summary", "nul-body", "huge-body",
         "unknown-image", "bad-version"],
)  # fmt: skip
def test_bad_input_is_a_form_error_and_saves_nothing(signed_in, article, field, value):
    response = save(signed_in, article, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ArticleProposal.objects.exists()


def test_html_in_the_title_is_kept_as_text_and_shown_escaped(signed_in, article):
    save(signed_in, article, title="<script>alert(1)</script>")
    html = signed_in.get(url(article)).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_script_in_the_body_never_reaches_the_diff(signed_in, article):
    save(signed_in, article, body_source="Hi <script>alert(1)</script>")
    html = signed_in.get(url(article)).text
    assert "<script>alert(1)" not in html


def test_a_refused_save_shows_the_stored_update_in_the_diff(signed_in, article):
    save(signed_in, article)
    response = save(signed_in, article, title="", summary="Unsaved summary")
    assert "Unsaved summary</ins>" not in response.text
    assert "<ins>Sharper.</ins>" in response.text
