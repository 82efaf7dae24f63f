"""An article's comments as pages of threads, each page in one query.

A page holds up to `THREADS_PER_PAGE` top-level comments, oldest first, with
every reply beneath them: replies go three deep, so a comment is on the page
when it, its parent or its grandparent is one of the page's top-level
comments (a subquery). Pages cost the same however long the discussion grows.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from .models import Comment

THREADS_PER_PAGE = 50
PAGE_PARAM = "cpage"


@dataclass
class ThreadNode:
    comment: Comment
    replies: list["ThreadNode"] = field(default_factory=list)


@dataclass
class ThreadPage:
    nodes: list[ThreadNode]
    comments: list[Comment]  # every comment on the page, in order
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_number(value) -> int:
    """The page a `cpage` parameter asks for; 404 for anything but a number."""
    value = str(value or "1")
    if not (value.isascii() and value.isdigit() and len(value) < 7):
        raise Http404("No such page of comments.")
    number = int(value)
    if number < 1:
        raise Http404("No such page of comments.")
    return number


def thread_page(article, *, own_ids, number: int = 1) -> ThreadPage:
    """Page `number` of the threads this visitor may see (404 past the end)."""
    shown = article.comments.shown_to(own_ids).order_by("created_at", "pk")
    start = (number - 1) * THREADS_PER_PAGE
    # One root more than the page holds tells whether another page follows.
    roots = shown.filter(parent__isnull=True)[start : start + THREADS_PER_PAGE + 1]
    roots = roots.values("pk")
    # Replies are taken three levels deep at most, though readers may reply
    # two deep (Comment.MAX_DEPTH): threads moved in from WordPress go deeper.
    on_page = (
        Q(pk__in=roots)
        | Q(parent_id__in=roots)
        | Q(parent__parent_id__in=roots)
        | Q(parent__parent__parent_id__in=roots)
    )
    comments = list(shown.filter(on_page))
    threads = build_thread(comments)
    if number > 1 and not threads:
        raise Http404("No such page of comments.")
    has_next = len(threads) > THREADS_PER_PAGE
    threads = threads[:THREADS_PER_PAGE]
    kept = {node.comment.pk for node in _walk(threads)}
    comments = [c for c in comments if c.pk in kept]
    return ThreadPage(threads, comments, number, has_next)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.replies)


def page_of(comment: Comment, *, own_ids) -> int:
    """The page of the thread this comment belongs to."""
    root = comment
    while root.parent_id is not None:
        root = root.parent
    earlier = (
        comment.article.comments.shown_to(own_ids)
        .filter(parent__isnull=True)
        .filter(
            Q(created_at__lt=root.created_at)
            | Q(created_at=root.created_at, pk__lt=root.pk)
        )
        .count()
    )
    return earlier // THREADS_PER_PAGE + 1


def build_thread(comments: list[Comment]) -> list[ThreadNode]:
    """Nest comments under their parents, oldest first.

    A reply whose parent is not in the list (not approved) is left out: it
    answers something readers cannot see.
    """
    comments = sorted(comments, key=lambda c: (c.created_at, c.pk))
    nodes = {c.pk: ThreadNode(c) for c in comments}
    roots = []
    for comment in comments:
        node = nodes[comment.pk]
        if comment.parent_id is None:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(node)
    return roots
