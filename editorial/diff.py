"""What changed between two revisions, as escaped HTML built line by line.

Built here rather than with `difflib.HtmlDiff`, so a body of any size or
content renders safely and quickly: past a size a field says so instead.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from blog.models import Tag

from .models import ArticleRevision

# Past these sizes a field's diff is not computed: the page says so instead.
MAX_DIFF_CHARS = 250_000  # old and new text together
MAX_DIFF_LINES = 4_000  # old and new lines together
# Words are compared within a changed line only when both sides are this short.
MAX_INLINE_CHARS = 2_000
# Unchanged lines shown around each change; longer unchanged runs are folded.
CONTEXT_LINES = 2

_BLOCK_END = re.compile(
    r"(</(?:p|h[1-6]|li|ul|ol|blockquote|pre|figure|figcaption|table|tr)>|<br>|<hr>)"
)
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class FieldDiff:
    label: str
    changed: bool
    html: SafeString = mark_safe("")
    too_large: bool = False


@dataclass
class RevisionDiff:
    fields: list[FieldDiff]
    # (label, before, after) for the filing and cover values that changed.
    details: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.details) or any(f.changed for f in self.fields)


def diff_revisions(old: ArticleRevision | None, new: ArticleRevision) -> RevisionDiff:
    """What changed from `old` (None: nothing before) to `new`, as safe HTML."""
    old = old or ArticleRevision(title="")
    fields = [
        diff_field("Title", [old.title], [new.title]),
        diff_field("Summary", old.summary.splitlines(), new.summary.splitlines()),
        diff_field("Body", body_lines(old.body), body_lines(new.body)),
    ]
    return RevisionDiff(fields=fields, details=diff_details(old, new))


def body_lines(body: str) -> list[str]:
    """The stored HTML cut into one line per block, blank lines dropped."""
    lines = _BLOCK_END.sub(r"\1\n", body).splitlines()
    return [line.strip() for line in lines if line.strip()]


def diff_field(label: str, old: list[str], new: list[str]) -> FieldDiff:
    if old == new:
        return FieldDiff(label, changed=False)
    size = sum(map(len, old)) + sum(map(len, new))
    if size > MAX_DIFF_CHARS or len(old) + len(new) > MAX_DIFF_LINES:
        return FieldDiff(label, changed=True, too_large=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    rows = []
    for group in _grouped(matcher.get_opcodes()):
        rows.extend(_rows(group, old, new))
    return FieldDiff(label, changed=True, html=mark_safe("".join(rows)))


def _grouped(opcodes):
    """Opcodes with long unchanged runs folded to a ("fold", count) marker."""
    for i, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "equal" or i2 - i1 <= 2 * CONTEXT_LINES + 1:
            yield [(tag, i1, i2, j1, j2)]
            continue
        keep_start = i > 0
        keep_end = i < len(opcodes) - 1
        head = CONTEXT_LINES if keep_start else 0
        tail = CONTEXT_LINES if keep_end else 0
        group = []
        if head:
            group.append(("equal", i1, i1 + head, j1, j1 + head))
        group.append(("fold", i2 - i1 - head - tail, 0, 0, 0))
        if tail:
            group.append(("equal", i2 - tail, i2, j2 - tail, j2))
        yield group


def _rows(group, old, new):
    for tag, i1, i2, j1, j2 in group:
        if tag == "fold":
            yield format_html(
                '<li class="diff-fold">{} unchanged line{}</li>',
                i1,
                "" if i1 == 1 else "s",
            )
        elif tag == "equal":
            for line in old[i1:i2]:
                yield format_html('<li class="diff-equal">{}</li>', line)
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                yield _changed_line(a, b)
        else:
            for line in old[i1:i2]:
                yield _whole_line("delete", line)
            for line in new[j1:j2]:
                yield _whole_line("insert", line)


def _whole_line(kind: str, line: str) -> str:
    tag = "del" if kind == "delete" else "ins"
    sign = "Removed" if kind == "delete" else "Added"
    return format_html(
        '<li class="diff-{}"><span class="diff-sr">{}: </span><{}>{}</{}></li>',
        kind,
        sign,
        mark_safe(tag),
        line,
        mark_safe(tag),
    )


def _changed_line(old: str, new: str) -> str:
    """One changed line, its words marked, or as removed and added lines."""
    if len(old) > MAX_INLINE_CHARS or len(new) > MAX_INLINE_CHARS:
        return _whole_line("delete", old) + _whole_line("insert", new)
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:  # mostly rewritten: word marks would be noise
        return _whole_line("delete", old) + _whole_line("insert", new)
    parts = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return format_html(
        '<li class="diff-change"><span class="diff-sr">Changed: </span>{}</li>',
        mark_safe("".join(parts)),
    )


def diff_details(old: ArticleRevision, new: ArticleRevision):
    """Category, tags and cover: before and after, where they differ."""
    details = []
    if old.category_id != new.category_id:
        details.append(("Category", _category(old), _category(new)))
    if sorted(old.tag_ids) != sorted(new.tag_ids):
        names = dict(
            Tag.objects.filter(pk__in=[*old.tag_ids, *new.tag_ids]).values_list(
                "pk", "name"
            )
        )
        details.append(("Tags", _tags(old, names), _tags(new, names)))
    if old.cover != new.cover:
        details.append(("Cover image", old.cover or "—", new.cover or "—"))
    if old.cover_alt != new.cover_alt:
        details.append(("Cover alt text", old.cover_alt or "—", new.cover_alt or "—"))
    return details


def _category(revision):
    return str(revision.category) if revision.category_id else "—"


def _tags(revision, names):
    return (
        ", ".join(sorted(names.get(pk, "(deleted)") for pk in revision.tag_ids)) or "—"
    )
