"""The library images an article's Markdown names, and whether it may name them.

Bodies show only images uploaded to Folio (`imaging.models.Image`), named as
`![alt](image:42 "caption")`: an image from another address would be fetched
from elsewhere by every reader (and the site's Content-Security-Policy
blocks it anyway), so it is refused with a message that says what to do.
"""

import html
import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from blog.body import IMAGE_SCHEME, markdown_html
from blog.models import Article
from imaging.models import Image

_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"', re.IGNORECASE)
_REFERENCE = re.compile(r"image:(\d+)")


def image_sources(source: str) -> list[str]:
    """Every image address in Markdown `source` (raw <img> tags included), in order."""
    return [html.unescape(src).strip() for src in _SRC.findall(markdown_html(source))]


def named_images(source: str) -> set[int]:
    """The ids of the library images Markdown `source` names."""
    return {int(pk) for pk in _REFERENCE.findall(source)}


def check_body_images(
    source: str, *, owner_ids: set[int] | None, kept: set[int] = frozenset()
) -> None:
    """Raise ValidationError listing every image the body may not show.

    `owner_ids`: whose uploads it may name (the article's author); None for
    editors, who may use any image of the library. `kept`: images the saved
    body already names, whoever uploaded them (an editor's, inserted in the
    admin), so that its author can still save it.
    """
    problems, wanted = [], {}
    for number, src in enumerate(image_sources(source), start=1):
        key = src.removeprefix(IMAGE_SCHEME)
        if src.startswith(IMAGE_SCHEME) and key.isdigit():
            wanted[number] = int(key)
        else:
            problems.append(
                _(
                    "Image %(number)s comes from another address (%(src)s). "
                    "Folio shows only images uploaded here, so readers never "
                    "load anything from elsewhere: use Insert image to upload it."
                )
                % {"number": number, "src": src[:100] or _("none given")}
            )
    images = Image.objects.in_bulk(set(wanted.values()))
    for number, pk in wanted.items():
        image = images.get(pk)
        if image is None:
            problems.append(
                _("Image %(number)s (image:%(pk)s) does not exist: insert it again.")
                % {"number": number, "pk": pk}
            )
        elif not (owner_ids is None or image.owner_id in owner_ids or pk in kept):
            problems.append(
                _(
                    "Image %(number)s (image:%(pk)s) is in another author's "
                    "library: upload your own copy."
                )
                % {"number": number, "pk": pk}
            )
    if problems:
        raise ValidationError(problems)


def articles_using(images) -> dict[int, list[Article]]:
    """For each image, the articles whose source names it: one query."""
    ids = {image.pk for image in images}
    if not ids:
        return {}
    mentions = Q()
    for pk in ids:
        mentions |= Q(body_source__contains=f"{IMAGE_SCHEME}{pk}")
    using = {pk: [] for pk in ids}
    articles = Article.objects.filter(mentions).only("title", "slug", "body_source")
    for article in articles.order_by("title"):
        for pk in named_images(article.body_source) & ids:
            using[pk].append(article)
    return using
