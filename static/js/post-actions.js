// Post actions: the comments/report drawer, share, showing refusals in place, and the notice of a
// rate limit.
// Without this script every action is a plain link or form and still works.
(function () {
  "use strict";

  // One <dialog> for the whole page; htmx loads a post's comments (or report form) into its body.
  function drawer() {
    let dialog = document.getElementById("drawer");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "drawer";
      dialog.className = "drawer";
      dialog.setAttribute("aria-label", "Comments and reports");
      dialog.innerHTML =
        '<button type="button" class="drawer-close" aria-label="Close">✕</button><div id="drawer-body"></div>';
      dialog.querySelector(".drawer-close").addEventListener("click", () => dialog.close());
      // A tap on the backdrop (outside the sheet) closes it, as on every phone.
      dialog.addEventListener("click", (event) => {
        if (event.target === dialog) dialog.close();
      });
      dialog.addEventListener("close", () => {
        if (opener && document.contains(opener)) opener.focus();
      });
      document.body.appendChild(dialog);
    }
    return dialog;
  }

  let opener = null;
  document.addEventListener("htmx:beforeRequest", (event) => {
    const elt = event.detail.elt;
    if (!elt || !elt.getAttribute || elt.getAttribute("hx-target") !== "#drawer-body") return;
    // A page that already shows this post's comments (the post page) scrolls to them instead.
    const inline = elt.dataset.post && document.getElementById("comments-" + elt.dataset.post);
    if (inline && !inline.closest("#drawer")) {
      event.preventDefault();
      inline.scrollIntoView({ block: "start" });
      const box = inline.querySelector("textarea");
      if (box) box.focus({ preventScroll: true });
      return;
    }
    opener = elt;
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target && event.detail.target.id === "drawer-body") {
      const dialog = drawer();
      if (!dialog.open) dialog.showModal();
      const heading = dialog.querySelector("h2");
      if (heading) dialog.setAttribute("aria-label", heading.textContent.trim());
    }
  });

  // A refused comment or report comes back as the form with its error (400) or a message (409):
  // show it where the form was instead of htmx's default of dropping error responses.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    const elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    if ((status === 400 || status === 409) && elt && elt.closest && elt.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A rate limit's notice (a 429 swapped into #notices) goes after a while, or at a tap.
  document.addEventListener("htmx:afterSwap", (event) => {
    const notices = event.detail.target;
    if (!notices || notices.id !== "notices") return;
    clearTimeout(notices._timer);
    notices._timer = setTimeout(() => { notices.textContent = ""; }, 10000);
  });
  document.addEventListener("click", (event) => {
    const notices = event.target.closest && event.target.closest("#notices");
    if (notices) notices.textContent = "";
  });

  function say(from, text) {
    const actions = from.closest(".post-actions");
    const status = actions && actions.querySelector(".action-status");
    if (!status) return;
    status.textContent = text;
    clearTimeout(status._timer);
    status._timer = setTimeout(() => { status.textContent = ""; }, 2500);
  }

  // Share: the native share sheet where there is one, else copy the post's address.
  document.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-share]");
    if (!link) return;
    event.preventDefault();
    const url = link.dataset.share;
    if (navigator.share) {
      try {
        await navigator.share({ title: link.dataset.shareTitle || document.title, url });
        return;
      } catch (error) {
        if (error && error.name === "AbortError") return; // the user closed the sheet
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      say(link, "Link copied");
    } catch (error) {
      window.prompt("Copy this link", url); // no clipboard access (e.g. plain http)
    }
  });

  if (document.body) drawer();
  else document.addEventListener("DOMContentLoaded", drawer);
})();
