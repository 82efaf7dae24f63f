import pytest
from django.template import Context, Template

from tests.factories import ArticleFactory, AuthorFactory

TAG = (
    "{% load imaging %}{% responsive_image article.cover article.cover_widths "
    'alt=article.cover_alt sizes="(min-width: 992px) 720px, 100vw" '
    'class="img-fluid" %}'
)


def render(article, template=TAG):
    return Template(template).render(Context({"article": article}))


def article_with_cover(**kwargs):
    fields = {
        "cover": "covers/ab/abcd.jpg",
        "cover_width": 800,
        "cover_height": 600,
        "cover_widths": [320, 640, 800],
        "cover_alt": "A lighthouse at dusk",
    }
    return ArticleFactory.build(**fields | kwargs)


def test_renders_srcset_of_the_renditions(settings):
    html = render(article_with_cover())
    assert (
        f'srcset="{settings.MEDIA_URL}covers/ab/abcd-320w.webp 320w, '
        f"{settings.MEDIA_URL}covers/ab/abcd-640w.webp 640w, "
        f'{settings.MEDIA_URL}covers/ab/abcd-800w.webp 800w"'
    ) in html


def test_renders_sizes_dimensions_alt_and_extra_attributes():
    html = render(article_with_cover())
    assert 'sizes="(min-width: 992px) 720px, 100vw"' in html
    assert 'width="800"' in html
    assert 'height="600"' in html
    assert 'alt="A lighthouse at dusk"' in html
    assert 'class="img-fluid"' in html


def test_loads_lazily_by_default():
    assert 'loading="lazy"' in render(article_with_cover())


def test_a_keyword_overrides_lazy_loading():
    eager = (
        "{% load imaging %}{% responsive_image article.cover article.cover_widths "
        'alt="" loading="eager" %}'
    )
    html = render(article_with_cover(), eager)
    assert 'loading="eager"' in html
    assert "lazy" not in html


def test_src_is_the_original_file(settings):
    html = render(article_with_cover())
    assert f'src="{settings.MEDIA_URL}covers/ab/abcd.jpg"' in html


def test_without_renditions_only_the_original_is_offered():
    html = render(article_with_cover(cover_widths=[]))
    assert "srcset" not in html
    assert "abcd.jpg" in html


def test_hostile_alt_text_is_escaped():
    html = render(article_with_cover(cover_alt='"><script>alert(1)</script>'))
    assert "<script>" not in html
    assert 'alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_renders_nothing_without_an_image():
    assert render(article_with_cover(cover="", cover_alt="")) == ""


@pytest.mark.django_db
def test_renders_a_stored_avatar_without_opening_the_file(settings):
    author = AuthorFactory(
        avatar="avatars/cd/cdef.png", avatar_width=96, avatar_height=96
    )
    html = Template(
        "{% load imaging %}{% responsive_image author.avatar author.avatar_widths "
        'alt="" sizes="96px" %}'
    ).render(Context({"author": author}))
    assert 'width="96"' in html
    assert 'height="96"' in html
    assert 'alt=""' in html
