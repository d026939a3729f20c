// Messages ("Signed in", "Published") are toasts over the page: they go after a few seconds or at a
// tap. Without this script a CSS animation fades them instead (see .toasts in app.css).
(function () {
  "use strict";
  function settle(list) {
    if (!list || list.dataset.toasts) return;
    list.dataset.toasts = "on";
    list.classList.add("scripted"); // the script, not the CSS fade, decides when they go
    const dismiss = () => list.remove();
    list.addEventListener("click", dismiss);
    // An error stays until tapped: it may say what to fix.
    if (!list.querySelector(".error")) setTimeout(dismiss, 6000);
  }
  function init() { document.querySelectorAll(".toasts").forEach(settle); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
