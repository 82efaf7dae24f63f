"""Site-wide views: answers for machines, and the one page that says one thing."""

from collections.abc import Iterable

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import outage, outbox
from .caching import cache_status
from .models import UnsentMail

# Private or endless pages that crawlers have no business in.
DISALLOWED_PATHS = ["/admin/", "/search/", "/dashboard/", "/accounts/", "/moderation/"]


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("blog:sitemap"))
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in DISALLOWED_PATHS),
        "Allow: /",
        "",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
@never_cache
def healthz(request):
    """Each dependency's state; down (503) only when the database does not answer.

    Touches neither session nor user. A shared cache that is down slows pages
    and makes limits count per process (core/caching.py); the emails the mail
    server did not take (core/mail.py), still retried or given up, are a
    number to watch: neither is a reason to be down.
    """
    cache = cache_status()
    if not outage.database_answers():
        report = {"status": "error", "database": "unavailable", "cache": cache}
        response = JsonResponse({**report, "mail_queue": "unavailable"}, status=503)
        response["Retry-After"] = str(outage.RETRY_AFTER_SECONDS)
        return response
    try:
        mail_queue = UnsentMail.objects.counts()
    except DatabaseError:
        mail_queue = "unavailable"
    report = {"status": "ok", "database": "ok", "cache": cache}
    return JsonResponse({**report, "mail_queue": mail_queue})


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin)."""
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
@never_cache
def outbox_list(request):
    """The development outbox (core/outbox.py); a 404 unless DEBUG is on."""
    if not settings.DEBUG:
        raise Http404
    return render(request, "core/outbox.html", {"letters": outbox.letters()})


@require_safe
@never_cache
def outbox_message(request, name):
    if not settings.DEBUG:
        raise Http404
    letter = outbox.letter(name)
    if letter is None:
        raise Http404("No such message in the outbox.")
    return render(request, "core/outbox_message.html", {"letter": letter})


def message_page(
    request,
    *,
    title: str,
    message: str | Iterable[str],
    status: int = 200,
    links: Iterable[tuple[str, str]] = (),
    noindex: bool = True,
) -> HttpResponse:
    """A page that tells one thing: a link refused, an email sent, a step done.

    `message` is a paragraph or several, escaped unless marked safe (build any
    markup with `format_html`); `links` are (text, url) pairs, the ways on.
    """
    paragraphs = [message] if isinstance(message, str) else list(message)
    context = {
        "title": title,
        "paragraphs": paragraphs,
        "links": list(links),
        "noindex": noindex,
    }
    return render(request, "message.html", context, status=status)
