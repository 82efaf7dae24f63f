// The moderation queue's "Select every comment on this page" box: it ticks
// or clears every row's box and shows when only some are ticked. Without
// this script the box stays hidden and each row is ticked by hand (the CSP
// forbids inline scripts).
(function () {
  "use strict";
  const box = document.getElementById("select-all-box");
  const all = document.getElementById("select-all");
  if (!box || !all) {
    return;
  }
  const rows = Array.from(
    document.querySelectorAll('input[type=checkbox][name=comments][form="bulk-actions"]')
  );
  if (!rows.length) {
    return;
  }

  function reflect() {
    const ticked = rows.filter((row) => row.checked).length;
    all.checked = ticked === rows.length;
    all.indeterminate = ticked > 0 && ticked < rows.length;
  }

  all.addEventListener("change", () => {
    for (const row of rows) {
      row.checked = all.checked;
    }
    reflect();
  });
  for (const row of rows) {
    row.addEventListener("change", reflect);
  }
  box.hidden = false;
  reflect();
})();
