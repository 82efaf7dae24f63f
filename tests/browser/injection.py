"""The judge of tests/browser/test_injection.py: traps for script, a DOM walk.

The traps replace `alert`, `confirm`, `prompt` and `print` and catch any
write to `window.__xss` in every frame, before the page's own scripts run.
The walk lists each element or attribute that could run script, load a
foreign document, or reshape the page, wherever it is in the DOM.
"""

TRAPS = """
(() => {
  const calls = [];
  Object.defineProperty(window, "__xssCalls", { value: calls });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { calls.push(`${name}(${args.join(",")})`); };
  }
  Object.defineProperty(window, "__xss", {
    get() { return undefined; },
    set(value) { calls.push(`__xss=${value}`); },
  });
})();
"""

UNSAFE_DOM = """
(staff) => {
  const found = [];
  const origin = location.origin;
  const describe = (el) => el.outerHTML.slice(0, 160);
  const squeeze = (value) =>
    value.replace(/[\\u0000-\\u0020\\u007f-\\u00a0\\u200b-\\u200f\\ufeff]/g, "")
      .toLowerCase();
  const URL_ATTRIBUTES = new Set([
    "href", "src", "action", "formaction", "xlink:href", "data", "srcset",
    "poster", "background", "code", "codebase", "ping", "lowsrc", "dynsrc",
    "to", "values", "from", "by",
  ]);
  const NEVER = [
    "iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "portal", "foreignobject", "isindex", "template", "noscript",
  ];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName.toLowerCase();
    if (NEVER.includes(tag)) found.push(`element <${tag}>: ${describe(el)}`);
    if (tag === "script") {
      const src = el.getAttribute("src") || "";
      const path = src.startsWith(origin) ? src.slice(origin.length) : src;
      const ours = path.startsWith("/static/") || path === "/admin/jsi18n/";
      const data = el.type === "application/ld+json" && el.closest("head");
      if (!(ours && el.closest("head, body")) && !data) {
        found.push(`script: ${describe(el)}`);
      }
      if (ours && el.textContent.trim()) found.push(`script body: ${describe(el)}`);
    }
    if (tag === "meta" && (el.httpEquiv || el.closest("body"))) {
      found.push(`meta: ${describe(el)}`);
    }
    if (tag === "link" && el.closest("body")) found.push(`link: ${describe(el)}`);
    if (tag === "style" && el.closest("body")) found.push(`style: ${describe(el)}`);
    if (["set", "animate"].includes(tag)) found.push(`svg ${tag}: ${describe(el)}`);
    if (tag === "math" || el.namespaceURI === "http://www.w3.org/1998/Math/MathML") {
      if (el.hasAttribute("href") || el.hasAttribute("xlink:href")) {
        found.push(`math link: ${describe(el)}`);
      }
    }
    if (tag === "form" && !staff) {
      const action = el.getAttribute("action") || "";
      if (!action.startsWith("/") || action.startsWith("//")) {
        found.push(`form: ${describe(el)}`);
      }
    }
    const field = ["input", "textarea", "select"].includes(tag);
    if (field && !staff && !el.readOnly && !el.closest("form")) {
      found.push(`field outside a form: ${describe(el)}`);
    }
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      const value = squeeze(attribute.value);
      if (name.startsWith("on")) found.push(`handler ${name}: ${describe(el)}`);
      if (URL_ATTRIBUTES.has(name) || name.endsWith(":href")) {
        const image = tag === "img" && value.startsWith("data:image/");
        if (/(^|,)(javascript|vbscript|livescript):/.test(value) ||
            (value.includes("data:") && !image)) {
          found.push(`${name} scheme: ${describe(el)}`);
        }
      }
      if (name === "style" && /expression|javascript:|behavior|binding|url\\(/
          .test(value)) {
        found.push(`style: ${describe(el)}`);
      }
      if (name === "srcdoc") {
        found.push(`${name}: ${describe(el)}`);
      }
    }
  }
  return found;
}
"""


def judge(page, path, *, staff=False):
    """Open `path`; what ran and what is unsafe there, each with the path.

    Staff pages are full of forms and fields of their own: there, forms are
    not judged (the public pages judge what the same sanitiser lets through).
    """
    page.goto(path, wait_until="load")
    page.wait_for_timeout(20)  # autofocus, animations and late errors
    problems = []
    for frame in page.frames:
        calls = frame.evaluate("() => window.__xssCalls || []")
        problems += [f"{path}: script ran: {call}" for call in calls]
    problems += [f"{path}: {item}" for item in page.evaluate(UNSAFE_DOM, staff)]
    return problems
