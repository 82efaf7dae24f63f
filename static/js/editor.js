// Formatting buttons for the Markdown body: each inserts its syntax around
// the selection. The form works without them; they only save typing.
(function () {
  "use strict";
  const toolbar = document.querySelector("[data-editor-toolbar]");
  const area = document.getElementById("id_body_source");
  if (!toolbar || !area) {
    return;
  }
  const wrap = {
    bold: ["**", "**", "bold text"],
    italic: ["*", "*", "emphasised text"],
    link: ["[", "](https://)", "link text"],
    image: ["![", "](https://)", "image description"],
  };
  const linePrefix = { heading: "## ", list: "- ", quote: "> " };

  function insert(kind) {
    const start = area.selectionStart;
    const end = area.selectionEnd;
    const value = area.value;
    let selected = value.slice(start, end);
    let text;
    let lead = "";
    if (kind in wrap) {
      const [before, after, placeholder] = wrap[kind];
      text = before + (selected || placeholder) + after;
    } else {
      const prefix = linePrefix[kind];
      selected = selected || "text";
      text = selected.split("\n").map((line) => prefix + line).join("\n");
      // Markdown starts a heading, list or quote only after a blank line.
      const before = value.slice(0, start);
      if (before && !before.endsWith("\n\n")) {
        lead = before.endsWith("\n") ? "\n" : "\n\n";
      }
    }
    area.setRangeText(lead + text, start, end, "end");
    area.setSelectionRange(start + lead.length, start + lead.length + text.length);
    area.focus();
    area.dispatchEvent(new Event("input"));
  }

  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("[data-md]");
    if (button) {
      insert(button.dataset.md);
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

  async function refresh() {
    const ticket = ++latest;
    const response = await fetch(pane.dataset.previewUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      body: new URLSearchParams({ source: area.value }),
      credentials: "same-origin",
    });
    if (response.ok && ticket === latest) {
      output.innerHTML = await response.text();  // sanitised by the server
    }
  }

  area.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  pane.classList.remove("d-none");
  refresh();
})();
