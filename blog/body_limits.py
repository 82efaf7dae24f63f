"""How much structure a body may have, checked before it is rendered.

Markdown and the sanitiser cost time in proportion to a body's structure,
not its length: each unclosed `[` makes Markdown read to the end of its
paragraph, and html5lib, under bleach, works harder the deeper its tree.
A few thousand characters of hostile nesting kept a worker busy for
seconds. `check_body_limits()` refuses such a body with a message that
names the limit, in a few milliseconds: first by scanning the Markdown
source (so that Markdown never runs on it), then by scanning the HTML
Markdown made of it (so that the sanitiser never does). The forms and the
live preview call it; rendering itself trusts them.
"""

import re

from .body import markdown_html

# Elements inside each other: tags, quotes and lists alike.
MAX_DEPTH = 20
# Elements in all: tags, paragraphs, list items, links, emphasis.
MAX_ELEMENTS = 2_000
# Characters Markdown reads after `[`s looking for their `]`, in all.
MAX_BRACKET_READING = 20_000

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
     "source", "track", "wbr"}
)  # fmt: skip
# A start tag of these closes an open one of the same name (HTML's optional
# end tags), so `<p>a<p>b` is two paragraphs side by side, not one in another.
SIBLING_TAGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})

_QUOTE = re.compile(r"[ \t]*((?:>[ \t]*)+)")
_LIST_ITEM = re.compile(r"([ \t]*)(?:[-*+]|\d+[.)])[ \t]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_MARKED_LINE = re.compile(r"^[ \t]*(?:[-*+>#|]|\d+[.)]).*", re.MULTILINE)
# An underscore inside a word (snake_case) is no emphasis in Markdown.
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>]*?(/?))>")


class BodyTooComplex(ValueError):
    """The body has more structure than Folio renders; the message says which."""


def check_body_limits(source: str) -> None:
    """Raise BodyTooComplex if `source` nests too deeply or has too many elements.

    Checks the source first and the HTML Markdown makes of it second; the
    HTML is cached (`markdown_html`), so rendering it afterwards is free.
    """
    _check_source(source)
    _check_html(markdown_html(source))


def _too_deep(depth: int, where: str = "") -> BodyTooComplex:
    return BodyTooComplex(
        f"The body nests {depth:,} levels deep{where}; the most is {MAX_DEPTH}. "
        "Flatten its quotes, lists or tags."
    )


def _too_many(count: int, about: str = "") -> BodyTooComplex:
    return BodyTooComplex(
        f"The body has {about}{count:,} elements (paragraphs, list items, links, "
        f"emphasis, tags); the most is {MAX_ELEMENTS:,}. Split it into several "
        "articles or simplify its formatting."
    )


def _check_source(source: str) -> None:
    """Too many elements, quotes and lists nested too deeply, unclosed `[`s."""
    estimate = source.count("<") - source.count("</") + source.count("[")
    underscores = len(_EMPHASIS_UNDERSCORE.findall(source))
    estimate += (source.count("*") + underscores + source.count("`")) // 2
    estimate += 1 + len(_BLANK_LINES.findall(source))  # paragraphs
    marked = list(_MARKED_LINE.finditer(source))  # items, quotes, headings
    if estimate + len(marked) > MAX_ELEMENTS:
        raise _too_many(estimate + len(marked), "about ")
    for match in marked:
        line = match.group()
        quote = _QUOTE.match(line)
        depth = quote.group(1).count(">") if quote else 0
        item = _LIST_ITEM.match(line, quote.end() if quote else 0)
        if item:
            # Each level is a list and an item in it, as in the HTML.
            levels = len(item.group(1).expandtabs(4)) // 4 + 1
            depth += 2 * min(levels, MAX_DEPTH)
        if depth > MAX_DEPTH:
            raise _too_deep(depth, f" on line {_line(source, match.start()):,}")
    _check_brackets(source)


def _check_brackets(source: str) -> None:
    """Markdown reads from each `[` to its `]` or to the end of the paragraph:
    refuse when that reading adds up to too much (unclosed brackets)."""
    reading, unclosed = 0, []
    for start, paragraph in _paragraphs(source):
        opened = []  # offsets of the `[`s still open
        for match in re.finditer(r"\\.|[\[\]]", paragraph):
            mark = match.group()
            if mark == "[":
                opened.append(match.start())
            elif mark == "]" and opened:
                reading += match.start() - opened.pop()
        for offset in opened:
            reading += len(paragraph) - offset
            unclosed.append(start + offset)
    if reading > MAX_BRACKET_READING:
        lines = ", ".join(f"{_line(source, i):,}" for i in unclosed[:5])
        more = " …" if len(unclosed) > 5 else ""
        raise BodyTooComplex(
            f"The body has {len(unclosed):,} “[” that are never closed (on line "
            f"{lines}{more}). Close each with “]”, or write \\[ for a bracket."
            if unclosed
            else "The body's links are too long: shorten the text in “[…]”."
        )


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _paragraphs(source: str):
    """(offset, text) of each run of lines between blank lines."""
    offset = 0
    for match in re.finditer(r"\n[ \t]*\n", source):
        yield offset, source[offset : match.start()]
        offset = match.end()
    yield offset, source[offset:]


def _check_html(html: str) -> None:
    """The depth and number of elements of Markdown's output, in one pass."""
    stack, open_counts = [], {}
    depth = elements = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        name = name.lower()
        if closing:
            if open_counts.get(name):
                while True:  # close it and anything left open inside it
                    top = stack.pop()
                    open_counts[top] -= 1
                    if top == name:
                        break
            continue
        elements += 1
        if name in VOID_TAGS or self_closing:
            continue
        if name in SIBLING_TAGS and stack and stack[-1] == name:
            continue  # closes the open one and takes its place
        stack.append(name)
        open_counts[name] = open_counts.get(name, 0) + 1
        depth = max(depth, len(stack))
    if depth > MAX_DEPTH:
        raise _too_deep(depth)
    if elements > MAX_ELEMENTS:
        raise _too_many(elements)
