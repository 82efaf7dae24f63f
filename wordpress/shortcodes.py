"""WordPress shortcodes in a post's content, before its paragraphs are made.

The shortcodes WordPress itself registers for media become HTML that the
rest of the conversion understands: `[caption]` a `<figure>` with its
`<figcaption>`, `[gallery]` one figure per image (an `<img>` naming its
attachment, which the image step looks up), `[embed]`, `[audio]` and
`[video]` a paragraph holding a plain link. Escaped ones (`[[gallery]]`)
print as themselves, one bracket less, like WordPress prints them.

Any other shortcode is kept as text and named in the warnings. Square
brackets in prose ("[sic]", "[1]", "[citation needed]") are not
shortcodes: a name counts as one only when it starts with a letter and
either has attributes with `=`, closes itself (`[name /]`) or is closed
later by `[/name]`.
"""

import bisect
import html
import re
from collections import defaultdict

# A name as WordPress allows them (letters, digits, `_`, `-`), led by a letter.
_OPEN = re.compile(r"(\[?)\[([A-Za-z][A-Za-z0-9_-]*)(?![A-Za-z0-9_-])([^\[\]]*?)(/?)\]")
_CLOSE = re.compile(r"\[/([A-Za-z][A-Za-z0-9_-]*)\]")
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
)
_CAPTIONED = re.compile(
    r"\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)", re.DOTALL | re.IGNORECASE
)
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+\Z")
_MEDIA_SOURCES = (
    "src", "mp3", "m4a", "ogg", "wav", "wma", "mp4", "m4v", "webm", "ogv", "wmv",
    "flv",
)  # fmt: skip
# A <figure> of one <img> with this attribute is a gallery's image.
ATTACHMENT_ATTRIBUTE = "data-wp-attachment"


def link_paragraph(url: str) -> str:
    """A paragraph of its own holding a plain link to `url`."""
    url = html.escape(url)
    return f'\n\n<p><a href="{url}">{url}</a></p>\n\n'


def parse_attributes(text: str) -> dict[str, str]:
    """`name="value"`, `name='value'` and `name=value` pairs; names lowercased,
    values unescaped (WordPress stores `&quot;` and the like in them)."""
    text = text.replace("\xa0", " ").replace("\u200b", " ")
    attributes = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1) or match.group(3) or match.group(5)
        value = next(v for v in match.group(2, 4, 6) if v is not None)
        attributes[name.lower()] = html.unescape(value)
    return attributes


def _caption(attributes, content, warnings):
    match = _CAPTIONED.match(content)
    if match is None:
        image, caption = "", content
    else:
        image, caption = match.groups()
    caption = html.escape(attributes["caption"]) if "caption" in attributes else caption
    return f"\n\n<figure>{image}<figcaption>{caption.strip()}</figcaption></figure>\n\n"


def _gallery(attributes, content, warnings):
    listed = attributes.get("ids") or attributes.get("include") or ""
    ids = [part.strip() for part in listed.split(",") if part.strip()]
    if not ids:
        warnings.append(
            "A [gallery] without a list of images (it showed every image attached "
            "to the post) was left out."
        )
        return ""
    figures = []
    for wp_id in ids:
        if not wp_id.isdigit():
            warnings.append(
                f'Gallery image "{wp_id}" is not an attachment id: left out.'
            )
            continue
        figures.append(
            f'<figure><img {ATTACHMENT_ATTRIBUTE}="{wp_id}" alt=""></figure>'
        )
    return "\n\n" + "\n\n".join(figures) + "\n\n"


def _embed(attributes, content, warnings):
    url = html.unescape((content or attributes.get("src", "")).strip())
    if not _WEB_ADDRESS.match(url):
        warnings.append(f"[embed] without a web address was left out: {url[:100]!r}.")
        return ""
    return link_paragraph(url)


def _media(name):
    def media(attributes, content, warnings):
        for key in _MEDIA_SOURCES:
            url = attributes.get(key, "").strip()
            if _WEB_ADDRESS.match(url):
                return link_paragraph(url)
        warnings.append(f"[{name}] without a web address was left out.")
        return ""

    return media


# Name → (needs a closing tag, turns attributes and content into HTML).
HANDLED = {
    "caption": (True, _caption),
    "wp_caption": (True, _caption),
    "gallery": (False, _gallery),
    "embed": (True, _embed),
    "audio": (False, _media("audio")),
    "video": (False, _media("video")),
}


def expand_shortcodes(text: str) -> tuple[str, list[str], list[str]]:
    """Return the text with shortcodes handled, the warnings, and the names of
    the unknown shortcodes kept as text (each once, in order of appearance)."""
    closers = defaultdict(list)
    for match in _CLOSE.finditer(text):
        closers[match.group(1)].append(match.start())
    out, warnings, unknown = [], [], []
    position = 0
    while match := _OPEN.search(text, position):
        escaped, name, attributes, self_closing = match.groups()
        out.append(text[position : match.start()])
        closer = f"[/{name}]"
        end = match.end()
        content = None
        if not self_closing:
            found = closers.get(name, [])
            index = bisect.bisect_left(found, match.end())
            if index < len(found):
                content = text[match.end() : found[index]]
                end = found[index] + len(closer)
        if escaped:
            # `[[name]]` or `[[name]…[/name]]`: the shortcode itself, as text.
            if text.startswith("]", match.end()):
                out.append(text[match.start() + 1 : match.end()])
                position = match.end() + 1
                continue
            if content is not None and text.startswith("]", end):
                out.append(text[match.start() + 1 : end])
                position = end + 1
                continue
            out.append("[")
            position = match.start() + 1
            continue
        needs_content, convert = HANDLED.get(name, (False, None))
        if convert is not None and not (needs_content and content is None):
            out.append(convert(parse_attributes(attributes), content or "", warnings))
            position = end  # an enclosed content goes with its shortcode
            continue
        if convert is not None:
            warnings.append(f"[{name}] without its closing {closer} was kept as text.")
        elif self_closing or "=" in attributes or content is not None:
            if name not in unknown:
                unknown.append(name)
                warnings.append(f"Unknown shortcode [{name}] kept as text.")
        out.append(match.group(0))
        position = match.end()
    out.append(text[position:])
    return "".join(out), warnings, unknown
