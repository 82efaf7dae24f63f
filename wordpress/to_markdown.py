"""Cleaned HTML → the Markdown Folio's body pipeline reads (`blog.body`).

markdownify does the walking; this converter fits its output to Python-Markdown
with only `sane_lists`: nested lists indented by four spaces, no fenced code
(code stays an HTML `<pre>` block, so that its text, tabs and blank lines
included, comes out exactly as it went in), no Markdown tables (a table stays
an HTML block, which the sanitiser allows), no `~~` (strike-through, underline
and the like stay as their allowed HTML tags), and text escaped so that
nothing in it reads as Markdown or HTML by accident.
"""

import html
import re

from bs4 import BeautifulSoup
from markdownify import ATX, MarkdownConverter

_MARKUP = re.compile(r"([\\`*_\[\]])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
# What would start a heading, quote, list or rule at the start of a line.
_LINE_START = re.compile(
    r"^([ \t]*)(?:([#>+-])|(\d+)\.(?=[ \t]|$)|=(?==*[ \t]*$))", re.M
)
_BLANK_LINES = re.compile(r"\n\s*\n")
_LIST_INDENT = " " * 4


def _escape_line_start(match):
    indent, mark, number = match.groups()
    if mark:
        return f"{indent}\\{mark}"
    if number:
        return f"{indent}{number}\\."
    return f"{indent}&#61;"  # Markdown has no escape for "="


def _raw_tag(name):
    def convert(self, el, text, parent_tags):
        return f"<{name}>{text}</{name}>" if text.strip() else text

    return convert


class BodyConverter(MarkdownConverter):
    class Options:
        heading_style = ATX
        bullets = "-"
        escape_asterisks = False  # escape() below does all of it
        escape_underscores = False

    def escape(self, text, parent_tags):
        text = _MARKUP.sub(r"\\\1", text)
        text = _ENTITY_LIKE.sub("&amp;", text)
        text = _TAG_LIKE.sub("&lt;", text)
        return _LINE_START.sub(_escape_line_start, text)

    def convert_img(self, el, text, parent_tags):
        alt = _MARKUP.sub(r"\\\1", " ".join(el.get("alt", "").split()))
        title = _ENTITY_LIKE.sub("&amp;", " ".join(el.get("title", "").split()))
        title = title.replace('"', "&quot;")  # Markdown reads \" badly at the end
        title_part = f' "{title}"' if title else ""
        return f"![{alt}]({el.get('src', '')}{title_part})"

    def convert_pre(self, el, text, parent_tags):
        code = el.get_text().removeprefix("\n")
        if not code.strip():
            return ""
        code = html.escape(code, quote=False).replace("\t", "&#9;")
        return f"\n\n<pre><code>{code}</code></pre>\n\n"

    def convert_table(self, el, text, parent_tags):
        return "\n\n" + _BLANK_LINES.sub("\n", str(el)) + "\n\n"

    def convert_li(self, el, text, parent_tags):
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start", "1"))
            first = int(start) if start.isdigit() else 1
            bullet = f"{first + len(el.find_previous_siblings('li'))}. "
        else:
            bullet = "- "
        lines = text.split("\n")
        rest = [_LIST_INDENT + line if line else "" for line in lines[1:]]
        return "\n".join([bullet + lines[0], *rest]) + "\n"

    def convert_dt(self, el, text, parent_tags):
        text = " ".join(text.split())
        return f"\n\n**{text}**\n\n" if text else ""

    def convert_dd(self, el, text, parent_tags):
        return self.convert_p(el, text, parent_tags)

    convert_u = _raw_tag("u")
    convert_ins = _raw_tag("u")
    convert_s = _raw_tag("s")
    convert_del = _raw_tag("s")
    convert_strike = _raw_tag("s")
    convert_sub = _raw_tag("sub")
    convert_sup = _raw_tag("sup")
    convert_mark = _raw_tag("mark")
    convert_small = _raw_tag("small")


def to_markdown(soup: BeautifulSoup) -> str:
    return BodyConverter().convert_soup(soup).strip()
