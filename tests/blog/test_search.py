import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import Article
from blog.search import MAX_WORD_LENGTH, MAX_WORDS, query_words
from blog.templatetags.blog_search import highlight
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def search(query):
    return list(Article.objects.published().search(query))


def test_a_title_match_ranks_above_a_body_only_match():
    in_body = ArticleFactory(title="Notes", body_source="<p>About epilepsy today.</p>")
    in_title = ArticleFactory(title="Epilepsy", body_source="<p>Notes for today.</p>")
    assert search("epilepsy") == [in_title, in_body]


def test_a_summary_match_ranks_above_a_body_only_match():
    in_body = ArticleFactory(summary="Notes.", body_source="<p>About epilepsy.</p>")
    in_summary = ArticleFactory(summary="About epilepsy.", body_source="<p>Notes.</p>")
    assert search("epilepsy") == [in_summary, in_body]


def test_search_finds_a_word_by_another_form_of_it():
    article = ArticleFactory(body_source="<p>What to do during a seizure.</p>")
    assert search("seizures") == [article]


def test_search_finds_a_verb_by_its_irregular_past():
    article = ArticleFactory(body_source="<p>Most adults sleep seven hours.</p>")
    assert search("slept") == [article]


def test_search_finds_an_irregular_past_by_the_verb():
    article = ArticleFactory(body_source="<p>She slept through the storm.</p>")
    assert search("sleep") == [article]


def test_search_finds_a_noun_by_its_irregular_plural():
    article = ArticleFactory(body_source="<p>How a child learns to read.</p>")
    assert search("children reading") == [article]


def test_irregular_forms_still_require_every_other_word():
    ArticleFactory(body_source="<p>She slept well.</p>")
    both = ArticleFactory(body_source="<p>She slept through the storm.</p>")
    assert search("sleep storm") == [both]


def test_irregular_forms_are_marked_in_the_snippet():
    ArticleFactory(body_source="<p>She slept through the storm.</p>")
    (article,) = search("sleep")
    assert "\x02slept\x03" in article.search_snippet


def test_search_ignores_case():
    article = ArticleFactory(title="Vitamin D and Sunlight")
    assert search("SUNLIGHT vitamin") == [article]


def test_search_requires_every_word():
    ArticleFactory(body_source="<p>A seizure can be frightening.</p>")
    both = ArticleFactory(body_source="<p>Seizure first aid and treatment.</p>")
    assert search("seizure treatment") == [both]


def test_search_matches_the_last_word_as_a_prefix():
    article = ArticleFactory(body_source="<p>Hydration matters.</p>")
    assert search("hydra") == [article]


def test_search_matches_only_the_last_word_as_a_prefix():
    ArticleFactory(body_source="<p>Hydration matters.</p>")
    assert search("hydra matters") == []


def test_search_matches_a_last_word_of_two_letters_only_whole():
    ArticleFactory(body_source="<p>Vitamins for everyone.</p>")
    assert search("vi") == []


def test_search_ignores_english_stop_words():
    article = ArticleFactory(body_source="<p>Seizure first aid.</p>")
    assert search("what is the seizure") == [article]


def test_a_query_of_stop_words_only_finds_nothing():
    ArticleFactory(body_source="<p>The one and only.</p>")
    assert search("the and") == []


def test_search_finds_text_that_looks_like_a_tag():
    article = ArticleFactory(
        body_source="<p>Never trust &lt;script&gt; tags blindly.</p>"
    )
    assert search("blindly") == [article]


def test_search_finds_a_word_added_by_an_edit():
    article = ArticleFactory(body_source="<p>Old text.</p>")
    article.body_source = "<p>Fresh paragraph.</p>"
    article.save()
    assert search("fresh") == [article]


def test_search_forgets_a_word_removed_by_an_edit():
    article = ArticleFactory(title="Outdated advice")
    article.title = "Current advice"
    article.save()
    assert search("outdated") == []


def test_search_forgets_a_deleted_article():
    ArticleFactory(title="Gone tomorrow").delete()
    kept = ArticleFactory(title="Gone fishing")
    assert search("gone") == [kept]


def test_search_snippet_marks_the_matching_words():
    ArticleFactory(body_source="<p>Keep calm during a seizure and time it.</p>")
    (article,) = search("seizure")
    assert "\x02seizure\x03" in article.search_snippet


def test_query_words_keep_letters_and_digits_only():
    assert query_words('"covid-19" NEAR(x*) a:b ^y') == [
        "covid",
        "19",
        "near",
        "x",
        "b",
        "y",
    ]


def test_query_words_keep_at_most_the_first_words():
    words = query_words(" ".join(f"word{n}" for n in range(50)))
    assert words == [f"word{n}" for n in range(MAX_WORDS)]


def test_query_words_shorten_very_long_words():
    assert query_words("x" * 1000) == ["x" * MAX_WORD_LENGTH]


def test_highlight_escapes_the_text_and_marks_the_matches():
    html = highlight("<script>alert(1)</script> & \x02seizure\x03")
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>seizure</mark>"


def test_highlight_drops_markers_without_a_partner():
    assert highlight("a\x03 \x02b\x03 c\x02") == "a <mark>b</mark> c"


def test_search_page_lists_matches_with_highlighted_snippets(client):
    ArticleFactory(
        title="First aid", body_source="<p>Stay with a person during a seizure.</p>"
    )
    response = client.get("/search/", {"q": "seizure"})
    assert "First aid" in response.text
    assert "<mark>seizure</mark>" in response.text


def test_search_page_escapes_markup_in_the_snippet(client):
    ArticleFactory(
        body_source="<p>Beware &lt;script&gt;alert(1)&lt;/script&gt; seizure.</p>"
    )
    response = client.get("/search/", {"q": "seizure"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert(1)" not in response.text


def test_search_page_counts_the_matches(client):
    ArticleFactory.create_batch(3, title="Sleep hygiene")
    assert "3 articles match" in client.get("/search/", {"q": "sleep"}).text


def test_search_page_says_one_article_matches(client):
    ArticleFactory(title="Sleep hygiene")
    assert "1 article matches" in client.get("/search/", {"q": "sleep"}).text


def test_search_page_has_one_search_form(client):
    response = client.get("/search/", {"q": "sleep"})
    assert response.text.count('role="search"') == 1


def test_other_pages_keep_the_search_form_in_the_header(client):
    assert 'id="site-search"' in client.get("/").text


def test_search_page_leaves_out_drafts(client):
    ArticleFactory(title="Secret remedy", draft=True)
    response = client.get("/search/", {"q": "remedy"})
    assert "Secret remedy" not in response.text


def test_search_page_leaves_out_scheduled_articles(client):
    ArticleFactory(title="Tomorrow's remedy", scheduled=True)
    response = client.get("/search/", {"q": "remedy"})
    assert "No articles match" in response.text


def test_search_page_without_a_query_invites_a_search(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Type a word or two" in response.text


def test_search_page_says_when_nothing_matches(client):
    ArticleFactory(title="Sleep hygiene")
    response = client.get("/search/", {"q": "astronomy"})
    assert "No articles match “astronomy”" in response.text


def test_search_page_asks_search_engines_not_to_index_it(client):
    response = client.get("/search/", {"q": "sleep"})
    assert '<meta name="robots" content="noindex">' in response.text


def test_search_page_links_the_next_page_with_the_query(client, settings):
    per_page = settings.FOLIO_ARTICLES_PER_PAGE
    ArticleFactory.create_batch(per_page + 1, title="Sleep & rest")
    response = client.get("/search/", {"q": "sleep & rest"})
    assert 'href="?q=sleep%20%26%20rest&amp;page=2"' in response.text


def test_search_page_shows_the_second_page_of_matches(client, settings):
    ArticleFactory.create_batch(settings.FOLIO_ARTICLES_PER_PAGE + 1, title="Sleep")
    response = client.get("/search/", {"q": "sleep", "page": 2})
    assert response.text.count('<li class="mb-4">') == 1


@pytest.mark.parametrize("page", ["abc", "0", "99999", "%00"])
def test_search_page_answers_a_bad_page_number_with_404(client, page):
    ArticleFactory(title="Sleep")
    assert client.get("/search/", {"q": "sleep", "page": page}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "sleep " * 200,
        "x" * 1000,
        '"',
        '"sleep',
        "*",
        "sleep*",
        "AND OR NOT",
        "sleep AND NOT",
        "NEAR(",
        "NEAR(sleep rest, 2)",
        "(((",
        "sleep)",
        "a:b",
        "title:sleep",
        "^x",
        "-sleep",
        "sleep\x00rest",
        "\x00",
        "'; DROP TABLE blog_article; --",
        "½ ² ǅ 漢字 ١٢٣",
        "\x02sleep\x03",
    ],
)
def test_search_page_never_fails_on_hostile_queries(client, query):
    ArticleFactory(title="Sleep and rest", body_source="<p>Sleep well.</p>")
    assert client.get("/search/", {"q": query}).status_code == 200


def test_search_page_finds_words_in_a_query_full_of_syntax(client):
    ArticleFactory(title="Sleep and rest")
    response = client.get("/search/", {"q": '("sleep" AND rest*'})
    assert "Sleep and rest" in response.text


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's"
)
def test_postgresql_search_uses_the_gin_index():
    ArticleFactory(title="Sleep")
    queryset = Article.objects.search("sleep")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "blog_article_search" in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_sqlite_search_counts_matches_with_one_fts_scan():
    ArticleFactory.create_batch(3, title="Sleep")
    with CaptureQueriesContext(connection) as queries:
        Article.objects.published().search("sleep").count()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + queries[0]["sql"])
        first_step = cursor.fetchall()[0][-1]
    # Not ":=M": a MATCH run again for each article, by rowid.
    assert first_step == "SCAN blog_article_fts VIRTUAL TABLE INDEX 0:M3"


def test_the_same_search_again_is_answered_without_a_query(
    client, django_assert_num_queries
):
    ArticleFactory(title="Sleep hygiene")
    client.get("/search/", {"q": "sleep"})
    with django_assert_num_queries(0):
        response = client.get("/search/", {"q": "sleep"})
    assert "Sleep hygiene" in response.text


def test_a_search_made_before_an_article_was_published_finds_it_after(client):
    ArticleFactory(title="Sleep hygiene")
    client.get("/search/", {"q": "sleep"})
    ArticleFactory(title="Sleep debt")
    assert "2 articles match" in client.get("/search/", {"q": "sleep"}).text
