// Images in the body: the Insert image button, and image files dropped or
// pasted into the text. Each is uploaded at once (the server checks, cleans
// and stores it, with renditions), after its description is typed; the
// Markdown that names the stored image goes in at the caret.
(function () {
  "use strict";
  const area = document.getElementById("id_body_source");
  const slot = document.querySelector("[data-editor-image-slot]");
  if (!area || !slot || !slot.dataset.uploadUrl) {
    return;
  }
  const uploadUrl = slot.dataset.uploadUrl;
  const maxBytes = Number(slot.dataset.maxBytes);
  const token = area.form.querySelector("[name=csrfmiddlewaretoken]").value;

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    (children || []).forEach((child) => node.append(child));
    return node;
  }

  // The dialog, built once; no inline styles (the CSP forbids them).
  const fileInput = element("input", {
    type: "file", id: "image-file", name: "file", class: "form-control",
    accept: "image/jpeg,image/png,image/webp,image/gif",
  });
  const altInput = element("input", {
    type: "text", id: "image-alt", name: "alt", class: "form-control", maxlength: "300", required: "",
  });
  const captionInput = element("input", {
    type: "text", id: "image-caption", name: "caption", class: "form-control", maxlength: "300",
  });
  const message = element("p", { class: "text-danger small mb-2", role: "alert", "data-image-error": "" });
  const submit = element("button", { type: "submit", class: "btn btn-primary" }, ["Upload and insert"]);
  const cancel = element("button", { type: "button", class: "btn btn-outline-secondary", value: "cancel" }, ["Cancel"]);
  // novalidate: the script says what is missing, in words, next to the buttons.
  const dialogForm = element("form", { method: "dialog", class: "image-dialog-form", novalidate: "" }, [
    element("h2", { class: "h5" }, ["Insert an image"]),
    element("div", { class: "mb-2" }, [
      element("label", { for: "image-file", class: "form-label" }, ["Image (JPEG, PNG, WebP or GIF; at most " + Math.round(maxBytes / 1048576) + " MB)"]),
      fileInput,
    ]),
    element("div", { class: "mb-2" }, [
      element("label", { for: "image-alt", class: "form-label" }, ["Description for readers who cannot see it (required)"]),
      altInput,
    ]),
    element("div", { class: "mb-3" }, [
      element("label", { for: "image-caption", class: "form-label" }, ["Caption (optional)"]),
      captionInput,
    ]),
    message,
    element("div", { class: "d-flex gap-2" }, [submit, cancel]),
  ]);
  const dialog = element("dialog", { class: "image-dialog", "aria-label": "Insert an image" }, [dialogForm]);
  document.body.append(dialog);

  const button = element("button", { type: "button", class: "btn btn-sm btn-outline-secondary", "data-insert-image": "" }, ["Insert image"]);
  slot.append(button);

  let caret = 0;

  function open(file) {
    caret = area.selectionStart;
    dialogForm.reset();
    message.textContent = "";
    if (file) {
      const files = new DataTransfer();
      files.items.add(file);
      fileInput.files = files.files;
    }
    dialog.showModal();
    (file ? altInput : fileInput).focus();
  }

  function insertAtCaret(markdown) {
    area.focus();
    area.setSelectionRange(caret, caret);
    const before = area.value.slice(0, caret);
    const lead = !before || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const text = lead + markdown + "\n\n";
    // insertText keeps the browser's undo; setRangeText where it is refused.
    if (!document.execCommand("insertText", false, text)) {
      area.setRangeText(text, caret, caret, "end");
      area.dispatchEvent(new Event("input"));
    }
  }

  async function upload() {
    const file = fileInput.files[0];
    if (!file) {
      message.textContent = "Choose an image to upload.";
      return;
    }
    if (file.size > maxBytes) {
      message.textContent = "This image is " + (file.size / 1048576).toFixed(1) + " MB; the limit is " + Math.round(maxBytes / 1048576) + " MB.";
      return;
    }
    if (!altInput.value.trim()) {
      message.textContent = "Describe the image before inserting it.";
      altInput.focus();
      return;
    }
    const body = new FormData();
    body.append("file", file);
    body.append("alt", altInput.value.trim());
    body.append("caption", captionInput.value.trim());
    submit.disabled = true;
    message.textContent = "";
    try {
      const response = await fetch(uploadUrl, {
        method: "POST", body, headers: { "X-CSRFToken": token }, credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        message.textContent = answer.error || "The image could not be uploaded (" + response.status + ").";
        return;
      }
      dialog.close();
      insertAtCaret(answer.markdown);
    } catch (error) {
      message.textContent = "The image could not be uploaded: the connection failed. Try again.";
    } finally {
      submit.disabled = false;
    }
  }

  button.addEventListener("click", () => open(null));
  cancel.addEventListener("click", () => dialog.close());
  dialogForm.addEventListener("submit", (event) => {
    event.preventDefault();
    upload();
  });

  function imageFile(items) {
    return Array.from(items || []).map((item) => (item.getAsFile ? item.getAsFile() : item))
      .find((file) => file && file.type.startsWith("image/"));
  }

  area.addEventListener("dragover", (event) => {
    if (Array.from(event.dataTransfer.types).includes("Files")) {
      event.preventDefault();
    }
  });
  area.addEventListener("drop", (event) => {
    const file = imageFile(event.dataTransfer.files);
    if (file) {
      event.preventDefault();
      area.focus();
      open(file);
    }
  });
  area.addEventListener("paste", (event) => {
    const file = imageFile(event.clipboardData && event.clipboardData.items);
    if (file) {
      event.preventDefault();
      open(file);
    }
  });
})();
