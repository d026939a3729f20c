// Live pages (a job's or a cameo check's progress): the websocket pushes updates; while it is
// down, the element marked data-poll-fallback polls instead. A healthy page makes no extra
// requests. (A static file, not an hx-trigger filter: filters need eval, which the CSP forbids.)
(function () {
  "use strict";
  let socketOpen = false;
  document.addEventListener("htmx:wsOpen", () => { socketOpen = true; });
  document.addEventListener("htmx:wsClose", () => { socketOpen = false; });
  document.addEventListener("htmx:confirm", (event) => {
    const elt = event.detail.elt;
    if (socketOpen && elt && elt.hasAttribute && elt.hasAttribute("data-poll-fallback")) {
      event.preventDefault(); // the socket is up: skip this poll
    }
  });
})();
