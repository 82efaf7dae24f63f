// The colour mode and the phone menu. Loaded in <head>, before the page is
// drawn, so a dark page never flashes light: it sets <html data-bs-theme>
// from the reader's stored choice ("auto" follows the system and its
// changes), and marks <html class="js"> so the CSS may fold the menu.
// Once the page is there it wires the header's Menu and colour mode buttons,
// which stay hidden without scripts.
(function () {
  "use strict";
  var KEY = "folio-colour-mode";
  var MODES = ["auto", "light", "dark"];
  var LABELS = { auto: "Auto", light: "Light", dark: "Dark" };
  var root = document.documentElement;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  function storedMode() {
    var mode = null;
    try {
      mode = window.localStorage.getItem(KEY);
    } catch (error) {
      // Storage refused (private mode, blocked): the system decides.
    }
    return MODES.indexOf(mode) >= 0 ? mode : "auto";
  }

  function storeMode(mode) {
    try {
      if (mode === "auto") {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, mode);
      }
    } catch (error) {
      // Not remembered; the page still changes.
    }
  }

  function apply(mode) {
    var dark = mode === "dark" || (mode === "auto" && systemDark.matches);
    root.setAttribute("data-bs-theme", dark ? "dark" : "light");
  }

  root.classList.add("js");
  apply(storedMode());
  systemDark.addEventListener("change", function () {
    apply(storedMode());
  });

  function wireColourMode(button) {
    function show(mode) {
      button.textContent = "Colours: " + LABELS[mode];
    }
    show(storedMode());
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = MODES[(MODES.indexOf(storedMode()) + 1) % MODES.length];
      storeMode(next);
      apply(next);
      show(next);
    });
  }

  function wireMenu(button) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var colours = document.querySelector("[data-colour-mode-toggle]");
    var menu = document.querySelector("[data-menu-toggle]");
    if (colours) {
      wireColourMode(colours);
    }
    if (menu) {
      wireMenu(menu);
    }
  });
})();
