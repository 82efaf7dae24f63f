"""Page shells: a public page kept once for every reader, with holes for
what is one reader's own.

A signed-in reader's page is never cached whole (its menu, messages and
comment form are theirs), yet all the rest of it is what every reader sees.
Rendering the whole template each time costs most of such a request, so the
page is rendered once per generation as an anonymous reader would see it,
with each `{% personal "name" %}…{% endpersonal %}` part left as a hole,
and kept like a fragment (`pagecache.cached_value`, so every change
readers can see ends it), already encoded. Each request then renders only
the holes, with its own request and the view's context, and fills them in.

Safety: the shell is rendered for a copy of the request with an anonymous
user, no cookie, no messages and an empty session, so it can only hold what
the page cache would serve an anonymous reader; a CSRF token used outside a
hole (one token sent to every reader) is an error. Holes are found by a
marker that includes a secret of the site, so nothing a reader writes
(which is escaped or sanitised anyway) can pass for one. A hole sees the
page's context (the view's and the context processors'), not variables of
tags around it.
"""

import copy
import hashlib
from dataclasses import replace
from weakref import WeakKeyDictionary

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.template.context import make_context
from django.template.response import TemplateResponse

from .pagecache import PageRequest, cached_value, fragment_seconds

HOLES_CONTEXT_KEY = "_page_shell_holes"

# The hole nodes of each template, learnt when this process renders its shell.
_hole_nodes = WeakKeyDictionary()


def hole_mark() -> str:
    secret = hashlib.blake2b(
        settings.SECRET_KEY.encode(), digest_size=8, person=b"folio-holes"
    ).hexdigest()
    return f"<!--hole {secret}-->"


def is_shell_render(context) -> bool:
    return context.get(HOLES_CONTEXT_KEY) is not None


def leave_hole(context, name: str, nodelist) -> str:
    """A `{% personal %}` part while a shell renders: recorded, marked, left out."""
    holes = context[HOLES_CONTEXT_KEY]
    if holes.get(name, nodelist) is not nodelist:
        raise ValueError(f"Two personal parts of one page are named {name!r}")
    holes[name] = nodelist
    mark = hole_mark()
    return f"{mark}{name}{mark}"


def render(template, context: dict, request, vary, charset: str) -> bytes:
    """The page `template` renders, from its shell (kept under `vary`, which
    must name everything the page shows every reader) and its holes."""
    if not fragment_seconds():
        return template.render(context, request).encode(charset)
    base = template.template
    name = base.origin.template_name  # as loaded: the same on every server
    known = _hole_nodes.setdefault(base, {})

    def render_shell():
        holes, shell_request = {}, _anonymous(request)
        shell_context = {**context, HOLES_CONTEXT_KEY: holes}
        html = template.render(shell_context, shell_request)
        if shell_request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            raise ImproperlyConfigured(
                f"{name or 'A template'} uses a CSRF token outside {{% personal %}}:"
                " every reader would be sent the same token."
            )
        known.update(holes)
        # Kept encoded: a page is mostly shell, encoded once, not per request.
        pieces = html.split(hole_mark())
        pieces[0::2] = [piece.encode(charset) for piece in pieces[0::2]]
        return pieces

    pieces = cached_value(request, "page-shell", [name, *vary], render_shell)
    if not known.keys() >= set(pieces[1::2]):  # a shell another process rendered
        pieces = render_shell()
    page_context = make_context(
        context, request, autoescape=template.backend.engine.autoescape
    )
    page = list(pieces)
    with page_context.render_context.push_state(base), page_context.bind_template(base):
        page[1::2] = [
            known[hole].render(page_context).encode(charset) for hole in pieces[1::2]
        ]
    return b"".join(page)


def _anonymous(request):
    """The request as a reader who is not signed in, and has no cookie, would
    send it."""
    shell_request = copy.copy(request)
    shell_request.META = {
        name: value
        for name, value in request.META.items()
        if name not in ("HTTP_COOKIE", "CSRF_COOKIE")
    }
    shell_request.COOKIES = {}
    shell_request.user = AnonymousUser()
    shell_request.__dict__.pop("_messages", None)
    if hasattr(request, "session"):
        shell_request.session = type(request.session)()
    return shell_request


class ShellTemplateResponse(TemplateResponse):
    """A page rendered from its shell when its view names what it varies on."""

    shell_vary = None

    @property
    def rendered_content(self):
        if self.shell_vary is None or self._request.method not in ("GET", "HEAD"):
            return super().rendered_content
        template = self.resolve_template(self.template_name)
        context = self.resolve_context(self.context_data)
        return render(template, context, self._request, self.shell_vary, self.charset)


class PageShellMixin:
    """For a view of a public page: rendered from its shell."""

    response_class = ShellTemplateResponse

    def shell_vary(self) -> list | None:
        """What chooses the page a reader sees, or None for no shell: by
        default the page cache's key of the page, as if nobody were signed in.
        """
        page = replace(PageRequest.from_django(self.request), cookies="")
        identity = page.key()
        return None if identity is None else [identity]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.shell_vary = self.shell_vary()
        return response
