"""Numbered pages for any paginated list: `{% load pagination %}`."""

from dataclasses import dataclass

from django import template

register = template.Library()

ON_EACH_SIDE = 2
ON_ENDS = 1


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the "…" standing for pages left out
    href: str = ""
    current: bool = False


def page_href(path: str, number: int, query_param: str = "") -> str:
    """A page's address: the list's own for page 1, `?page=N` for the others,
    after the list's urlencoded filter (`query_param`) if it has one."""
    params = [query_param] if query_param else []
    if number > 1:
        params.append(f"page={number}")
    return f"?{'&'.join(params)}" if params else path


@register.simple_tag(takes_context=True)
def page_links(context, page_obj, query_param=""):
    """The first and last pages, two either side of the current one and an
    ellipsis for each run left out: reads only the count the paginator has.
    """
    path = request_path(context)
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(
        page_obj.number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS
    )
    return [
        PageLink(None)
        if number == paginator.ELLIPSIS
        else PageLink(
            number,
            page_href(path, number, query_param),
            current=number == page_obj.number,
        )
        for number in numbers
    ]


@register.simple_tag(takes_context=True)
def page_url(context, number, query_param=""):
    return page_href(request_path(context), number, query_param)


def request_path(context) -> str:
    """The list's path; a fragment rendered without a request (search
    results) always has a filter, so page 1 is `?<filter>` and needs none."""
    request = context.get("request")
    return request.path if request is not None else ""
