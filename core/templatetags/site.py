"""Site-wide template helpers: `{% load site %}`."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` (a page's or a file's URL) as a full address on the current host.

    `{% absolute_url article.get_absolute_url %}` for canonical links and
    social metadata; a URL that is already absolute (a CDN's) is kept as is.
    """
    return context["request"].build_absolute_uri(path)
