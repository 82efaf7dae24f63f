// The Markdown body's editing aids: a formatting toolbar with keyboard
// shortcuts, and a live preview that follows the caret. The form works
// without any of it; it only saves typing.
(function () {
  "use strict";
  const toolbar = document.querySelector("[data-editor-toolbar]");
  const area = document.getElementById("id_body_source");
  if (!toolbar || !area) {
    return;
  }

  // Put around the selection; with nothing selected the caret goes between.
  const WRAP = { bold: ["**", "**"], italic: ["*", "*"], link: ["[", "](url)"] };
  // Put before each selected line, or on a new line of its own.
  const PREFIX = { heading: "## ", list: "- ", quote: "> " };
  const SHORTCUTS = { b: "bold", i: "italic", k: "link" };

  // Replace value[from, to) with text as if the author had typed it.
  // execCommand("insertText") is deprecated but still the only way to keep a
  // textarea's undo stack in Chromium and Firefox, so Ctrl+Z takes the
  // insertion back; where it fails, setRangeText edits without undo.
  function replace(from, to, text) {
    area.focus();
    area.setSelectionRange(from, to);
    if (!document.execCommand("insertText", false, text)) {
      area.setRangeText(text, from, to, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function wrap(kind) {
    const [before, after] = WRAP[kind];
    const selected = area.value.slice(area.selectionStart, area.selectionEnd);
    // "**word **" is not bold: spaces selected at either end stay outside.
    const inner = selected.trim();
    const start = area.selectionStart + (inner ? selected.indexOf(inner) : 0);
    const end = start + inner.length;
    replace(start, end, before + inner + after);
    const textStart = start + before.length;
    if (kind === "link" && inner) {
      // [text](url): select "url" so that the author types the address.
      const url = textStart + inner.length + 2;
      area.setSelectionRange(url, url + 3);
    } else {
      // The caret between the markers, or the wrapped text still selected.
      area.setSelectionRange(textStart, textStart + inner.length);
    }
  }

  function prefixLines(kind) {
    const prefix = PREFIX[kind];
    const value = area.value;
    let start = area.selectionStart;
    let end = area.selectionEnd;
    let text = prefix;
    if (start !== end) {
      // Whole lines: from the first selected line's start to the last one's
      // end (a selection ending at a line's very start leaves that line out).
      if (value[end - 1] === "\n") {
        end -= 1;
      }
      start = value.lastIndexOf("\n", start - 1) + 1;
      const lineEnd = value.indexOf("\n", end);
      end = lineEnd === -1 ? value.length : lineEnd;
      text = value
        .slice(start, end)
        .split("\n")
        .map((line) => (line.trim() ? prefix + line : line))
        .join("\n");
    }
    // Markdown starts a list or quote (and by convention a heading) only
    // after a blank line, and a line right after a list item or a quote
    // would join it: add the blank lines missing around the new block,
    // except between list items or quote lines, which continue each other.
    const before = value.slice(0, start);
    const after = value.slice(end);
    const continues = (line) => kind !== "heading" && line.startsWith(prefix);
    const lastLine = before.slice(before.lastIndexOf("\n", before.length - 2) + 1);
    const nextLine = after.slice(1).split("\n")[0];
    let lead = "";
    if (before.trim() && !/\n[ \t]*\n$/.test(before)) {
      lead = before.endsWith("\n") ? "" : "\n";
      if (!continues(lastLine)) {
        lead += "\n";
      }
    }
    let tail = "";
    if (after.trim() && !/^\n[ \t]*\n/.test(after)) {
      if (!after.startsWith("\n")) {
        tail = "\n\n"; // the rest of the caret's line goes below
      } else if (!continues(nextLine)) {
        tail = "\n";
      }
    }
    replace(start, end, lead + text + tail);
    const caret = start + lead.length + text.length;
    area.setSelectionRange(caret, caret);
  }

  function format(kind) {
    if (kind in WRAP) {
      wrap(kind);
    } else if (kind in PREFIX) {
      prefixLines(kind);
    }
  }

  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("[data-md]");
    if (button) {
      format(button.dataset.md);
    }
  });
  area.addEventListener("keydown", (event) => {
    const kind = SHORTCUTS[(event.key || "").toLowerCase()];
    // Alt is left alone: Ctrl+Alt is AltGr, which types characters.
    if (kind && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      format(kind);
    }
  });
  toolbar.classList.remove("d-none");

  // Live preview: the server renders the body through the same Markdown and
  // sanitiser that saving uses, a moment after the author stops typing.
  const pane = document.getElementById("live-preview");
  if (!pane) {
    return;
  }
  const output = pane.querySelector(".article-body");
  const token = area.form.querySelector("[name=csrfmiddlewaretoken]").value;
  let timer = null;
  let latest = 0;
  let resumeAt = 0; // after a 429, no preview is asked for before this time

  // Where the caret's place is in the preview, in its scroll coordinates.
  // Headings anchor the mapping: between two headings of the source the
  // caret maps to the same fraction of the way between the matching
  // rendered headings. Levels 2 to 4 are the ones the sanitiser keeps; if
  // the counts still differ (a heading underlined with ---, raw HTML, a
  // preview one refresh behind), the whole text maps onto the whole preview.
  function previewPoint() {
    const value = area.value;
    const caret = area.selectionStart;
    const origin = output.getBoundingClientRect().top - output.scrollTop;
    const top = (element) => element.getBoundingClientRect().top - origin;
    let source = Array.from(value.matchAll(/^#{2,4}(?!#)/gm), (match) => match.index);
    let preview = Array.from(output.querySelectorAll("h2, h3, h4"), top);
    if (source.length !== preview.length) {
      source = [];
      preview = [];
    }
    source = [0, ...source, value.length];
    preview = [0, ...preview, output.scrollHeight];
    let i = 0;
    while (i < source.length - 2 && caret >= source[i + 1]) {
      i += 1;
    }
    const span = source[i + 1] - source[i];
    const fraction = span > 0 ? (caret - source[i]) / span : 0;
    return preview[i] + fraction * (preview[i + 1] - preview[i]);
  }

  // Scroll the preview (never the page) so the caret's place is a third of
  // the way down it; a place already well in view stays put, so the preview
  // does not jitter while the author types.
  function follow() {
    const point = previewPoint();
    const height = output.clientHeight;
    if (point < output.scrollTop + height * 0.1 || point > output.scrollTop + height * 0.9) {
      output.scrollTop = point - height / 3;
    }
  }

  let following = false;
  function followSoon() {
    if (!following) {
      following = true;
      requestAnimationFrame(() => {
        following = false;
        follow();
      });
    }
  }

  // Why the preview is not up to date (too often, a body over a limit), in
  // the server's words; the last good preview stays below it.
  const notice = document.createElement("p");
  notice.className = "small text-body-secondary d-none";
  notice.setAttribute("role", "status");
  output.before(notice);

  async function refresh() {
    const ticket = ++latest;
    let response;
    try {
      response = await fetch(pane.dataset.previewUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token },
        body: new URLSearchParams({ source: area.value }),
        credentials: "same-origin",
      });
    } catch {
      return; // offline: the next pause in typing tries again
    }
    if (ticket !== latest) {
      return;
    }
    const text = await response.text();
    if (response.ok) {
      output.innerHTML = text; // sanitised by the server
      notice.classList.add("d-none");
      followSoon();
    } else if (response.status === 400 || response.status === 429) {
      notice.textContent = text; // plain text, never HTML
      notice.classList.remove("d-none");
      if (response.status === 429) {
        // Ask again once the server says so, not at each pause in typing.
        const wait = Number(response.headers.get("Retry-After")) || 60;
        resumeAt = Date.now() + wait * 1000;
        clearTimeout(timer);
        timer = setTimeout(refresh, wait * 1000);
      }
    }
  }

  area.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, Math.max(400, resumeAt - Date.now()));
  });
  // The caret moves by typing, keys and clicks.
  for (const type of ["input", "keyup", "click", "focus"]) {
    area.addEventListener(type, followSoon);
  }
  area.form.classList.add("editor-split"); // the preview beside the body
  pane.classList.remove("d-none");
  refresh();
})();
