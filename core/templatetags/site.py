"""Site-wide template helpers: `{% load site %}`."""

from django import template
from django.utils import timezone

from .. import pagecache, pageshell

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` (a page's or a file's URL) as a full address on the current host.

    `{% absolute_url article.get_absolute_url %}` for canonical links and
    social metadata; a URL that is already absolute (a CDN's) is kept as is.
    """
    return context["request"].build_absolute_uri(path)


@register.filter
def machine_time(value):
    """A datetime for `<time datetime>`: ISO 8601 in the site's time zone, to
    the second (HTML allows at most three decimals; `date:"c"` prints six)."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.tag
def public_fragment(parser, token):
    """`{% public_fragment "name" key... %}…{% endpublic_fragment %}`: HTML that is
    the same for every reader, cached like whole pages (`pagecache.cached_fragment`).
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("public_fragment needs a name")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    name = parser.compile_filter(bits[1])
    return PublicFragmentNode(
        nodelist, name, [parser.compile_filter(b) for b in bits[2:]]
    )


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        return pagecache.cached_fragment(
            context.get("request"),
            self.name.resolve(context),
            [v.resolve(context) for v in self.vary_on],
            lambda: self.nodelist.render(context),
        )


@register.tag
def personal(parser, token):
    """`{% personal "name" %}…{% endpersonal %}`: a part of a public page that
    is one reader's own (their menu, their messages, their comment form),
    left as a hole in the page's shell (core/pageshell.py). The name is unique
    in the page; the part sees the page's context only, and is never inside a
    `{% public_fragment %}`."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("personal needs one quoted name")
    if any(command == "public_fragment" for command, _ in parser.command_stack):
        raise template.TemplateSyntaxError(
            "A personal part inside a public fragment would be kept for everyone"
        )
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    return PersonalNode(nodelist, bits[1][1:-1])


class PersonalNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        if pageshell.is_shell_render(context):
            return pageshell.leave_hole(context, self.name, self.nodelist)
        return self.nodelist.render(context)
