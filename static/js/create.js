// The create form: a cameo chip adds its @handle to the prompt where the cursor is.
(function () {
  "use strict";
  document.addEventListener("click", (event) => {
    const chip = event.target.closest("[data-handle]");
    const prompt = chip && document.querySelector("[data-prompt]");
    if (!prompt) return;
    const at = prompt.selectionStart ?? prompt.value.length;
    const before = prompt.value.slice(0, at), after = prompt.value.slice(at);
    const pad = before && !/\s$/.test(before) ? " " : "";
    prompt.value = before + pad + chip.dataset.handle + " " + after;
    prompt.focus();
  });
})();

// The prompt's counter: the length as you type, and a plain "N too many" past the limit (the server
// refuses a longer prompt and keeps the text, so nothing is cut without a word).
(function () {
  "use strict";
  function update(prompt) {
    const counter = document.getElementById("prompt-count");
    if (!counter) return;
    const limit = Number(prompt.dataset.maxLength);
    const length = [...prompt.value].length; // characters, as the server counts them, not UTF-16 units
    const over = length - limit;
    counter.querySelector("[data-count]").textContent = length.toLocaleString("en");
    counter.querySelector("[data-over]").textContent = over > 0 ? `: ${over.toLocaleString("en")} too many` : "";
    counter.classList.toggle("error", over > 0);
    if (over > 0) prompt.setAttribute("aria-invalid", "true");
    else prompt.removeAttribute("aria-invalid");
  }
  document.addEventListener("input", (event) => {
    if (event.target.matches && event.target.matches("[data-prompt]")) update(event.target);
  });
  document.addEventListener("click", (event) => {
    // a cameo chip changed the prompt (the handler above runs first: it was added first)
    if (event.target.closest("[data-handle]")) document.querySelectorAll("[data-prompt]").forEach(update);
  });
  function init() { document.querySelectorAll("[data-prompt]").forEach(update); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
