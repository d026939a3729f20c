// Feed playback: the video in view plays muted and loops; others pause. Tap to unmute.
// Without this script the videos simply show their controls.
(function () {
  let soundOn = false;
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const video = entry.target;
      if (entry.isIntersecting) {
        video.muted = !soundOn;
        video.play().catch(() => {}); // autoplay may be refused; the poster stays
      } else {
        video.pause();
      }
    }
  }, { threshold: 0.6 });

  function setSound(on) {
    soundOn = on;
    document.querySelectorAll(".feed-item video").forEach((v) => { v.muted = !on; });
    document.querySelectorAll(".feed-item .unmute").forEach((b) => {
      b.textContent = on ? "Sound on" : "Tap for sound";
      b.setAttribute("aria-label", on ? "Mute" : "Unmute");
    });
  }

  function init(root) {
    root.querySelectorAll(".feed-item video:not([data-ready])").forEach((video) => {
      video.dataset.ready = "1";
      video.removeAttribute("controls");
      video.addEventListener("click", () => setSound(!soundOn));
      const button = video.parentElement.querySelector(".unmute");
      if (button) {
        button.hidden = false;
        button.addEventListener("click", () => setSound(!soundOn));
      }
      observer.observe(video);
    });
  }

  document.addEventListener("DOMContentLoaded", () => init(document));
  document.addEventListener("htmx:afterSettle", (event) => init(event.target.parentElement || document));
})();
