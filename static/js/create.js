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
