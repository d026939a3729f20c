// Registers the service worker (feed/views/app.py, static/js/service-worker.js): the app then
// opens from the home screen and shows its offline page without a connection. The worker's
// address is this script tag's data-service-worker, at the site root so it answers for every page.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  const url = script.getAttribute("data-service-worker");
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(url, { updateViaCache: "none" }).catch((error) => console.warn("No offline support:", error));
  });
  // The offline page tries again by itself once the connection is back. Not while it is being left:
  // Chromium sends "online" to a page it is navigating away from, and a reload then would take the
  // place of the link the user followed.
  if (document.querySelector("[data-offline-retry]")) {
    let leaving = false;
    window.addEventListener("beforeunload", () => { leaving = true; });
    window.addEventListener("pageshow", () => { leaving = false; });
    window.addEventListener("online", () => {
      if (navigator.onLine && !leaving) window.location.reload();
    });
  }
})();
