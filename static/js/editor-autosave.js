// Autosave for the dashboard editor: the text goes to the writer's one
// autosave slot a few seconds after typing stops and when the page loses
// focus, so a crash or a closed tab loses nothing. The status line says when
// it was last saved, or why it was not; leaving with text that is neither
// autosaved nor submitted asks first. Configured by the form's data-
// attributes (the CSP forbids inline scripts); the form works without it.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave-url]");
  if (!form) {
    return;
  }
  const url = form.dataset.autosaveUrl;
  const status = form.querySelector("[data-autosave-status]");
  // The state ("Saved", "Not saved: ...") is announced; the age beside it is
  // not, or a screen reader would read it out every few seconds.
  const [stateText, ageText] = status ? status.querySelectorAll("span") : [null, null];
  const FIELDS = ["title", "summary", "body_source", "tag_names", "category", "loaded_version"];
  const DELAY = 3000;
  const token = form.querySelector("[name=csrfmiddlewaretoken]").value;

  function snapshot() {
    const values = {};
    for (const name of FIELDS) {
      const field = form.elements.namedItem(name);
      values[name] = field ? field.value : "";
    }
    return values;
  }

  const key = (values) => JSON.stringify(values);
  // What the slot holds, as far as this page knows. A page shown again after
  // a post (a preview, a form error) holds text the slot may not: save it.
  let lastSaved = "autosaveNow" in form.dataset ? "" : key(snapshot());
  let timer = null;
  let inFlight = null;
  let again = false;
  let submitting = false;
  let savedAt = null;
  let problem = "";

  const changed = () => key(snapshot()) !== lastSaved;

  function age(milliseconds) {
    const seconds = Math.floor(milliseconds / 1000);
    if (seconds < 10) {
      return "just now";
    }
    if (seconds < 60) {
      return Math.floor(seconds / 10) * 10 + " seconds ago";
    }
    const minutes = Math.floor(seconds / 60);
    return minutes === 1 ? "1 minute ago" : minutes + " minutes ago";
  }

  function show() {
    if (!stateText) {
      return;
    }
    if (problem) {
      stateText.textContent = "Not saved: " + problem;
      ageText.textContent = "";
    } else if (savedAt !== null) {
      stateText.textContent = "Saved";
      ageText.textContent = age(Date.now() - savedAt);
    }
  }

  async function send(values) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    if (form.dataset.autosaveArticle) {
      body.append("article", form.dataset.autosaveArticle);
    }
    for (const [name, value] of Object.entries(values)) {
      body.append(name, value);
    }
    try {
      const response = await fetch(url, {
        method: "POST", body, headers: { "X-CSRFToken": token }, credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        lastSaved = key(values);
        savedAt = Date.now(); // this clock, not the server's, for "N seconds ago"
        problem = "";
      } else {
        problem = answer.error || "the server answered " + response.status;
      }
    } catch (error) {
      problem = "no connection";
    }
  }

  // One request at a time; what changes meanwhile goes in the next one.
  async function save() {
    clearTimeout(timer);
    if (submitting || !changed()) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = send(snapshot());
    await inFlight;
    inFlight = null;
    show();
    if (again && !submitting) {
      again = false;
      save();
    }
  }

  function saveSoon() {
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  form.addEventListener("input", saveSoon);
  form.addEventListener("change", saveSoon);
  form.addEventListener("focusout", (event) => {
    if (FIELDS.includes(event.target.name)) {
      save();
    }
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      save();
    }
  });
  window.addEventListener("online", saveSoon);

  // Submitting saves for real (and empties the slot): no autosave may land
  // after it, so a request under way is waited for first.
  form.addEventListener("submit", (event) => {
    submitting = true;
    clearTimeout(timer);
    if (inFlight) {
      event.preventDefault();
      const submitter = event.submitter;
      inFlight.then(() => form.requestSubmit(submitter));
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      submitting = false; // back from the next page: this one is live again
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (!submitting && changed()) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to ask
    }
  });

  setInterval(show, 5000);
  if (!lastSaved) {
    save();
  }
})();
