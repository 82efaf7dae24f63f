"""The site pages every page links to: `{% load site_pages %}`.

Both tags read `blog.pages.site_pages()`, kept in the cache: no query.
"""

from django import template

from ..pages import site_pages

register = template.Library()


@register.simple_tag
def footer_pages():
    """`{% footer_pages as pages %}`: (title, url) of each page in the footer."""
    return site_pages()["footer"]


@register.simple_tag
def privacy_policy_url():
    """`{% privacy_policy_url as url %}`: the published privacy policy's, or None."""
    return site_pages()["privacy_url"]
