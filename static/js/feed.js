// Feed playback. The video in view plays muted and loops; the others pause. Tap a video or press
// m for sound; j/k (or the arrow keys) move between videos; space plays or pauses.
// With prefers-reduced-motion nothing starts by itself and scrolling jumps instead of gliding.
// Without this script the videos keep their native controls and "More videos" is a plain link.
(function () {
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  let soundOn = false;
  let current = null; // the .feed-item in view

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  // Watch completion: the most of each video seen, sent when it leaves the screen (or the page
  // hides). The server counts a view once per viewer per day and keeps the best completion.
  const watched = new WeakMap(); // item -> {best, sent}
  function track(item) {
    if (!watched.has(item)) watched.set(item, { best: 0, sent: -1 });
    return watched.get(item);
  }
  function report(item) {
    const state = track(item);
    if (state.best <= 0 || state.best <= state.sent || !item.dataset.viewUrl) return;
    state.sent = state.best;
    const body = new URLSearchParams({ completion: state.best.toFixed(3) });
    fetch(item.dataset.viewUrl, {
      method: "POST", body, keepalive: true, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).catch(() => {});
  }

  function setSound(on) {
    soundOn = on;
    document.querySelectorAll(".feed-item").forEach((item) => {
      const video = item.querySelector("video");
      video.muted = !(on && item === current);
      const button = item.querySelector(".sound");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.setAttribute("aria-label", on ? "Sound on. Tap to mute (m)" : "Sound off. Tap for sound (m)");
    });
  }

  function showPlayState(item) {
    const video = item.querySelector("video");
    item.querySelector(".play").hidden = !video.paused;
  }

  function play(item) {
    const video = item.querySelector("video");
    video.muted = !soundOn;
    video.play().then(() => showPlayState(item)).catch(() => {
      // Autoplay with sound can be refused until the user interacts: fall back to muted.
      if (!video.muted) { video.muted = true; video.play().catch(() => showPlayState(item)); }
      showPlayState(item);
    });
  }

  function togglePlay(item) {
    const video = item.querySelector("video");
    if (video.paused) play(item); else { video.pause(); showPlayState(item); }
  }

  // Back to the feed (from a profile, a post) reloads it: the address names the page's snapshot and
  // the video in view, so the reload shows the same videos in the same order, at the same one.
  function remember(item) {
    if (!item.dataset.here) return;
    const url = item.dataset.here + "#" + item.id;
    if (location.pathname + location.search + location.hash !== url) history.replaceState(history.state, "", url);
  }
  function returnToPlace() {
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.classList.contains("feed-item")) target.scrollIntoView({ behavior: "instant", block: "start" });
  }

  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const item = entry.target;
      const video = item.querySelector("video");
      if (entry.isIntersecting) {
        current = item;
        remember(item);
        if (reducedMotion.matches) showPlayState(item); else play(item);
      } else {
        video.pause();
        video.muted = true;
        report(item);
        if (current === item) current = null;
      }
    }
  }, { threshold: 0.6 });

  function init(root) {
    root.querySelectorAll(".feed-item:not([data-ready])").forEach((item) => {
      item.dataset.ready = "1";
      const video = item.querySelector("video");
      video.removeAttribute("controls");
      const state = track(item);
      let last = 0;
      video.addEventListener("timeupdate", () => {
        if (!video.duration) return;
        // Looping back to the start means it was watched to the end.
        const fraction = video.currentTime < last - 0.5 ? 1 : video.currentTime / video.duration;
        last = video.currentTime;
        state.best = Math.max(state.best, Math.min(1, fraction));
      });
      video.addEventListener("click", () => (reducedMotion.matches ? togglePlay(item) : setSound(!soundOn)));
      video.addEventListener("pause", () => showPlayState(item));
      video.addEventListener("play", () => showPlayState(item));
      const sound = item.querySelector(".sound");
      sound.hidden = false;
      sound.addEventListener("click", () => setSound(!soundOn));
      const play = item.querySelector(".play");
      play.addEventListener("click", () => togglePlay(item));
      const cc = item.querySelector(".cc");
      if (video.textTracks.length) {
        cc.hidden = false;
        cc.addEventListener("click", () => {
          const on = cc.getAttribute("aria-pressed") !== "true";
          for (const t of video.textTracks) t.mode = on ? "showing" : "hidden";
          cc.setAttribute("aria-pressed", on ? "true" : "false");
        });
      }
      observer.observe(item);
    });
    setSound(soundOn);
  }

  function move(step) {
    const items = Array.from(document.querySelectorAll(".feed-item"));
    if (!items.length) return;
    const index = current ? items.indexOf(current) : -1;
    const next = items[Math.max(0, Math.min(items.length - 1, index + step))];
    next.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "start" });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable], dialog[open]")) return;
    const key = event.key;
    // Space on a focused button or link presses it; leave that alone.
    if (key === " " && target.closest && target.closest("button, a, summary")) return;
    if (key === "j" || key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (key === "k" || key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (key === " ") { event.preventDefault(); if (current) togglePlay(current); }
    else if (key === "m") { setSound(!soundOn); }
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") document.querySelectorAll(".feed-item").forEach(report);
  });
  document.addEventListener("DOMContentLoaded", () => { returnToPlace(); init(document); });
  document.addEventListener("htmx:afterSettle", () => init(document));
})();
