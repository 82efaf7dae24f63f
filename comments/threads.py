"""Arranging approved comments into a thread, in memory, from one query."""

from dataclasses import dataclass, field

from .models import Comment


@dataclass
class ThreadNode:
    comment: Comment
    replies: list["ThreadNode"] = field(default_factory=list)


def build_thread(comments: list[Comment]) -> list[ThreadNode]:
    """Nest comments under their parents, oldest first.

    A reply whose parent is not in the list (not approved) is left out: it
    answers something readers cannot see.
    """
    nodes = {c.pk: ThreadNode(c) for c in comments}
    roots = []
    for comment in comments:
        node = nodes[comment.pk]
        if comment.parent_id is None:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(node)
    return roots
