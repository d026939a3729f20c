// Sheets close on Back, as in the phone apps: opening the comments or report drawer, or the steer
// box, adds a history entry; Back closes the sheet instead of leaving the page, and closing it any
// other way (the X, Escape, a tap outside) takes that entry away again.
(function () {
  "use strict";
  const SHEETS = "dialog.drawer, details.steer";
  let closingByBack = false;

  new MutationObserver((records) => {
    for (const record of records) {
      const sheet = record.target;
      if (!sheet.matches || !sheet.matches(SHEETS)) continue;
      const open = sheet.hasAttribute("open");
      if (open && !sheet.dataset.sheetEntry) {
        sheet.dataset.sheetEntry = "1";
        history.pushState({ sheet: true }, "");
      } else if (!open && sheet.dataset.sheetEntry) {
        delete sheet.dataset.sheetEntry;
        if (closingByBack) closingByBack = false;
        else if (history.state && history.state.sheet) history.back();
      }
    }
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["open"] });

  window.addEventListener("popstate", () => {
    const open = [...document.querySelectorAll(SHEETS)].filter((s) => s.dataset.sheetEntry && s.open);
    const sheet = open[open.length - 1];
    if (!sheet) return;
    closingByBack = true;
    if (sheet.tagName === "DIALOG") sheet.close();
    else sheet.removeAttribute("open");
  });
})();
