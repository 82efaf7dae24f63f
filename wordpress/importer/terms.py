"""WordPress categories and tags → Folio's Category and Tag.

A term is matched to an existing one by its slug, then by its name (either
would clash), so an import into a running site reuses its categories.
"""

import zlib

from blog.models import Category, Tag

from .. import addresses
from ..records import Term
from ..report import IMPORTED, UNCHANGED
from .context import Context, Kind
from .text import ascii_slug, cut

MODELS = {Kind.CATEGORY: Category, Kind.TAG: Tag}


def import_term(ctx: Context, term: Term) -> None:
    kind = Kind.CATEGORY if term.kind == "category" else Kind.TAG
    model = MODELS[kind]
    row = ctx.imported(kind, term.slug, model)
    if row is not None:
        ctx.report.count(kind, UNCHANGED)
    else:
        row = _matching_or_new(model, term)
        ctx.report.count(kind, IMPORTED)
        ctx.record(kind, term.slug, row)
    ctx.maps.set(kind, term.slug, row.pk)
    if not ctx.dry_run:
        addresses.remember_term_addresses(ctx.site, term, row)


def _matching_or_new(model, term: Term):
    max_name = model._meta.get_field("name").max_length
    max_slug = model._meta.get_field("slug").max_length
    fallback = f"{term.kind}-{term.wp_id or zlib.crc32(term.slug.encode())}"
    slug = ascii_slug(term.slug or term.name, fallback=fallback, max_length=max_slug)
    name = cut(term.name.strip() or term.slug, max_name)
    row = model.objects.filter(slug=slug).first()
    row = row or model.objects.filter(name__iexact=name).first()
    return row or model.objects.create(slug=slug, name=name)


def tag_for_category(ctx: Context, slug: str) -> int | None:
    """The Tag standing for a category a post is in besides its first one
    (Folio gives an article one category): the tag of that slug or name,
    made when there is none."""
    pk = ctx.maps.get(Kind.CATEGORY, slug)
    if pk is None:
        return None
    category = Category.objects.get(pk=pk)
    tag = Tag.objects.filter(slug=category.slug[:60]).first()
    tag = tag or Tag.objects.filter(name__iexact=category.name[:60]).first()
    tag = tag or Tag.objects.create(slug=category.slug[:60], name=category.name[:60])
    return tag.pk
