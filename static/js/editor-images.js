// Images in the body: the Insert image button, and image files dropped or
// pasted into the text. Each is uploaded at once (the server checks, cleans
// and stores it, with renditions), after its description is typed; the
// Markdown that names the stored image goes in at the caret.
//
// It serves every textarea that carries data-upload-url and data-max-bytes
// (the body's widget, editorial/widgets.py), in the dashboard and in the
// article admin alike. The button goes into the form's
// [data-editor-image-slot] when there is one (the dashboard's toolbar),
// otherwise into a bar of its own right above the textarea.
(function () {
  "use strict";
  const MB = 1048576;

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    (children || []).forEach((child) => node.append(child));
    return node;
  }

  function imageFile(items) {
    return Array.from(items || []).map((item) => (item.getAsFile ? item.getAsFile() : item))
      .find((file) => file && file.type.startsWith("image/"));
  }

  // What to say when the server refused without saying why itself (a proxy's
  // 413 page, a session that ended).
  function refusal(status, limit) {
    if (status === 413) {
      return "This image is too large; the limit is " + limit + " MB.";
    }
    if (status === 403) {
      return "You may not upload images here; sign in again if your session ended.";
    }
    return "The image could not be uploaded (error " + status + "). Try again.";
  }

  function attach(area) {
    if (area.dataset.imagesReady || !area.form) {
      return; // the script is loaded twice, or the textarea is in no form
    }
    area.dataset.imagesReady = "true";
    const uploadUrl = area.dataset.uploadUrl;
    const maxBytes = Number(area.dataset.maxBytes);
    const limit = Math.round(maxBytes / MB);
    const tokenField = area.form.querySelector("[name=csrfmiddlewaretoken]");
    const token = tokenField ? tokenField.value : "";
    const id = (suffix) => area.id + "-image-" + suffix;

    // The dialog, built once per textarea; no inline styles (the CSP forbids
    // them). Bootstrap's classes dress it in the dashboard, the image-dialog
    // ones in the admin (css/admin-images.css).
    const fileInput = element("input", {
      type: "file", id: id("file"), name: "file", class: "form-control",
      accept: "image/jpeg,image/png,image/webp,image/gif",
    });
    const altInput = element("input", {
      type: "text", id: id("alt"), name: "alt", class: "form-control", maxlength: "300",
      required: "", "aria-required": "true",
    });
    const captionInput = element("input", {
      type: "text", id: id("caption"), name: "caption", class: "form-control", maxlength: "300",
    });
    const message = element("p", {
      class: "image-dialog-error text-danger small mb-2", role: "alert", "data-image-error": "",
    });
    const submit = element("button", { type: "submit", class: "btn btn-primary default" }, ["Upload and insert"]);
    const cancel = element("button", { type: "button", class: "btn btn-outline-secondary", value: "cancel" }, ["Cancel"]);
    const field = (name, label, input, spacing) => element("div", { class: "image-dialog-field " + spacing }, [
      element("label", { for: id(name), class: "form-label" }, [label]), input,
    ]);
    // novalidate: the script says what is missing, in words, next to the buttons.
    const dialogForm = element("form", { method: "dialog", class: "image-dialog-form", novalidate: "" }, [
      element("h2", { class: "h5" }, ["Insert an image"]),
      field("file", "Image (JPEG, PNG, WebP or GIF; at most " + limit + " MB)", fileInput, "mb-2"),
      field("alt", "Description for readers who cannot see it (required)", altInput, "mb-2"),
      field("caption", "Caption (optional)", captionInput, "mb-3"),
      message,
      element("div", { class: "image-dialog-actions d-flex gap-2" }, [submit, cancel]),
    ]);
    const dialog = element("dialog", { class: "image-dialog", "aria-label": "Insert an image" }, [dialogForm]);
    document.body.append(dialog);

    const button = element("button", {
      type: "button", class: "btn btn-sm btn-outline-secondary", "data-insert-image": "",
      "aria-controls": area.id,
    }, ["Insert image"]);
    const slot = area.form.querySelector("[data-editor-image-slot]");
    if (slot) {
      slot.append(button);
    } else {
      area.before(element("div", { class: "image-upload-bar" }, [button]));
    }

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
        area.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }

    function refuse(text, input) {
      message.textContent = text;
      (input || fileInput).focus();
    }

    async function upload() {
      const file = fileInput.files[0];
      if (!file) {
        refuse("Choose an image to upload.");
        return;
      }
      if (file.size > maxBytes) {
        refuse("This image is " + (file.size / MB).toFixed(1) + " MB; the limit is " + limit + " MB.");
        return;
      }
      if (!altInput.value.trim()) {
        refuse("Describe the image before inserting it.", altInput);
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
        if (!response.ok || !answer.markdown) {
          // A redirect to the sign-in page arrives as a page, not as JSON.
          const status = response.redirected ? 403 : response.status;
          refuse(answer.error || refusal(status, limit));
          return;
        }
        dialog.close();
        insertAtCaret(answer.markdown);
      } catch (error) {
        refuse("The image could not be uploaded: the connection failed. Try again.");
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
  }

  function start() {
    document.querySelectorAll("textarea[data-upload-url][data-max-bytes]").forEach(attach);
  }

  // The admin loads its scripts in the head, before the form exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
