// The article's share buttons: Copy link (the Clipboard API, or the address
// shown selected for the reader to copy) and Share… (the Web Share API,
// where the browser has it). Both stay hidden without scripts; the plain
// share links beside them work either way. The address comes from the
// page's data attributes: the canonical one, never location.href.
(function () {
  "use strict";

  function say(box, text) {
    var status = box.querySelector("[data-share-status]");
    if (status) {
      status.textContent = text;
    }
  }

  function showAddress(box) {
    var fallback = box.querySelector("[data-share-fallback]");
    if (!fallback) {
      return;
    }
    fallback.hidden = false;
    var field = fallback.querySelector("input");
    field.focus();
    field.select();
  }

  function wireCopy(box, button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-share-copy");
      if (!navigator.clipboard || !window.isSecureContext) {
        showAddress(box);
        return;
      }
      navigator.clipboard.writeText(url).then(
        function () {
          say(box, "Link copied.");
        },
        function () {
          showAddress(box);
        }
      );
    });
  }

  function wireNative(box, button) {
    var data = {
      title: button.getAttribute("data-share-title"),
      url: button.getAttribute("data-share-native"),
    };
    if (!navigator.share || (navigator.canShare && !navigator.canShare(data))) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share(data).catch(function (error) {
        if (error.name !== "AbortError") {
          say(box, "Sharing did not work; copy the link instead.");
        }
      });
    });
  }

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var copy = box.querySelector("[data-share-copy]");
    var native = box.querySelector("[data-share-native]");
    if (copy) {
      wireCopy(box, copy);
    }
    if (native) {
      wireNative(box, native);
    }
  });
})();
