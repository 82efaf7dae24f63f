// The comment form, kinder with a script; everything works without it.
// - A comment sent back with errors: the page came back at the form (its
//   action ends in #comment-form); the error summary takes focus, and the
//   address bar shows the article's address instead of the comment view's.
// - A link in the summary puts the cursor in the field to fix.
// - Reply opens the form under the comment answered, Cancel reply puts it
//   back; without the script, the Reply link loads the page with the form
//   set to answer that comment (?replyto=), which the script then moves
//   under it, as it does a reply sent back with errors.
// Configured by data- attributes (the CSP forbids inline scripts).
(function () {
  "use strict";
  const respond = document.getElementById("respond");
  const form = document.getElementById("comment-form");
  if (!respond || !form) {
    return;
  }

  // The form's token in a cached page is everyone's, so the site takes it
  // once per client address; when the reader starts on the form, it is
  // swapped for one of their own (same time served), taken once in all.
  // Sending waits for the swap; without it, the page's token still works.
  const issued = form.elements.namedItem("issued");
  let ownToken = null;
  let settled = false;
  function askOwnToken() {
    if (!ownToken) {
      const url = form.dataset.tokenUrl + "?issued=" + encodeURIComponent(issued.value);
      ownToken = fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (data) {
          if (data.issued) {
            issued.value = data.issued;
          }
        })
        .catch(function () {})
        .finally(function () {
          settled = true;
        });
    }
    return ownToken;
  }
  if (issued && form.dataset.tokenUrl) {
    form.addEventListener("focusin", askOwnToken, { once: true });
    form.addEventListener("submit", function (event) {
      if (settled) {
        return;
      }
      event.preventDefault();
      const submitter = event.submitter;
      askOwnToken().then(function () {
        // Not within this submit event: the browser would ignore it.
        window.setTimeout(function () {
          form.requestSubmit(submitter);
        });
      });
    });
  }

  const summary = form.querySelector("[data-error-summary]");
  if (summary) {
    const articleUrl = form.dataset.articleUrl;
    if (articleUrl && window.location.pathname !== articleUrl) {
      window.history.replaceState(null, "", articleUrl + "#comment-form");
    }
    // Not before the page has loaded: the browser's own move to the
    // #comment-form fragment would take the focus away again.
    const focusSummary = function () {
      window.requestAnimationFrame(function () {
        summary.focus();
      });
    };
    if (document.readyState === "complete") {
      focusSummary();
    } else {
      window.addEventListener("load", focusSummary, { once: true });
    }
    summary.addEventListener("click", function (event) {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.hash.slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      const label = form.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  }

  const title = respond.querySelector("[data-reply-title]");
  const note = respond.querySelector("[data-reply-note]");
  const parentLink = respond.querySelector("[data-reply-parent]");
  const cancel = respond.querySelector("[data-reply-cancel]");
  const parent = form.elements.namedItem("parent");
  const body = form.elements.namedItem("body");
  if (!title || !note || !parentLink || !cancel || !parent || !body) {
    return;
  }
  // Where the form lives when it answers nobody.
  const home = document.createComment(" comment form ");
  respond.before(home);
  let opener = null;

  // The comment's card, under which its reply form goes, if it is on the page.
  function cardOf(id) {
    const comment = document.getElementById("comment-" + id);
    return comment && comment.querySelector(":scope > article");
  }

  function openReply(link, card) {
    const name = link.dataset.replyName || "";
    card.after(respond);
    parent.value = link.dataset.replyTo;
    title.textContent = "Reply to " + name;
    parentLink.href = "#comment-" + link.dataset.replyTo;
    parentLink.textContent = name + "’s comment";
    note.hidden = false;
    opener = link;
    body.focus();
  }

  // A page loaded to answer a comment (?replyto=, or a reply sent back with
  // errors) has the form set already: it only moves under that comment.
  const answered = parent.value && cardOf(parent.value);
  if (answered) {
    answered.after(respond);
  }

  function cancelReply() {
    home.after(respond);
    parent.value = "";
    title.textContent = title.dataset.replyTitle;
    note.hidden = true;
    (opener || body).focus();
    opener = null;
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-reply-to]");
    if (!link) {
      return;
    }
    const card = cardOf(link.dataset.replyTo);
    if (!card) {
      return;
    }
    event.preventDefault();
    openReply(link, card);
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    cancelReply();
  });
})();
