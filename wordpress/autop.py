"""WordPress's automatic paragraphs (`wpautop`), as WordPress shows a post.

A classic-editor post is stored without `<p>`s: text separated by a blank
line is a paragraph, a single newline inside one is a `<br>`, and block
elements are never wrapped. This follows `wpautop()` of WordPress's
`wp-includes/formatting.php` step by step, written from its behaviour.
Simplified: newlines inside `<script>`, `<style>`, `<svg>`, `<option>` and
`<object>` get no special care, since the conversion drops those elements.
`<pre>` blocks are left exactly as they are (`stash_pre()`/`unstash_pre()`,
which the conversion also uses to keep shortcodes and addresses in code
untouched).
"""

import re

_BLOCK = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
    "|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend"
    "|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details"
    "|menu|summary"
)
_BLOCK_TAG = rf"</?(?:{_BLOCK})(?:[\s/][^>]*)?>"

_PRE = re.compile(r"<pre\b.*?</pre\s*>", re.DOTALL | re.IGNORECASE)
_PRE_PLACEHOLDER = re.compile(r"<pre wp-pre-tag-(\d+)></pre>")
_TAG = re.compile(r"<[^<>]*>")
_SPACES = re.compile(r"[ \t]+")
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.IGNORECASE)
_BEFORE_BLOCK = re.compile(rf"(<(?:{_BLOCK})[\s/>])", re.IGNORECASE)
_AFTER_BLOCK = re.compile(rf"(</(?:{_BLOCK})>|<hr\s*/?>)", re.IGNORECASE)
_MANY_NEWLINES = re.compile(r"\n\n+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

_FIXES = [
    # An empty paragraph goes.
    (re.compile(r"<p>\s*</p>"), ""),
    # Text left open before a closing div, address or form is closed first.
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), r"<p>\1</p></\2>"),
    # A paragraph of nothing but a block tag is that tag.
    (re.compile(rf"<p>\s*({_BLOCK_TAG})\s*</p>", re.IGNORECASE), r"\1"),
    (re.compile(r"<p>(<li.+?)</p>"), r"\1"),
    # A quote holds its paragraphs, not the other way around.
    (re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>", re.IGNORECASE), "</p></blockquote>"),
    # No paragraph opens just before a block tag or closes just after one.
    (re.compile(rf"<p>\s*({_BLOCK_TAG})", re.IGNORECASE), r"\1"),
    (re.compile(rf"({_BLOCK_TAG})\s*</p>", re.IGNORECASE), r"\1"),
]
_ANY_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"(?<!<br />)\s*\n")
_BR_AFTER_BLOCK = re.compile(rf"({_BLOCK_TAG})\s*<br />", re.IGNORECASE)
_BR_BEFORE_CLOSE = re.compile(
    r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", re.IGNORECASE
)


def stash_pre(text: str) -> tuple[str, list[str]]:
    """Swap each `<pre>…</pre>` for a placeholder; return the text and the blocks."""
    blocks = []

    def stash(match):
        blocks.append(match.group(0))
        return f"<pre wp-pre-tag-{len(blocks) - 1}></pre>"

    return _PRE.sub(stash, text), blocks


def unstash_pre(text: str, blocks: list[str]) -> str:
    return _PRE_PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], text)


def join_lines_in_tags(text: str) -> str:
    """A newline inside a tag (between attributes) is only a space."""
    return _TAG.sub(lambda m: m.group(0).replace("\n", " "), text)


def autop(text: str) -> str:
    """Paragraphs and line breaks of WordPress content as HTML `<p>` and `<br />`.

    Expects `\\n` newlines and no `<pre>` (stash them first).
    """
    if not text.strip():
        return ""
    text = join_lines_in_tags(_SPACES.sub(" ", text)) + "\n"
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _BEFORE_BLOCK.sub(r"\n\n\1", text)
    text = _AFTER_BLOCK.sub(r"\1\n\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    text = "".join(
        f"<p>{chunk.strip(chr(10))}</p>\n"
        for chunk in _PARAGRAPH_BREAK.split(text)
        if chunk
    )
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    text = _ANY_BR.sub("<br />", text)
    text = _LINE_BREAK.sub("<br />\n", text)
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_CLOSE.sub(r"\1", text)
    return text.removesuffix("<br />\n").rstrip("\n")
